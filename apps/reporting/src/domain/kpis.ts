import { CallbackRecord, TicketRecord, isMajorComplaint, isResolved } from './ticket-record';

export const GROUPINGS = ['section', 'item', 'channel', 'project', 'department', 'agent'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The key of records with no value for the grouping (no project, not dispatched, no item). */
export const NO_KEY = 'none';

export interface Percentiles {
  readonly p50: number | null;
  readonly p90: number | null;
}

export interface KpiFigures {
  readonly received: number;
  readonly valid: number;
  readonly invalid: number;
  readonly outOfScope: number;
  readonly dispatched: number;
  readonly resolved: number;
  readonly closed: number;
  readonly reopened: number;
  readonly escalated: number;
  readonly majorComplaints: number;
  readonly extensions: number;
  readonly resolutionRate: number | null;
  readonly firstResponseOnTimeRate: number | null;
  readonly resolutionOnTimeRate: number | null;
  readonly satisfactionRate: number | null;
  readonly callbackCompletionRate: number | null;
  readonly callbackOnTimeRate: number | null;
  readonly reopenRate: number | null;
  readonly knowledgeAnswerUsageRate: number | null;
  readonly firstResponseMinutes: Percentiles;
  readonly resolutionMinutes: Percentiles;
}

/** Working minutes of a ticket's first response and resolution, by the business calendar. */
export interface TicketDurations {
  readonly firstResponseMinutes: number | null;
  readonly resolutionMinutes: number | null;
}

/**
 * The formulas, one line each; docs/kpis.md and the OpenAPI description repeat them.
 * Tickets are those received in the period; callbacks those due in it.
 */
export const KPI_FORMULAS: Readonly<Record<keyof KpiFigures, string>> = {
  received: 'tickets opened in the period',
  valid: 'of those, judged valid (latest validity decision)',
  invalid: 'of those, judged invalid',
  outOfScope: 'of those, judged out of scope (redirected)',
  dispatched: 'of those, dispatched to a department at least once',
  resolved: 'of those, resolved or closed and not reopened since',
  closed: 'of those, closed',
  reopened: 'of those, reopened at least once',
  escalated: 'of those, escalated at least once',
  majorComplaints: 'of those, graded major on receipt or escalated as a major complaint',
  extensions: 'extensions of the promised time granted on those tickets (each extension counts)',
  resolutionRate: 'resolved / received',
  firstResponseOnTimeRate: 'tickets first replied to with no first-response breach / tickets first replied to or whose first-response clock breached',
  resolutionOnTimeRate: 'resolved tickets with no resolution breach / tickets resolved or whose resolution clock breached',
  satisfactionRate: 'completed callbacks with the customer satisfied (非常满意 or 满意) / completed callbacks',
  callbackCompletionRate: 'completed callbacks / callbacks due in the period, cancelled ones excepted',
  callbackOnTimeRate: 'callbacks completed no later than their due time / completed callbacks',
  reopenRate: 'reopened / tickets ever resolved',
  knowledgeAnswerUsageRate: 'tickets answered with a unified answer (统一答复) / tickets given a reply or an explanation',
  firstResponseMinutes: 'working minutes from opening to the first reply, p50 and p90 by nearest rank, over tickets replied to',
  resolutionMinutes: 'working minutes from opening to the latest resolution, p50 and p90 by nearest rank, over resolved tickets',
};

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length;

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

function percentiles(values: readonly (number | null)[]): Percentiles {
  const present = values.filter((v): v is number => v !== null);
  return { p50: percentile(present, 0.5), p90: percentile(present, 0.9) };
}

/** Every KPI of one group of tickets and callbacks. */
export function kpiFigures(
  tickets: readonly TicketRecord[],
  callbacks: readonly CallbackRecord[],
  durations: (ticket: TicketRecord) => TicketDurations,
): KpiFigures {
  const resolved = count(tickets, isResolved);
  const everResolved = count(tickets, (t) => t.resolvedAt !== null);
  const firstResponseJudged = tickets.filter((t) => t.firstReplyAt !== null || t.firstResponseBreached);
  const resolutionJudged = tickets.filter((t) => isResolved(t) || t.resolutionBreached);
  const live = callbacks.filter((c) => c.status !== 'cancelled');
  const completed = callbacks.filter((c) => c.status === 'completed');
  const timed = tickets.map(durations);
  return {
    received: tickets.length,
    valid: count(tickets, (t) => t.validity === 'valid'),
    invalid: count(tickets, (t) => t.validity === 'invalid'),
    outOfScope: count(tickets, (t) => t.validity === 'out_of_scope'),
    dispatched: count(tickets, (t) => t.dispatchedAt !== null),
    resolved,
    closed: count(tickets, (t) => t.closedAt !== null),
    reopened: count(tickets, (t) => t.reopenCount > 0),
    escalated: count(tickets, (t) => t.escalationLevel > 0),
    majorComplaints: count(tickets, isMajorComplaint),
    extensions: tickets.reduce((sum, t) => sum + t.extensionCount, 0),
    resolutionRate: ratio(resolved, tickets.length),
    firstResponseOnTimeRate: ratio(count(firstResponseJudged, (t) => t.firstReplyAt !== null && !t.firstResponseBreached), firstResponseJudged.length),
    resolutionOnTimeRate: ratio(count(resolutionJudged, (t) => isResolved(t) && !t.resolutionBreached), resolutionJudged.length),
    satisfactionRate: ratio(count(completed, (c) => c.satisfied === true), completed.length),
    callbackCompletionRate: ratio(completed.length, live.length),
    callbackOnTimeRate: ratio(count(completed, (c) => c.onTime === true), completed.length),
    reopenRate: ratio(count(tickets, (t) => t.reopenCount > 0), everResolved),
    knowledgeAnswerUsageRate: ratio(count(tickets, (t) => t.answeredFromKnowledge), count(tickets, (t) => t.replied)),
    firstResponseMinutes: percentiles(timed.map((d) => d.firstResponseMinutes)),
    resolutionMinutes: percentiles(timed.filter((_, i) => isResolved(tickets[i] as TicketRecord)).map((d) => d.resolutionMinutes)),
  };
}

export function ticketKey(grouping: Grouping, t: TicketRecord): string {
  switch (grouping) {
    case 'section':
      return t.sectionCode ?? NO_KEY;
    case 'item':
      return t.itemCode ?? NO_KEY;
    case 'channel':
      return t.channel;
    case 'project':
      return t.projectCode ?? NO_KEY;
    case 'department':
      return t.department ?? NO_KEY;
    case 'agent':
      return t.ownerId;
  }
}

export function callbackKey(grouping: Grouping, c: CallbackRecord): string {
  switch (grouping) {
    case 'section':
      return c.sectionCode ?? NO_KEY;
    case 'item':
      return c.itemCode ?? NO_KEY;
    case 'channel':
      return c.channel ?? NO_KEY;
    case 'project':
      return c.projectCode ?? NO_KEY;
    case 'department':
      return c.department ?? NO_KEY;
    case 'agent':
      return c.agent ?? NO_KEY;
  }
}

export interface KpiGroup extends KpiFigures {
  readonly key: string;
}

/** The figures per key of the grouping, keys in order; a key with only callbacks still gets a group. */
export function groupKpis(
  grouping: Grouping,
  tickets: readonly TicketRecord[],
  callbacks: readonly CallbackRecord[],
  durations: (ticket: TicketRecord) => TicketDurations,
): KpiGroup[] {
  const keys = [...new Set([...tickets.map((t) => ticketKey(grouping, t)), ...callbacks.map((c) => callbackKey(grouping, c))])].sort();
  return keys.map((key) => ({
    key,
    ...kpiFigures(
      tickets.filter((t) => ticketKey(grouping, t) === key),
      callbacks.filter((c) => callbackKey(grouping, c) === key),
      durations,
    ),
  }));
}
