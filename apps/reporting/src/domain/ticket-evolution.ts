import type { Hundredths } from './duration-histogram';
import type { TicketChange } from './projection-changes';
import type { TicketRecord } from './ticket-record';

/** A ticket as `ticket.created` opens it in the read model. */
export interface OpenedTicket {
  readonly ticketId: string;
  readonly number: string;
  readonly channel: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly projectCode?: string;
  readonly ownerId: string;
  readonly openedAt: string;
}

/**
 * What the rollups hold of a ticket: its share as last counted, under which version of the
 * business calendar (working minutes and the local day depend on it). `day` is null when the
 * ticket counts for nothing (merged into another).
 */
export interface CountedAs {
  readonly calendarVersion: number;
  readonly day: number | null;
  readonly firstResponse: Hundredths | null;
  readonly resolution: Hundredths | null;
}

/** A ticket's row in the read model. `counted` is null until its share is first counted. */
export interface TicketFact extends TicketRecord {
  /** 工单合并 — the survivor it was merged into: it counts for nothing any more. */
  readonly mergedInto: string | null;
  readonly counted: CountedAs | null;
}

/** One event's effect on a ticket, in the order its events arrive. */
export type TicketStep =
  | { readonly kind: 'opened'; readonly ticket: OpenedTicket }
  | { readonly kind: 'changed'; readonly change: TicketChange }
  | { readonly kind: 'merged'; readonly survivorTicketId: string }
  | { readonly kind: 'graded'; readonly grade: string };

/** A ticket's row, if reporting saw it opened, and the grade intake reported for it, which may come first. */
export interface TicketSlot {
  readonly fact: TicketFact | undefined;
  readonly grade: string | null;
}

const dateOf = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));
const later = (a: Date | null, b: Date | undefined): Date | null => (b === undefined || (a !== null && a >= b) ? a : b);
const higher = (a: number, b: number | undefined): number => (b === undefined ? a : Math.max(a, b));

/**
 * A change applied as ADR 0029 defines it: `set` overwrites, `latest` and `raise` keep the
 * highest, `first` keeps the value set first, `flag` only turns on. Applying it twice gives the
 * same ticket.
 */
export function applyChange(t: TicketFact, change: TicketChange): TicketFact {
  const set = change.set ?? {};
  const latest = change.latest ?? {};
  const first = change.first ?? {};
  const raise = change.raise ?? {};
  const flag = change.flag ?? {};
  return {
    ...t,
    validity: set.validity === undefined ? t.validity : set.validity,
    department: set.department ?? t.department,
    itemCode: set.itemCode ?? t.itemCode,
    sectionCode: set.sectionCode ?? t.sectionCode,
    projectCode: set.projectCode ?? t.projectCode,
    incidentId: set.incidentId ?? t.incidentId,
    resolvedAt: later(t.resolvedAt, dateOf(latest.resolvedAt)),
    reopenedAt: later(t.reopenedAt, dateOf(latest.reopenedAt)),
    closedAt: later(t.closedAt, dateOf(latest.closedAt)),
    dispatchedAt: t.dispatchedAt ?? dateOf(first.dispatchedAt) ?? null,
    firstReplyAt: t.firstReplyAt ?? dateOf(first.firstReplyAt) ?? null,
    onSiteAt: t.onSiteAt ?? dateOf(first.onSiteAt) ?? null,
    extensionCount: higher(t.extensionCount, raise.extensionCount),
    reopenCount: higher(t.reopenCount, raise.reopenCount),
    escalationLevel: higher(t.escalationLevel, raise.escalationLevel),
    replied: t.replied || flag.replied === true,
    answeredFromKnowledge: t.answeredFromKnowledge || flag.answeredFromKnowledge === true,
    firstResponseBreached: t.firstResponseBreached || flag.firstResponseBreached === true,
    resolutionBreached: t.resolutionBreached || flag.resolutionBreached === true,
    dispatchBreached: verdictAfter(t.dispatchBreached, change.verdict?.dispatchBreached),
    onSiteBreached: verdictAfter(t.onSiteBreached, change.verdict?.onSiteBreached),
    majorComplaint: t.majorComplaint || flag.majorComplaint === true,
    recordComplete: recordAfter(t, change.closedRecord),
  };
}

/** A breach stands whatever is told after it; until one, the latest verdict told (null: none yet). */
const verdictAfter = (before: boolean | null, told: boolean | undefined): boolean | null => (before === true || told === undefined ? before : told);

/** A close judged after the latest seen replaces its verdict; an earlier one, replayed or late, does not. */
function recordAfter(t: TicketFact, closed: TicketChange['closedRecord']): boolean | null {
  if (closed === undefined) return t.recordComplete;
  return t.closedAt === null || new Date(closed.at) >= t.closedAt ? closed.complete : t.recordComplete;
}

function opened(o: OpenedTicket, grade: string | null): TicketFact {
  return {
    ticketId: o.ticketId,
    number: o.number,
    channel: o.channel,
    sectionCode: o.sectionCode ?? null,
    itemCode: o.itemCode ?? null,
    projectCode: o.projectCode ?? null,
    ownerId: o.ownerId,
    openedAt: new Date(o.openedAt),
    grade,
    validity: null,
    department: null,
    dispatchedAt: null,
    firstReplyAt: null,
    replied: false,
    answeredFromKnowledge: false,
    firstResponseBreached: false,
    resolutionBreached: false,
    dispatchBreached: null,
    onSiteAt: null,
    onSiteBreached: null,
    resolvedAt: null,
    reopenedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalationLevel: 0,
    majorComplaint: false,
    extensionCount: 0,
    incidentId: null,
    recordComplete: null,
    mergedInto: null,
    counted: null,
  };
}

/**
 * The ticket after one more of its events. An event about a ticket reporting never saw opened
 * changes nothing but the grade, which waits for its ticket; an opening seen twice keeps the
 * first, so a replayed `ticket.created` cannot undo what came after it.
 */
export function evolveTicket(slot: TicketSlot, step: TicketStep): TicketSlot {
  switch (step.kind) {
    case 'opened':
      return slot.fact ? slot : { ...slot, fact: opened(step.ticket, slot.grade) };
    case 'changed':
      return slot.fact ? { ...slot, fact: applyChange(slot.fact, step.change) } : slot;
    case 'merged':
      return slot.fact ? { ...slot, fact: { ...slot.fact, mergedInto: step.survivorTicketId } } : slot;
    case 'graded':
      return { grade: step.grade, fact: slot.fact ? { ...slot.fact, grade: step.grade } : undefined };
  }
}
