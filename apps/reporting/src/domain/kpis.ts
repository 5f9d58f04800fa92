import { DurationHistogram, histogramPercentiles } from './duration-histogram';
import type { CallbackRecord, IncidentRecord, TicketRecord } from './ticket-record';
import { NO_SUMS, TicketDurations, TicketSums, clockJudged, clockOnTime, sumsOf } from './ticket-share';

export type { TicketDurations } from './ticket-share';

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
  readonly incidents: number;
  readonly incidentChildren: number;
  readonly distinctMatters: number;
  readonly resolutionRate: number | null;
  readonly firstResponseOnTimeRate: number | null;
  readonly resolutionOnTimeRate: number | null;
  readonly dispatchOnTimeRate: number | null;
  readonly onSiteOnTimeRate: number | null;
  readonly satisfactionRate: number | null;
  readonly callbackCompletionRate: number | null;
  readonly callbackOnTimeRate: number | null;
  readonly reopenRate: number | null;
  readonly knowledgeAnswerUsageRate: number | null;
  readonly answerAccuracyRate: number | null;
  readonly recordCompletenessRate: number | null;
  readonly firstResponseMinutes: Percentiles;
  readonly resolutionMinutes: Percentiles;
}

/**
 * The formulas, one line each; docs/kpis.md and the OpenAPI description repeat them.
 * Tickets are those received in the period; callbacks those due in it.
 */
export const KPI_FORMULAS: Readonly<Record<keyof KpiFigures, string>> = {
  received: 'tickets opened in the period',
  valid:
    'of those, judged valid (latest validity decision; a dispatch of a repair or complaint still pending, new or reopened, is its valid decision, and so is an earlier dispatch of a matter reclassified a repair or complaint, from the amendment on)',
  invalid: 'of those, judged invalid (a judgement a reopening withdrew counts in none of valid, invalid, outOfScope until judged again or dispatched)',
  outOfScope: 'of those, judged out of scope (redirected; a judgement a reopening withdrew counts in none until judged again or dispatched)',
  dispatched: 'of those, dispatched to a department at least once',
  resolved: 'of those, resolved or closed and not reopened since',
  closed: 'of those, closed and not reopened since',
  reopened: 'of those, reopened at least once',
  escalated: 'of those, escalated at least once',
  majorComplaints: 'of those, graded major on receipt or escalated as a major complaint',
  extensions: 'extensions of the promised time granted on those tickets (each extension counts)',
  incidents: 'incidents (群发事件) declared in the period',
  incidentChildren: 'of the tickets received, those joined to an incident: one fault, many callers',
  distinctMatters: 'tickets received not joined to an incident, plus incidents declared: each fault counted once',
  resolutionRate: 'resolved / received',
  firstResponseOnTimeRate:
    'tickets first replied to (or resolved before any reply) with no first-response breach / tickets first replied to or resolved, or whose first-response clock breached',
  resolutionOnTimeRate:
    'resolved with no resolution breach / resolved or whose resolution clock breached, over tickets not joined to an incident and incidents declared (an incident stands for its children)',
  dispatchOnTimeRate:
    'dispatched within the dispatch clock / dispatched under a dispatch clock or whose dispatch clock ran out (报修、投诉的转发是否及时), over tickets and incidents declared; a ticket or incident with no dispatch clock, a child an incident stands for and routine work a schedule opened count in neither',
  onSiteOnTimeRate:
    'handler on site (上门) within the on-site clock / arrived under an on-site clock or whose on-site clock ran out, over tickets; a ticket with no on-site clock and a child an incident stands for count in neither',
  satisfactionRate: 'completed callbacks with the customer satisfied (非常满意 or 满意) / completed callbacks with a verdict (a care call may record none)',
  callbackCompletionRate: 'completed callbacks / callbacks due in the period, cancelled ones excepted',
  callbackOnTimeRate: 'callbacks completed no later than their due time / completed callbacks',
  reopenRate: 'reopened / tickets ever resolved',
  knowledgeAnswerUsageRate: 'tickets answered with a unified answer (统一答复) / tickets given a reply or an explanation',
  answerAccuracyRate: 'spot checks passed / spot checks made in the period (解答准确率, as quality judged the agents’ answers); by agent and project, else the total only',
  recordCompletenessRate:
    'closed tickets whose record held all it should when closed / closed tickets (处理记录是否完整: item, project; the building and room its catalogue item asks for; for a repair or complaint its validity and, when valid, the department; for a suggestion its evaluation), over tickets closed by a release that judged it',
  firstResponseMinutes:
    'working minutes from opening to the first reply, or the resolution when it came first, over tickets replied to or resolved: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %)',
  resolutionMinutes:
    'working minutes from opening to the latest resolution, over resolved tickets: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %)',
};

/** 质检 — one agent's handling as quality judged it; what answer accuracy is counted from. */
export interface SpotCheckRecord {
  readonly agentId: string;
  readonly projectCode: string | null;
  readonly passed: boolean;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length;

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

const percentiles = (histogram: DurationHistogram): Percentiles => {
  const [p50 = null, p90 = null] = histogramPercentiles(histogram, [0.5, 0.9]);
  return { p50, p90 };
};

/**
 * Every KPI of one group, from what its tickets add up to, its callbacks and its incidents. An
 * incident stands for its children where the work is judged: resolved and not breached is on time.
 */
export function figuresOf(
  sums: TicketSums,
  callbacks: readonly CallbackRecord[],
  incidents: readonly IncidentRecord[] = [],
  spotChecks: readonly SpotCheckRecord[] = [],
): KpiFigures {
  const t = sums.tally;
  const handled = incidents.filter((i) => i.resolvedAt !== null);
  // Judged once resolved, or once its resolution clock ran out (kpis.md), as a ticket is.
  const judged = incidents.filter((i) => i.resolvedAt !== null || i.breached === true);
  const live = callbacks.filter((c) => c.status !== 'cancelled');
  const completed = callbacks.filter((c) => c.status === 'completed');
  return {
    received: t.received,
    valid: t.valid,
    invalid: t.invalid,
    outOfScope: t.outOfScope,
    dispatched: t.dispatched,
    resolved: t.resolved,
    closed: t.closed,
    reopened: t.reopened,
    escalated: t.escalated,
    majorComplaints: t.majorComplaints,
    extensions: t.extensions,
    incidents: incidents.length,
    incidentChildren: t.incidentChildren,
    distinctMatters: t.received - t.incidentChildren + incidents.length,
    resolutionRate: ratio(t.resolved, t.received),
    firstResponseOnTimeRate: ratio(t.firstResponseOnTime, t.firstResponseJudged),
    resolutionOnTimeRate: ratio(t.resolutionOnTime + count(handled, (i) => i.breached !== true), t.resolutionJudged + judged.length),
    dispatchOnTimeRate: ratio(
      t.dispatchOnTime + count(incidents, (i) => clockOnTime(i.dispatchBreached)),
      t.dispatchJudged + count(incidents, (i) => clockJudged(i.dispatchBreached)),
    ),
    onSiteOnTimeRate: ratio(t.onSiteOnTime, t.onSiteJudged),
    satisfactionRate: ratio(count(completed, (c) => c.satisfied === true), count(completed, (c) => c.satisfied !== null)),
    callbackCompletionRate: ratio(completed.length, live.length),
    callbackOnTimeRate: ratio(count(completed, (c) => c.onTime === true), completed.length),
    reopenRate: ratio(t.reopened, t.everResolved),
    knowledgeAnswerUsageRate: ratio(t.answeredFromKnowledge, t.replied),
    answerAccuracyRate: ratio(count(spotChecks, (s) => s.passed), spotChecks.length),
    recordCompletenessRate: ratio(t.recordComplete, t.recordJudged),
    firstResponseMinutes: percentiles(sums.firstResponse),
    resolutionMinutes: percentiles(sums.resolution),
  };
}

/** Every KPI of one group of tickets, callbacks and incidents. */
export function kpiFigures(
  tickets: readonly TicketRecord[],
  callbacks: readonly CallbackRecord[],
  durations: (ticket: TicketRecord) => TicketDurations,
  incidents: readonly IncidentRecord[] = [],
  spotChecks: readonly SpotCheckRecord[] = [],
): KpiFigures {
  return figuresOf(sumsOf(tickets, durations), callbacks, incidents, spotChecks);
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

/** An incident has no channel and no first-contact agent: in those groupings it is `none`. */
export function incidentKey(grouping: Grouping, i: IncidentRecord): string {
  switch (grouping) {
    case 'section':
      return i.sectionCode;
    case 'item':
      return i.itemCode;
    case 'project':
      return i.projectCode;
    case 'department':
      return i.department ?? NO_KEY;
    case 'channel':
    case 'agent':
      return NO_KEY;
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

/** The figures per key of the grouping, keys in order; a key with only callbacks or incidents still gets a group. */
export function groupFigures(
  grouping: Grouping,
  sums: ReadonlyMap<string, TicketSums>,
  callbacks: readonly CallbackRecord[],
  incidents: readonly IncidentRecord[] = [],
  spotChecks: readonly SpotCheckRecord[] = [],
): KpiGroup[] {
  const ticketKeys = [...sums.entries()].filter(([, s]) => s.tally.received > 0).map(([key]) => key);
  const checkKeys = spotChecks.flatMap((s) => spotCheckKey(grouping, s) ?? []);
  const keys = [...new Set([...ticketKeys, ...callbacks.map((c) => callbackKey(grouping, c)), ...incidents.map((i) => incidentKey(grouping, i)), ...checkKeys])].sort();
  return keys.map((key) => ({
    key,
    ...figuresOf(
      sums.get(key) ?? NO_SUMS,
      callbacks.filter((c) => callbackKey(grouping, c) === key),
      incidents.filter((i) => incidentKey(grouping, i) === key),
      spotChecks.filter((s) => spotCheckKey(grouping, s) === key),
    ),
  }));
}

/**
 * A spot check names the agent and the project, nothing else a grouping keys on: by section,
 * item, channel or department it is in no group (the total still counts it).
 */
export function spotCheckKey(grouping: Grouping, s: SpotCheckRecord): string | undefined {
  switch (grouping) {
    case 'agent':
      return s.agentId;
    case 'project':
      return s.projectCode ?? NO_KEY;
    default:
      return undefined;
  }
}

/** What the tickets of each key of the grouping add up to. */
export function groupSums(grouping: Grouping, tickets: readonly TicketRecord[], durations: (ticket: TicketRecord) => TicketDurations): Map<string, TicketSums> {
  const byKey = new Map<string, TicketRecord[]>();
  for (const t of tickets) {
    const key = ticketKey(grouping, t);
    const group = byKey.get(key);
    if (group) group.push(t);
    else byKey.set(key, [t]);
  }
  return new Map([...byKey.entries()].map(([key, group]) => [key, sumsOf(group, durations)]));
}

export function groupKpis(
  grouping: Grouping,
  tickets: readonly TicketRecord[],
  callbacks: readonly CallbackRecord[],
  durations: (ticket: TicketRecord) => TicketDurations,
  incidents: readonly IncidentRecord[] = [],
  spotChecks: readonly SpotCheckRecord[] = [],
): KpiGroup[] {
  return groupFigures(grouping, groupSums(grouping, tickets, durations), callbacks, incidents, spotChecks);
}
