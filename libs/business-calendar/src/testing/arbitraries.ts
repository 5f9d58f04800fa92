// Under src/testing/, which the build and Nx's production inputs leave out: fast-check is a dev
// dependency and this library ships with no dependencies.
import fc from 'fast-check';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { workingSpansOfDay } from '../computation/day-spans';
import type { Pause } from '../computation/pauses';
import { MS_PER_DAY, MS_PER_MINUTE } from '../time/civil-date';

/** 2026–2027: both calendars' special days and two DST changes of each year. */
const FIRST = Date.parse('2026-01-01T00:00:00Z');
const LAST = Date.parse('2027-12-31T00:00:00Z');

/**
 * Instants anywhere (to the millisecond), on whole minutes, and on or a millisecond either side
 * of an interval boundary: uniform instants alone would almost never hit a boundary, which is
 * where off-by-one mistakes live.
 */
export function instants(calendar: BusinessCalendar): fc.Arbitrary<Date> {
  const anywhere = fc.integer({ min: FIRST, max: LAST });
  const onTheMinute = fc.integer({ min: FIRST / MS_PER_MINUTE, max: LAST / MS_PER_MINUTE }).map((m) => m * MS_PER_MINUTE);
  const nearBoundary = fc
    .record({
      day: fc.integer({ min: FIRST / MS_PER_DAY, max: LAST / MS_PER_DAY }),
      interval: fc.nat({ max: 9 }),
      end: fc.boolean(),
      nudge: fc.constantFrom(-1, 0, 1),
    })
    .map(({ day, interval, end, nudge }) => {
      const spans = workingSpansOfDay(calendar, day);
      if (spans.length === 0) return day * MS_PER_DAY + nudge;
      const span = spans[interval % spans.length];
      return (end ? span.end : span.start) + nudge;
    });
  return fc.oneof(anywhere, onTheMinute, nearBoundary).map((ms) => new Date(ms));
}

/** Whole minutes up to 10,000 (about three weeks of office time), or any millisecond amount up to that. */
export const workingMinutes: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 0, max: 10_000 * MS_PER_MINUTE }).map((ms) => ms / MS_PER_MINUTE),
);

/** Up to three closed pauses of up to three days each, around `from`, and sometimes an open one. */
export function pausesAround(from: Date): fc.Arbitrary<Pause[]> {
  const start = fc.integer({ min: -2 * MS_PER_DAY, max: 20 * MS_PER_DAY }).map((offset) => from.getTime() + offset);
  const closed = fc
    .record({ start, length: fc.integer({ min: 0, max: 3 * MS_PER_DAY }) })
    .map(({ start: ms, length }): Pause => ({ from: new Date(ms), to: new Date(ms + length) }));
  const open = start.map((ms): Pause => ({ from: new Date(ms) }));
  return fc
    .tuple(fc.array(closed, { maxLength: 3 }), fc.option(open, { freq: 4 }))
    .map(([pauses, stillOpen]) => (stillOpen ? [...pauses, stillOpen] : pauses));
}
