import { localDayOf } from '@cs/business-calendar';
import { binOf } from './duration-histogram';
import { GROUPINGS, ticketKey } from './kpis';
import { monthOfDay } from './period';
import type { CountedAs, TicketFact } from './ticket-evolution';
import type { TicketRecord } from './ticket-record';
import { TALLY_FIELDS, TicketDurations, TicketShare, TicketTally, shareOf, tallyOf } from './ticket-share';

/**
 * The rollups (ADR 0039): per local day of receipt, project and key of every grouping, the sum of
 * the tallies of the tickets received that day; and per local month of receipt and key of every
 * grouping, the bins of their durations. A tally is counted once in its project's cells and once
 * in the cells of every project together, so a reader of all projects sums one row per day and
 * key, and a reader of some projects sums theirs. Durations are kept for all projects together
 * only: per project and bin they would be about as many rows as tickets.
 */
export const DIMENSIONS = ['total', ...GROUPINGS] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The key of the `total` dimension: one group of everything. */
export const TOTAL_KEY = '';
/** The project member of cells summing every project. */
export const EVERY_PROJECT = '*';
/** The project member of tickets tied to no project. */
export const NO_PROJECT = '';

export type Measure = 'first_response' | 'resolution';

/** The key of a ticket in a dimension. */
export const keyOf = (dimension: Dimension, t: TicketRecord): string => (dimension === 'total' ? TOTAL_KEY : ticketKey(dimension, t));

/** Where a ticket is counted. */
export interface TicketPlace {
  /** Its local day of receipt, in days since 1970-01-01. */
  readonly day: number;
  readonly projectCode: string | null;
  readonly keys: Readonly<Record<Dimension, string>>;
}

/** A ticket as the rollups count it: where, and what it adds. */
export interface CountedTicket {
  readonly place: TicketPlace;
  readonly share: TicketShare;
}

function placeOf(t: TicketFact, day: number): TicketPlace {
  return { day, projectCode: t.projectCode, keys: Object.fromEntries(DIMENSIONS.map((d) => [d, keyOf(d, t)])) as Record<Dimension, string> };
}

/** What the rollups hold of the ticket now: null when it counts for nothing, or was never counted. */
export function countedNow(t: TicketFact): CountedTicket | null {
  if (t.counted === null || t.counted.day === null) return null;
  return { place: placeOf(t, t.counted.day), share: { tally: tallyOf(t), firstResponse: t.counted.firstResponse, resolution: t.counted.resolution } };
}

/** The calendar a ticket is counted by: its version, its timezone for the day, its working minutes. */
export interface CountingCalendar {
  readonly version: number;
  readonly timeZone: string;
  readonly durations: (t: TicketRecord) => TicketDurations;
}

/** The ticket counted afresh by the calendar: what the rollups must hold of it, and the row's new record of that. */
export function recount(t: TicketFact, calendar: CountingCalendar): { readonly fact: TicketFact; readonly counted: CountedTicket | null } {
  if (t.mergedInto !== null) {
    return { fact: { ...t, counted: { calendarVersion: calendar.version, day: null, firstResponse: null, resolution: null } }, counted: null };
  }
  const share = shareOf(t, calendar.durations(t));
  const day = localDayOf(calendar.timeZone, t.openedAt.getTime());
  const counted: CountedAs = { calendarVersion: calendar.version, day, firstResponse: share.firstResponse, resolution: share.resolution };
  return { fact: { ...t, counted }, counted: { place: placeOf(t, day), share } };
}

/** Whether counting an unchanged ticket again moves it in the rollups: a new calendar version alone does not. */
export const recountMoves = (before: CountedAs | null, after: CountedAs | null): boolean =>
  before === null || after === null || before.day !== after.day || before.firstResponse !== after.firstResponse || before.resolution !== after.resolution;

export const sameCounting = (a: CountedAs | null, b: CountedAs | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.calendarVersion === b.calendarVersion && a.day === b.day && a.firstResponse === b.firstResponse && a.resolution === b.resolution);

export interface TallyCell {
  readonly day: number;
  readonly project: string;
  readonly dimension: Dimension;
  readonly key: string;
  readonly tally: TicketTally;
}

export interface DurationCell {
  readonly month: number;
  readonly dimension: Dimension;
  readonly key: string;
  readonly measure: Measure;
  readonly bin: number;
  readonly tickets: number;
  readonly hundredths: number;
}

/** No code or key holds it, so joined keys cannot collide. */
const SEP = '\u0000';

interface Counts {
  readonly day: number;
  readonly project: string;
  readonly dimension: Dimension;
  readonly key: string;
  readonly counts: number[];
}

interface Bin {
  readonly month: number;
  readonly dimension: Dimension;
  readonly key: string;
  readonly measure: Measure;
  readonly bin: number;
  tickets: number;
  hundredths: number;
}

/**
 * Changes to the rollups, netted: counting a ticket's new share and taking its old one away
 * leaves only the cells that moved. What a batch of events, or a month recounted, changes is one
 * delta, written at once.
 */
export class RollupDelta {
  private readonly tallies = new Map<string, Counts>();
  private readonly durations = new Map<string, Bin>();

  add(ticket: CountedTicket | null, sign: 1 | -1): void {
    if (ticket === null) return;
    const { place, share } = ticket;
    const counts = TALLY_FIELDS.map((f) => sign * share.tally[f]);
    const month = monthOfDay(place.day);
    // Each duration's bin is the same in every dimension: worked out once.
    const measured: { readonly measure: Measure; readonly value: number; readonly bin: number }[] = [];
    if (share.firstResponse !== null) measured.push({ measure: 'first_response', value: share.firstResponse, bin: binOf(share.firstResponse) });
    if (share.resolution !== null) measured.push({ measure: 'resolution', value: share.resolution, bin: binOf(share.resolution) });
    for (const dimension of DIMENSIONS) {
      const key = place.keys[dimension];
      for (const project of [place.projectCode ?? NO_PROJECT, EVERY_PROJECT]) this.addCounts(place.day, project, dimension, key, counts);
      for (const { measure, value, bin } of measured) this.addDuration(month, dimension, key, measure, bin, value, sign);
    }
  }

  /** The cells that changed, none of them all zero. */
  cells(): { readonly tallies: TallyCell[]; readonly durations: DurationCell[] } {
    return {
      tallies: [...this.tallies.values()]
        .filter((c) => c.counts.some((n) => n !== 0))
        .map(({ counts, ...cell }) => ({ ...cell, tally: Object.fromEntries(TALLY_FIELDS.map((f, i) => [f, counts[i] ?? 0])) as TicketTally })),
      durations: [...this.durations.values()].filter((c) => c.tickets !== 0 || c.hundredths !== 0),
    };
  }

  private addCounts(day: number, project: string, dimension: Dimension, key: string, counts: readonly number[]): void {
    const id = `${day}${SEP}${project}${SEP}${dimension}${SEP}${key}`;
    const cell = this.tallies.get(id);
    if (!cell) {
      this.tallies.set(id, { day, project, dimension, key, counts: [...counts] });
      return;
    }
    for (let i = 0; i < counts.length; i++) cell.counts[i] = (cell.counts[i] ?? 0) + (counts[i] ?? 0);
  }

  private addDuration(month: number, dimension: Dimension, key: string, measure: Measure, bin: number, value: number, sign: 1 | -1): void {
    const id = `${month}${SEP}${dimension}${SEP}${key}${SEP}${measure}${SEP}${bin}`;
    const cell = this.durations.get(id);
    if (cell) {
      cell.tickets += sign;
      cell.hundredths += sign * value;
    } else this.durations.set(id, { month, dimension, key, measure, bin, tickets: sign, hundredths: sign * value });
  }
}
