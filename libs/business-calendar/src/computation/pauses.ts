import { epochMsOf } from '../time/instant';
import type { Span } from './span';

/**
 * A stretch during which an SLA clock stands still, e.g. while awaiting the customer.
 * `to` absent: still paused.
 */
export interface Pause {
  readonly from: Date;
  readonly to?: Date;
}

/** Pauses as sorted, merged spans; an open pause ends at Infinity. Overlapping pauses are fine. */
export function pauseSpans(pauses: readonly Pause[] = []): readonly Span[] {
  const spans = pauses
    .map((pause, index): Span => {
      const start = epochMsOf(pause.from, `pauses[${index}].from`);
      const end = pause.to === undefined ? Infinity : epochMsOf(pause.to, `pauses[${index}].to`);
      if (end < start) throw new RangeError(`pauses[${index}] ends before it starts`);
      return { start, end };
    })
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start <= previous.end) {
      merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, span.end) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

/**
 * The working spans with the paused time cut out. Both inputs are sorted, so one forward pass
 * suffices. Once an open pause begins no working time is left, and the walk ends there
 * (rather than scanning the calendar forever).
 */
export function* withoutPauses(working: Iterable<Span>, pauses: readonly Span[]): Generator<Span> {
  let next = 0;
  for (const span of working) {
    let cursor = span.start;
    while (next < pauses.length && pauses[next].end <= cursor) next += 1;
    for (let index = next; index < pauses.length && pauses[index].start < span.end; index += 1) {
      const pause = pauses[index];
      if (pause.start > cursor) yield { start: cursor, end: pause.start };
      cursor = Math.max(cursor, pause.end);
      if (cursor === Infinity) return;
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) yield { start: cursor, end: span.end };
  }
}

/** When the clock stopped for good, if it has: the start of the open pause. */
export function openPauseStart(pauses: readonly Span[]): number | undefined {
  const last = pauses.at(-1);
  return last && last.end === Infinity ? last.start : undefined;
}
