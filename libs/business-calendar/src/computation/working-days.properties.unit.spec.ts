import fc from 'fast-check';
import { instants } from '../testing/arbitraries';
import { berlinWithSundayNights, china2026, newYorkNights } from '../testing/calendars';
import { addWorkingDays, endOfWorkingDay, isWorkingDay } from './working-days';
import { isWorkingTime } from './working-time';

const RUNS = { numRuns: 200 };
const before = (date: Date): Date => new Date(date.getTime() - 1);
const dayCounts = fc.integer({ min: 0, max: 30 });

describe.each`
  name                                             | calendar
  ${'the 2026 China calendar (Asia/Shanghai)'}      | ${china2026}
  ${'a Berlin office with Sunday nights (DST)'}    | ${berlinWithSundayNights}
  ${'a New York night hotline (DST, "24:00")'}     | ${newYorkNights}
`('working days, for all instants and counts, with $name', ({ calendar }) => {
  it('given n ≥ 1, when n + 1 working days are added, then the deadline is strictly later than for n', () => {
    fc.assert(
      fc.property(instants(calendar), dayCounts.filter((n) => n >= 1), (from, n) => {
        expect(addWorkingDays(calendar, from, n + 1).getTime()).toBeGreaterThan(addWorkingDays(calendar, from, n).getTime());
      }),
      RUNS,
    );
  });

  it('given n = 0, when compared with n = 1, then it is earlier on a working start day not yet closed and the same day otherwise, and never passed', () => {
    fc.assert(
      fc.property(instants(calendar), (from) => {
        const sameDay = addWorkingDays(calendar, from, 0).getTime();
        const nextDay = addWorkingDays(calendar, from, 1).getTime();
        const close = endOfWorkingDay(calendar, from);
        // A "24:00" close is the instant the next date begins, and the day it closes is the start day.
        const closesDayBefore = endOfWorkingDay(calendar, before(from))?.getTime() === from.getTime();
        if (isWorkingDay(calendar, from) && close !== undefined && close > from && !closesDayBefore) expect(sameDay).toBeLessThan(nextDay);
        else expect(sameDay).toBe(nextDay);
        expect(sameDay).toBeGreaterThan(from.getTime());
      }),
      RUNS,
    );
  });

  it('given any n, when added, then the deadline is the close of a working day: working time just before, none of that day after', () => {
    fc.assert(
      fc.property(instants(calendar), dayCounts, (from, n) => {
        const deadline = addWorkingDays(calendar, from, n);
        expect(isWorkingTime(calendar, before(deadline))).toBe(true);
        expect(endOfWorkingDay(calendar, before(deadline))).toEqual(deadline);
      }),
      RUNS,
    );
  });

  it('given any n ≥ 1, when added, then the (n+1)th deadline is one working day after the nth (the count advances one working day at a time)', () => {
    fc.assert(
      fc.property(instants(calendar), dayCounts.filter((n) => n >= 1), (from, n) => {
        const nth = addWorkingDays(calendar, from, n);
        expect(addWorkingDays(calendar, from, n + 1)).toEqual(addWorkingDays(calendar, before(nth), 1));
      }),
      RUNS,
    );
  });

  it('given a deadline of n ≥ 1 working days, when m ≥ 1 more are counted from it (an extension), then it is the deadline of n + m', () => {
    fc.assert(
      fc.property(instants(calendar), dayCounts.filter((n) => n >= 1), dayCounts.filter((m) => m >= 1), (from, n, m) => {
        expect(addWorkingDays(calendar, addWorkingDays(calendar, from, n), m)).toEqual(addWorkingDays(calendar, from, n + m));
      }),
      RUNS,
    );
  });

  it('given two starts, when the same number of working days is added, then the later start never has the earlier deadline', () => {
    fc.assert(
      fc.property(instants(calendar), instants(calendar), dayCounts, (x, y, n) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        expect(addWorkingDays(calendar, early, n).getTime()).toBeLessThanOrEqual(addWorkingDays(calendar, late, n).getTime());
      }),
      RUNS,
    );
  });
});
