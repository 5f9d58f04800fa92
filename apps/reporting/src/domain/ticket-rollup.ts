import { localDayOf } from '@cs/business-calendar';
import { binOf } from './duration-histogram';
import { GROUPINGS, Grouping, ticketKey } from './kpis';
import { monthOfDay } from './period';
import type { CountedAs, TicketFact } from './ticket-evolution';
import type { TicketRecord } from './ticket-record';
import { EMPTY_TALLY, TicketDurations, TicketShare, TicketTally, addTallies, isEmptyTally, shareOf, tallyOf } from './ticket-share';

/**
 * The rollups: per local day of receipt, project and key of every grouping, the sum of the
 * shares of the tickets received that day (ADR 0039). Each ticket is counted once in its
 * project's cells and once in the cells of every project together, so a reader of all projects
 * sums one row per day and key, and a reader of some projects sums theirs.
 */
export const DIMENSIONS = ['total', ...GROUPINGS] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The key of the `total` dimension: one group of everything. */
export const TOTAL_KEY = '';
/** The project member of cells summing every project. */
export const EVERY_PROJECT = '*';
/** The project member of tickets tied to no project. */
export const NO_PROJECT = '';

export type Grain = 'day' | 'month';
export type Measure = 'first_response' | 'resolution';

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
  const keys = Object.fromEntries(GROUPINGS.map((g: Grouping) => [g, ticketKey(g, t)])) as Record<Grouping, string>;
  return { day, projectCode: t.projectCode, keys: { total: TOTAL_KEY, ...keys } };
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
  readonly grain: Grain;
  readonly bucket: number;
  readonly project: string;
  readonly dimension: Dimension;
  readonly key: string;
  readonly measure: Measure;
  readonly bin: number;
  readonly tickets: number;
  readonly hundredths: number;
}

/** No code or key holds it, so joined keys cannot collide. */
const SEPARATOR = '\u0000';

/**
 * Changes to the rollups, netted: counting a ticket's new share and taking its old one away
 * leaves only the cells that moved. What a batch of events changes is one delta, written at once.
 */
export class RollupDelta {
  private readonly tallies = new Map<string, TallyCell>();
  private readonly durations = new Map<string, DurationCell>();

  add(ticket: CountedTicket | null, sign: 1 | -1): void {
    if (ticket === null) return;
    const { place, share } = ticket;
    const month = monthOfDay(place.day);
    for (const project of [place.projectCode ?? NO_PROJECT, EVERY_PROJECT]) {
      for (const dimension of DIMENSIONS) {
        const key = place.keys[dimension];
        this.addTally({ day: place.day, project, dimension, key, tally: share.tally }, sign);
        for (const [measure, value] of [
          ['first_response', share.firstResponse],
          ['resolution', share.resolution],
        ] as const) {
          if (value === null) continue;
          const bin = binOf(value);
          this.addDuration({ grain: 'day', bucket: place.day, project, dimension, key, measure, bin, tickets: sign, hundredths: sign * value });
          this.addDuration({ grain: 'month', bucket: month, project, dimension, key, measure, bin, tickets: sign, hundredths: sign * value });
        }
      }
    }
  }

  /** The cells that changed, none of them all zero. */
  cells(): { readonly tallies: TallyCell[]; readonly durations: DurationCell[] } {
    return {
      tallies: [...this.tallies.values()].filter((c) => !isEmptyTally(c.tally)),
      durations: [...this.durations.values()].filter((c) => c.tickets !== 0 || c.hundredths !== 0),
    };
  }

  private addTally(cell: TallyCell, sign: 1 | -1): void {
    const id = [cell.day, cell.project, cell.dimension, cell.key].join(SEPARATOR);
    const before = this.tallies.get(id);
    this.tallies.set(id, { ...cell, tally: addTallies(before?.tally ?? EMPTY_TALLY, cell.tally, sign) });
  }

  private addDuration(cell: DurationCell): void {
    const id = [cell.grain, cell.bucket, cell.project, cell.dimension, cell.key, cell.measure, cell.bin].join(SEPARATOR);
    const before = this.durations.get(id);
    this.durations.set(id, before ? { ...before, tickets: before.tickets + cell.tickets, hundredths: before.hundredths + cell.hundredths } : cell);
  }
}
