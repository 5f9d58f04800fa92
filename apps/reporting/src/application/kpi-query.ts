import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BusinessCalendar } from '@cs/business-calendar';
import { addToHistogram, DurationBin } from '../domain/duration-histogram';
import { Grouping, KpiFigures, KpiGroup, NO_KEY, SpotCheckRecord, figuresOf, groupFigures, ticketKey } from '../domain/kpis';
import { ESCALATIONS_LISTED, NO_ESCALATIONS, ReportFacts, TopicCount, escalationTable, escalationsOf, topTopicsOf } from '../domain/monthly-report';
import { Period, PeriodBuckets, bucketsOf, daysPeriod, precedingPeriod } from '../domain/period';
import { DIMENSIONS, Dimension, EVERY_PROJECT, NO_PROJECT, TOTAL_KEY, keyOf } from '../domain/ticket-rollup';
import type { CallbackRecord, IncidentRecord, TicketRecord } from '../domain/ticket-record';
import { NO_SUMS, TicketSums, addSums, addTallies, shareOf, sumsOfShares } from '../domain/ticket-share';
import { callbacksDueIn, callbacksOfTickets } from '../infrastructure/callback-facts.repository';
import { incidentsDeclaredIn } from '../infrastructure/incident-facts.repository';
import { spotChecksIn } from '../infrastructure/scorecard.repository';
import { DurationRows, durationSums, durationSumsOfTickets, tallySums } from '../infrastructure/rollups.repository';
import { SnapshotReads } from '../infrastructure/snapshot-reads';
import { rollupsBehindTickets, escalatedTicketsOpenedIn, ticketsOpenedIn } from '../infrastructure/ticket-facts.repository';
import { VersionedCalendar, WorkingCalendar, countingCalendar } from './working-calendar';

/** Both results once both have settled; the first failure, if any, once both have. */
async function settledBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/** Which figures: a period, the projects asked for (none: all) and the caller's scope (undefined: every project). */
export interface KpiSelection {
  readonly period: Period;
  readonly projects: readonly string[];
  readonly scope: readonly string[] | undefined;
}

export interface KpiFacts {
  readonly tickets: readonly TicketRecord[];
  readonly callbacks: readonly CallbackRecord[];
  /** 群发事件 declared in the period. */
  readonly incidents: readonly IncidentRecord[];
  /** Spot checks made in the period. */
  readonly spotChecks: readonly SpotCheckRecord[];
  readonly calendar: BusinessCalendar;
}

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly groupBy: Grouping;
  readonly total: KpiFigures;
  readonly groups: readonly (KpiGroup & { readonly tickets: string })[];
}

/** What the tickets of a period add up to, per dimension and key. */
type PeriodSums = ReadonlyMap<Dimension, ReadonlyMap<string, TicketSums>>;

/** Records with a project outside those asked for drop out; records tied to no project stay only when none were asked for. */
const asked = (projects: readonly string[]) => (r: { projectCode: string | null }) =>
  projects.length === 0 || (r.projectCode !== null && projects.includes(r.projectCode));

/** The rollup cells a selection sums: every project's together, or each visible project's (and those of no project when no project is asked for). */
function membersOf(selection: KpiSelection): string[] {
  const { projects, scope } = selection;
  if (projects.length === 0) return scope === undefined ? [EVERY_PROJECT] : [NO_PROJECT, ...scope];
  return scope === undefined ? [...projects] : projects.filter((p) => scope.includes(p));
}

/**
 * The ticket-list query that lists a group's tickets, one row each with the fields its KPIs used;
 * the projects as the one comma-separated `project` the list takes (it refuses the parameter repeated).
 */
export function drillDownQuery(selection: KpiSelection, groupBy: Grouping, key: string): string {
  const query = new URLSearchParams({ from: selection.period.from.toISOString(), to: selection.period.to.toISOString(), groupBy, key });
  if (selection.projects.length > 0) query.set('project', selection.projects.join(','));
  return `/v1/kpis/tickets?${query.toString()}`;
}

/** What the tickets add up to per key of each dimension, counted by the calendar. */
function sumsOfTickets(tickets: readonly TicketRecord[], dimensions: readonly Dimension[], calendar: VersionedCalendar): PeriodSums {
  const shares = tickets.map((t) => ({ t, share: shareOf(t, calendar.durations(t)) }));
  return new Map(
    dimensions.map((dimension) => {
      const byKey = new Map<string, typeof shares>();
      for (const s of shares) {
        const key = keyOf(dimension, s.t);
        const own = byKey.get(key);
        if (own) own.push(s);
        else byKey.set(key, [s]);
      }
      return [dimension, new Map([...byKey.entries()].map(([key, own]) => [key, sumsOfShares(own.map((s) => s.share))]))];
    }),
  );
}

function mergeSums(a: PeriodSums, b: PeriodSums): PeriodSums {
  return new Map(
    DIMENSIONS.filter((d) => a.has(d) || b.has(d)).map((d) => {
      const merged = new Map(a.get(d) ?? []);
      for (const [key, sums] of b.get(d) ?? []) merged.set(key, addSums(merged.get(key) ?? NO_SUMS, sums));
      return [d, merged];
    }),
  );
}

const totalOf = (sums: PeriodSums): TicketSums => sums.get('total')?.get(TOTAL_KEY) ?? NO_SUMS;
const groupsOf = (sums: PeriodSums, dimension: Dimension): ReadonlyMap<string, TicketSums> => sums.get(dimension) ?? new Map();

/**
 * The duration bins of the whole days of a period. For every project together, whole months come
 * from the month cells and the other days from the bins the tickets were counted in. Month cells
 * keep no project but the project grouping's own key, so a reader limited to projects gets its
 * total and per-project bins from those, and finer groupings from its own tickets.
 */
async function durationBins(tx: EntityManager, dimensions: readonly Dimension[], members: readonly string[], buckets: PeriodBuckets, timeZone: string): Promise<DurationRows[]> {
  const outside = buckets.daysOutsideMonths.map((s) => daysPeriod(s, timeZone));
  if (members.includes(EVERY_PROJECT)) return [...(await durationSums(tx, dimensions, buckets.months)), ...(await durationSumsOfTickets(tx, dimensions, members, outside))];
  const perProject = dimensions.filter((d) => d === 'total' || d === 'project');
  const finer = dimensions.filter((d) => d !== 'total' && d !== 'project');
  const projectCells =
    perProject.length === 0
      ? []
      : [
          ...(await durationSums(tx, ['project'], buckets.months, members.map((m) => (m === NO_PROJECT ? NO_KEY : m)))),
          ...(await durationSumsOfTickets(tx, ['project'], members, outside)),
        ];
  const wholeDays = buckets.days.from < buckets.days.to ? [daysPeriod(buckets.days, timeZone)] : [];
  return [
    ...(perProject.includes('project') ? projectCells : []),
    ...(perProject.includes('total') ? projectCells.map((c) => ({ ...c, dimension: 'total', key: TOTAL_KEY })) : []),
    ...(await durationSumsOfTickets(tx, finer, members, wholeDays)),
  ];
}

/**
 * KPIs of the tickets received and callbacks due in a period, of the caller's projects only.
 * Ticket figures are summed from the rollups (ADR 0039): whole local days from the day cells,
 * duration bins of whole months from the month cells, and the ends of a period bounded by
 * date-times from their tickets. While any ticket is counted by another calendar version than
 * the one in force (just after a new calendar, until the rollup maintenance recounts it), every
 * figure is computed from the tickets instead, as exact and as slow as before.
 */
@Injectable()
export class KpiQuery {
  /** The report's escalations are read beside its sums, in the same snapshot. */
  private readonly snapshots: SnapshotReads;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendar,
  ) {
    this.snapshots = new SnapshotReads(dataSource);
  }

  /** The period's tickets, callbacks and incidents, one record each. */
  async facts(selection: KpiSelection): Promise<KpiFacts> {
    const db = this.dataSource.manager;
    const [tickets, callbacks, incidents, spotChecks, calendar] = await Promise.all([
      ticketsOpenedIn(db, selection.period, selection.scope),
      callbacksDueIn(db, selection.period, selection.scope),
      incidentsDeclaredIn(db, selection.period, selection.scope),
      spotChecksIn(db, selection.period, undefined, selection.scope),
      this.calendars.get(),
    ]);
    const ofProjects = asked(selection.projects);
    return {
      tickets: tickets.filter(ofProjects),
      callbacks: callbacks.filter(ofProjects),
      incidents: incidents.filter(ofProjects),
      spotChecks: spotChecks.filter(ofProjects),
      calendar,
    };
  }

  async kpis(selection: KpiSelection, groupBy: Grouping): Promise<KpiReport> {
    const read = await this.read(selection, { tallies: ['total', groupBy], durations: ['total', groupBy] }, false);
    return {
      from: selection.period.from.toISOString(),
      to: selection.period.to.toISOString(),
      groupBy,
      total: figuresOf(totalOf(read.sums), read.callbacks, read.incidents, read.spotChecks),
      groups: groupFigures(groupBy, groupsOf(read.sums, groupBy), read.callbacks, read.incidents, read.spotChecks).map((g) => ({
        ...g,
        tickets: drillDownQuery(selection, groupBy, g.key),
      })),
    };
  }

  /** 咨询内容分类统计 — the most raised consultation items of the period, against the preceding period of the same length. */
  async topics(selection: KpiSelection): Promise<{ from: string; to: string; previousFrom: string; topics: TopicCount[] }> {
    const previous = precedingPeriod(selection.period);
    const topicsIn = async (s: KpiSelection) =>
      new Map([...groupsOf((await this.read(s, { tallies: ['item'], durations: [] }, false, false)).sums, 'item')].map(([item, sums]) => [item, sums.tally.consultations]));
    const [now, before] = await Promise.all([topicsIn(selection), topicsIn({ ...selection, period: previous })]);
    return {
      from: selection.period.from.toISOString(),
      to: selection.period.to.toISOString(),
      previousFrom: previous.from.toISOString(),
      topics: topTopicsOf(now, before),
    };
  }

  /** A period as the monthly and weekly report reads it; the escalations table is read for the period reported only. */
  async reportFacts(selection: KpiSelection, withEscalations = true): Promise<ReportFacts> {
    const read = await this.read(selection, { tallies: ['total', 'section', 'project', 'item'], durations: ['total', 'section', 'project'] }, withEscalations);
    return {
      sums: {
        total: totalOf(read.sums),
        bySection: groupsOf(read.sums, 'section'),
        byProject: groupsOf(read.sums, 'project'),
        topics: new Map([...groupsOf(read.sums, 'item')].map(([item, sums]) => [item, sums.tally.consultations])),
      },
      callbacks: read.callbacks,
      incidents: read.incidents,
      spotChecks: read.spotChecks,
      escalations: read.escalations,
    };
  }

  /**
   * The ticket export: the tickets behind one group's figures, each with all its callbacks —
   * whenever due and whoever is assigned, as its columns say "the ticket's callbacks". Only what
   * its rows hold is read: the period's callbacks, incidents and spot checks are no column of it.
   */
  async exported(selection: KpiSelection, groupBy: Grouping | undefined, key: string | undefined): Promise<{ tickets: readonly TicketRecord[]; callbacks: readonly CallbackRecord[]; calendar: KpiFacts['calendar'] }> {
    const db = this.dataSource.manager;
    const [opened, calendar] = await Promise.all([ticketsOpenedIn(db, selection.period, selection.scope), this.calendars.get()]);
    const ofGroup = (t: TicketRecord) => groupBy === undefined || key === undefined || ticketKey(groupBy, t) === key;
    const tickets = opened.filter(asked(selection.projects)).filter(ofGroup);
    const callbacks = await callbacksOfTickets(db, tickets.map((t) => t.ticketId));
    return { tickets, callbacks, calendar };
  }

  /**
   * The period's sums for the dimensions asked, with its callbacks, incidents and (when asked)
   * escalations, read in one snapshot so that every part counts the same tickets.
   */
  private async read(
    selection: KpiSelection,
    dimensions: { readonly tallies: readonly Dimension[]; readonly durations: readonly Dimension[] },
    withEscalations: boolean,
    withSpotChecks = true,
  ): Promise<{
    sums: PeriodSums;
    callbacks: readonly CallbackRecord[];
    incidents: readonly IncidentRecord[];
    spotChecks: readonly SpotCheckRecord[];
    escalations: ReportFacts['escalations'];
  }> {
    return this.snapshots.read(async (tx, alongside) => {
      const ofProjects = asked(selection.projects);
      const calendar = await countingCalendar(tx);
      const callbacks = (await callbacksDueIn(tx, selection.period, selection.scope)).filter(ofProjects);
      const incidents = (await incidentsDeclaredIn(tx, selection.period, selection.scope)).filter(ofProjects);
      const spotChecks = withSpotChecks ? (await spotChecksIn(tx, selection.period, undefined, selection.scope)).filter(ofProjects) : [];
      if (await rollupsBehindTickets(tx, calendar.version)) {
        const tickets = (await ticketsOpenedIn(tx, selection.period, selection.scope)).filter(ofProjects);
        const all = [...new Set([...dimensions.tallies, ...dimensions.durations])];
        return { sums: sumsOfTickets(tickets, all, calendar), callbacks, incidents, spotChecks, escalations: withEscalations ? escalationsOf(tickets) : NO_ESCALATIONS };
      }
      // The escalations (a month may have tens of thousands to choose the first 100 from) are read
      // on a second connection while this one sums the rollups: the two slowest reads of a report.
      // Both are awaited before either's failure is thrown: the transaction must not end while the sums still use it.
      const [rolled, escalated] = await settledBoth(
        this.rolledUp(tx, selection, dimensions, calendar),
        withEscalations ? alongside((db) => escalatedTicketsOpenedIn(db, selection.period, selection.scope, selection.projects, ESCALATIONS_LISTED)) : Promise.resolve(undefined),
      );
      const escalations = escalated ? escalationTable(escalated.total, escalated.tickets) : NO_ESCALATIONS;
      return { sums: rolled, callbacks, incidents, spotChecks, escalations };
    }, withEscalations);
  }

  private async rolledUp(
    tx: EntityManager,
    selection: KpiSelection,
    dimensions: { readonly tallies: readonly Dimension[]; readonly durations: readonly Dimension[] },
    calendar: VersionedCalendar,
  ): Promise<PeriodSums> {
    const buckets = bucketsOf(selection.period, calendar.timeZone);
    const members = membersOf(selection);
    const tallies = await tallySums(tx, dimensions.tallies, members, buckets.days);
    const bins = await durationBins(tx, dimensions.durations, members, buckets, calendar.timeZone);
    const ends: TicketRecord[] = [];
    for (const edge of buckets.edges) ends.push(...(await ticketsOpenedIn(tx, edge, selection.scope)).filter(asked(selection.projects)));

    const sums = new Map<Dimension, Map<string, { tally: TicketSums['tally']; firstResponse: Map<number, DurationBin>; resolution: Map<number, DurationBin> }>>();
    const cell = (dimension: Dimension, key: string) => {
      const byKey = sums.get(dimension) ?? new Map();
      sums.set(dimension, byKey);
      const found = byKey.get(key) ?? { tally: NO_SUMS.tally, firstResponse: new Map(), resolution: new Map() };
      byKey.set(key, found);
      return found;
    };
    for (const row of tallies) {
      const c = cell(row.dimension as Dimension, row.key);
      c.tally = addTallies(c.tally, row.tally);
    }
    for (const rows of bins) {
      const c = cell(rows.dimension as Dimension, rows.key);
      const histogram = rows.measure === 'first_response' ? c.firstResponse : c.resolution;
      rows.bins.forEach((bin, i) => addToHistogram(histogram, bin, rows.tickets[i]!, rows.hundredths[i]!));
    }
    const rolled: PeriodSums = sums;
    return ends.length === 0 ? rolled : mergeSums(rolled, sumsOfTickets(ends, [...new Set([...dimensions.tallies, ...dimensions.durations])], calendar));
  }
}
