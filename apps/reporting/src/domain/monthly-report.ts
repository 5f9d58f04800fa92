import { Grouping, KpiFigures, SpotCheckRecord, TicketDurations, figuresOf, groupFigures, groupSums } from './kpis';
import { CallbackRecord, IncidentRecord, TicketRecord, isMajorComplaint, isResolved } from './ticket-record';
import { NO_SUMS, TicketSums, sumsOf } from './ticket-share';

/** The figures of one month and of the month before, for one scope. */
export interface MonthFacts {
  readonly tickets: readonly TicketRecord[];
  readonly callbacks: readonly CallbackRecord[];
  readonly incidents: readonly IncidentRecord[];
  readonly spotChecks: readonly SpotCheckRecord[];
}

/**
 * What a period's tickets add up to, in total and by the groupings the report shows, whether
 * summed from the rollups or from the tickets themselves.
 */
export interface ReportSums {
  readonly total: TicketSums;
  readonly bySection: ReadonlyMap<string, TicketSums>;
  readonly byProject: ReadonlyMap<string, TicketSums>;
  /** 咨询内容分类统计 — consultation tickets per item. */
  readonly topics: ReadonlyMap<string, number>;
}

/** A period as the report reads it: its sums, callbacks, incidents and escalations. */
export interface ReportFacts {
  readonly sums: ReportSums;
  readonly callbacks: readonly CallbackRecord[];
  readonly incidents: readonly IncidentRecord[];
  readonly escalations: EscalationTable;
  /** Spot checks made in the period: answer accuracy. */
  readonly spotChecks: readonly SpotCheckRecord[];
}

/** 升级与重大投诉 as the report shows it: the most escalated tickets, and how many there were. */
export interface EscalationTable {
  readonly total: number;
  readonly listed: readonly Escalation[];
}

/**
 * Rows of the escalations table. A month of a busy centre escalates tens of thousands of tickets;
 * a report lists the most escalated and counts the rest, whose rows the KPI export holds.
 */
export const ESCALATIONS_LISTED = 100;

export const NO_ESCALATIONS: EscalationTable = { total: 0, listed: [] };

export type KpiChange = { readonly [K in keyof KpiFigures]: KpiFigures[K] extends number | null ? number | null : { p50: number | null; p90: number | null } };

export interface ComparedFigures {
  readonly current: KpiFigures;
  readonly previous: KpiFigures;
  /** current − previous; null where either is undefined. */
  readonly change: KpiChange;
}

export interface ComparedGroup extends ComparedFigures {
  readonly key: string;
}

/** 回访客户月统计表 — one row per catalogue section of the callbacks due in the month. */
export interface CallbackStatisticsRow {
  readonly section: string;
  readonly due: number;
  readonly completed: number;
  readonly satisfied: number;
  readonly dissatisfied: number;
  readonly onTime: number;
  readonly failed: number;
  readonly overdue: number;
  readonly cancelled: number;
  readonly pending: number;
  readonly completionRate: number | null;
  readonly satisfactionRate: number | null;
  readonly onTimeRate: number | null;
}

/** 咨询内容分类统计 — how often each consultation item was raised, and the trend against the month before. */
export interface TopicCount {
  readonly itemCode: string;
  readonly count: number;
  readonly previous: number;
  readonly change: number;
}

export interface Escalation {
  readonly ticketId: string;
  readonly number: string;
  readonly projectCode: string | null;
  readonly itemCode: string | null;
  readonly agent: string;
  readonly level: number;
  readonly majorComplaint: boolean;
  readonly openedAt: string;
  readonly resolved: boolean;
}

/** 群发事件 of the period: one fault, how many called about it, and how long it lasted. */
export interface IncidentSummary {
  readonly incidentId: string;
  readonly number: string;
  readonly projectCode: string;
  readonly building: string | null;
  readonly itemCode: string;
  readonly title: string;
  readonly department: string | null;
  readonly declaredAt: string;
  readonly resolvedAt: string | null;
  /** Elapsed minutes from declaration to resolution, as the customers lived it; null while open. */
  readonly durationMinutes: number | null;
  readonly children: number;
  readonly breached: boolean | null;
}

export type ReportKind = 'monthly' | 'weekly';

/** 月报 / 周报 — the periodic report leaders receive. */
export interface MonthlyReport {
  readonly kind: ReportKind;
  /** `2026-11` or `2026-W48`. */
  readonly period: string;
  readonly previousPeriod: string;
  readonly from: string;
  readonly to: string;
  readonly kpis: ComparedFigures;
  readonly bySection: readonly ComparedGroup[];
  readonly byProject: readonly ComparedGroup[];
  readonly callbackStatistics: { readonly rows: readonly CallbackStatisticsRow[]; readonly total: CallbackStatisticsRow };
  readonly topTopics: readonly TopicCount[];
  /** The {@link ESCALATIONS_LISTED} most escalated: highest level first, then as received. */
  readonly escalations: readonly Escalation[];
  /** Every ticket escalated or graded major in the period, listed or not. */
  readonly escalationsTotal: number;
  readonly incidents: readonly IncidentSummary[];
}

const minus = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.round((a - b) * 1e9) / 1e9);

export function changeOf(current: KpiFigures, previous: KpiFigures): KpiChange {
  const entries = Object.entries(current).map(([key, value]) => {
    const before = previous[key as keyof KpiFigures];
    if (typeof value === 'object' && value !== null && typeof before === 'object' && before !== null) {
      return [key, { p50: minus(value.p50, before.p50), p90: minus(value.p90, before.p90) }];
    }
    return [key, minus(value as number | null, before as number | null)];
  });
  return Object.fromEntries(entries) as KpiChange;
}

function compared(grouping: Grouping, now: ReportFacts, before: ReportFacts, sums: (f: ReportFacts) => ReadonlyMap<string, TicketSums>): ComparedGroup[] {
  const current = groupFigures(grouping, sums(now), now.callbacks, now.incidents, now.spotChecks);
  const previous = groupFigures(grouping, sums(before), before.callbacks, before.incidents, before.spotChecks);
  const empty = figuresOf(NO_SUMS, []);
  const figuresOfKey = (groups: typeof current, key: string): KpiFigures => {
    const found = groups.find((g) => g.key === key);
    return found ? (({ key: _key, ...rest }) => rest)(found) : empty;
  };
  // A group the period before had and this one lacks (a project with no tickets this month) is a
  // row too: its fall to nothing is a change the leaders read.
  const keys = [...current.map((g) => g.key), ...previous.map((g) => g.key).filter((key) => !current.some((g) => g.key === key))];
  return keys.map((key) => {
    const [figures, prior] = [figuresOfKey(current, key), figuresOfKey(previous, key)];
    return { key, current: figures, previous: prior, change: changeOf(figures, prior) };
  });
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

function callbackRow(section: string, callbacks: readonly CallbackRecord[]): CallbackStatisticsRow {
  const n = (test: (c: CallbackRecord) => boolean): number => callbacks.filter(test).length;
  const completed = n((c) => c.status === 'completed');
  const cancelled = n((c) => c.status === 'cancelled');
  const due = callbacks.length - cancelled;
  const satisfied = n((c) => c.status === 'completed' && c.satisfied === true);
  // A care call may be completed with no verdict: neither satisfied nor dissatisfied.
  const dissatisfied = n((c) => c.status === 'completed' && c.satisfied === false);
  const onTime = n((c) => c.status === 'completed' && c.onTime === true);
  return {
    section,
    due,
    completed,
    satisfied,
    dissatisfied,
    onTime,
    failed: n((c) => c.status === 'failed'),
    overdue: n((c) => c.overdue),
    cancelled,
    pending: n((c) => c.status === 'scheduled'),
    completionRate: ratio(completed, due),
    satisfactionRate: ratio(satisfied, satisfied + dissatisfied),
    onTimeRate: ratio(onTime, completed),
  };
}

const CONSULTATION = 'consultation';
const TOP_TOPICS = 10;

/** Consultation tickets per item. */
export function topicCounts(tickets: readonly TicketRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tickets) if (t.sectionCode === CONSULTATION && t.itemCode !== null) counts.set(t.itemCode, (counts.get(t.itemCode) ?? 0) + 1);
  return counts;
}

export function topTopicsOf(current: ReadonlyMap<string, number>, previous: ReadonlyMap<string, number>): TopicCount[] {
  return [...current.entries()]
    .filter(([, count]) => count > 0)
    .map(([itemCode, count]) => ({ itemCode, count, previous: previous.get(itemCode) ?? 0, change: count - (previous.get(itemCode) ?? 0) }))
    .sort((a, b) => b.count - a.count || a.itemCode.localeCompare(b.itemCode))
    .slice(0, TOP_TOPICS);
}

export const topTopics = (now: readonly TicketRecord[], before: readonly TicketRecord[]): TopicCount[] => topTopicsOf(topicCounts(now), topicCounts(before));

/** What the escalations table shows of a ticket. */
export type EscalatedTicket = Pick<
  TicketRecord,
  'ticketId' | 'number' | 'projectCode' | 'itemCode' | 'ownerId' | 'escalationLevel' | 'majorComplaint' | 'grade' | 'openedAt' | 'resolvedAt' | 'reopenedAt' | 'closedAt'
>;

const isEscalated = (t: EscalatedTicket): boolean => t.escalationLevel > 0 || isMajorComplaint(t);

function escalationOf(t: EscalatedTicket): Escalation {
  return {
    ticketId: t.ticketId,
    number: t.number,
    projectCode: t.projectCode,
    itemCode: t.itemCode,
    agent: t.ownerId,
    level: t.escalationLevel,
    majorComplaint: isMajorComplaint(t),
    openedAt: t.openedAt.toISOString(),
    resolved: isResolved(t),
  };
}

/** The order of the escalations table: highest level first, then as received (the repository reads in this order too). */
const byEscalation = (a: EscalatedTicket, b: EscalatedTicket): number =>
  b.escalationLevel - a.escalationLevel || a.openedAt.getTime() - b.openedAt.getTime() || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

/** 升级与重大投诉 — the tickets escalated or graded major: the most escalated listed, all counted. */
export function escalationsOf(tickets: readonly EscalatedTicket[], listed = ESCALATIONS_LISTED): EscalationTable {
  const escalated = tickets.filter(isEscalated);
  return { total: escalated.length, listed: [...escalated].sort(byEscalation).slice(0, listed).map(escalationOf) };
}

/** The table from tickets the repository already chose and ordered, and the count it made of them all. */
export const escalationTable = (total: number, listed: readonly EscalatedTicket[]): EscalationTable => ({ total, listed: listed.map(escalationOf) });

/** A period's facts read ticket by ticket, as the report reads them. */
export function reportFactsOf(facts: MonthFacts, durations: (t: TicketRecord) => TicketDurations): ReportFacts {
  return {
    sums: {
      total: sumsOf(facts.tickets, durations),
      bySection: groupSums('section', facts.tickets, durations),
      byProject: groupSums('project', facts.tickets, durations),
      topics: topicCounts(facts.tickets),
    },
    callbacks: facts.callbacks,
    incidents: facts.incidents,
    spotChecks: facts.spotChecks,
    escalations: escalationsOf(facts.tickets),
  };
}

/** The monthly report leaders receive, from the facts of the month and of the month before. */
export function monthlyReport(
  period: { kind: ReportKind; period: string; previousPeriod: string; from: Date; to: Date },
  now: MonthFacts,
  before: MonthFacts,
  durations: (t: TicketRecord) => TicketDurations,
): MonthlyReport {
  return monthlyReportOf(period, reportFactsOf(now, durations), reportFactsOf(before, durations));
}

/** The report of a period against the one before, from what each adds up to. */
export function monthlyReportOf(
  period: { kind: ReportKind; period: string; previousPeriod: string; from: Date; to: Date },
  now: ReportFacts,
  before: ReportFacts,
): MonthlyReport {
  const current = figuresOf(now.sums.total, now.callbacks, now.incidents, now.spotChecks);
  const previous = figuresOf(before.sums.total, before.callbacks, before.incidents, before.spotChecks);
  const sections = [...new Set(now.callbacks.map((c) => c.sectionCode ?? 'none'))].sort();
  return {
    kind: period.kind,
    period: period.period,
    previousPeriod: period.previousPeriod,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    kpis: { current, previous, change: changeOf(current, previous) },
    bySection: compared('section', now, before, (f) => f.sums.bySection),
    byProject: compared('project', now, before, (f) => f.sums.byProject),
    callbackStatistics: {
      rows: sections.map((s) => callbackRow(s, now.callbacks.filter((c) => (c.sectionCode ?? 'none') === s))),
      total: callbackRow('total', now.callbacks),
    },
    topTopics: topTopicsOf(now.sums.topics, before.sums.topics),
    escalations: now.escalations.listed,
    escalationsTotal: now.escalations.total,
    incidents: now.incidents.map(incidentSummary),
  };
}

function incidentSummary(i: IncidentRecord): IncidentSummary {
  return {
    incidentId: i.incidentId,
    number: i.number,
    projectCode: i.projectCode,
    building: i.building,
    itemCode: i.itemCode,
    title: i.title,
    department: i.department,
    declaredAt: i.declaredAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    durationMinutes: i.resolvedAt ? Math.round((i.resolvedAt.getTime() - i.declaredAt.getTime()) / 60_000) : null,
    children: i.children,
    breached: i.breached,
  };
}
