/**
 * Where a partition's last member began (ADR 0164): the offset its assignment's first batch began
 * at, or the message it was trying one at a time when it wrote it.
 */
export interface PartitionStart {
  readonly offset: string;
  /** The message tried one at a time at `offset`; none for an assignment's first batch. */
  readonly eventId?: string;
  /** Whether that message's handling committed (its event is in the group's inbox). */
  readonly handled: boolean;
  /** The consumer instance that wrote it. */
  readonly startedBy: string;
}

/**
 * What the start a partition's new owner finds says about the member before:
 * - `handed-over`: nothing to count (it handed the partition over, moved past where it began, or
 *   was this very consumer);
 * - `unfinished`: it began at the offset this batch begins at and committed nothing past it, as a
 *   process that ended mid-batch does, the message that ended it unknown: the batch goes one message
 *   at a time, each marked as it is tried, to find it;
 * - `ended-in`: it was trying `offset`'s message one at a time and neither committed nor counted
 *   that try: the process ended in it, which counts as a failed try of that message.
 */
export type StartFound = { readonly kind: 'handed-over' } | { readonly kind: 'unfinished' } | { readonly kind: 'ended-in'; readonly offset: string; readonly eventId: string };

const HANDED_OVER: StartFound = { kind: 'handed-over' };

/** Judges the start found for a partition whose batch begins at `offset`, read by the consumer instance `self`. */
export function judgeStart(found: PartitionStart | undefined, offset: string, self: string): StartFound {
  if (!found || found.startedBy === self) return HANDED_OVER;
  const at = BigInt(found.offset);
  const from = BigInt(offset);
  if (found.eventId === undefined) return at === from ? { kind: 'unfinished' } : HANDED_OVER;
  // A message handled one at a time is where its member began again: nothing committed past it since means the process ended after it.
  if (found.handled) return at + 1n === from ? { kind: 'unfinished' } : HANDED_OVER;
  return from <= at ? { kind: 'ended-in', offset: found.offset, eventId: found.eventId } : HANDED_OVER;
}
