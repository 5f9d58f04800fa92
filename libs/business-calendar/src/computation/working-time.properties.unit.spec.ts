import fc from 'fast-check';
import { MS_PER_DAY, MS_PER_MINUTE } from '../time/civil-date';
import { instants, pausesAround, workingMinutes } from '../testing/arbitraries';
import { berlinWithSundayNights, china2026, newYorkNights } from '../testing/calendars';
import { OpenPauseError } from './errors';
import type { Pause } from './pauses';
import { addWorkingMinutes, isWorkingTime, nextWorkingInstant, workingMinutesBetween } from './working-time';

const RUNS = { numRuns: 200 };
const before = (date: Date): Date => new Date(date.getTime() - 1);
const inMs = (minutes: number): number => Math.round(minutes * MS_PER_MINUTE);

const isPaused = (pauses: readonly Pause[], at: Date): boolean =>
  pauses.some((pause) => pause.from <= at && (pause.to === undefined || at < pause.to));

describe.each`
  name                                             | calendar
  ${'the 2026 China calendar (Asia/Shanghai)'}      | ${china2026}
  ${'a Berlin office with Sunday nights (DST)'}    | ${berlinWithSundayNights}
  ${'a New York night hotline (DST, "24:00")'}     | ${newYorkNights}
`('working minutes, for all instants and amounts, with $name', ({ calendar }) => {
  it('given any start and amount, when added and then measured from the start, then the measure is the amount (a non-working start counts from the next working instant)', () => {
    fc.assert(
      fc.property(instants(calendar), workingMinutes, (from, minutes) => {
        expect(workingMinutesBetween(calendar, from, addWorkingMinutes(calendar, from, minutes))).toBe(minutes);
      }),
      RUNS,
    );
  });

  it('given a positive amount, when added, then the millisecond before the result is working time (the result is working time or an interval end)', () => {
    fc.assert(
      fc.property(instants(calendar), workingMinutes.filter((m) => m > 0), (from, minutes) => {
        expect(isWorkingTime(calendar, before(addWorkingMinutes(calendar, from, minutes)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('given zero minutes, when added, then the result is the next working instant: working time, not before the start, the start itself if working', () => {
    fc.assert(
      fc.property(instants(calendar), (from) => {
        const result = nextWorkingInstant(calendar, from);
        expect(isWorkingTime(calendar, result)).toBe(true);
        expect(result.getTime() >= from.getTime()).toBe(true);
        expect(result.getTime() === from.getTime()).toBe(isWorkingTime(calendar, from));
        expect(workingMinutesBetween(calendar, from, result)).toBe(0);
      }),
      RUNS,
    );
  });

  it('given two amounts, when added to the same start, then the larger one ends strictly later', () => {
    fc.assert(
      fc.property(instants(calendar), workingMinutes, workingMinutes, (from, a, b) => {
        fc.pre(inMs(a) !== inMs(b));
        const [small, large] = a < b ? [a, b] : [b, a];
        expect(addWorkingMinutes(calendar, from, small).getTime()).toBeLessThan(addWorkingMinutes(calendar, from, large).getTime());
      }),
      RUNS,
    );
  });

  it('given two starts, when the same amount is added, then the later start never ends earlier', () => {
    fc.assert(
      fc.property(instants(calendar), instants(calendar), workingMinutes, (x, y, minutes) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        expect(addWorkingMinutes(calendar, early, minutes).getTime()).toBeLessThanOrEqual(
          addWorkingMinutes(calendar, late, minutes).getTime(),
        );
      }),
      RUNS,
    );
  });

  it('given three ordered instants (up to 120 days apart), when measured, then the working time adds up (to the millisecond)', () => {
    fc.assert(
      fc.property(instants(calendar), fc.nat({ max: 60 * MS_PER_DAY }), fc.nat({ max: 60 * MS_PER_DAY }), (a, x, y) => {
        const [b, c] = [x, y].sort((p, q) => p - q).map((offset) => new Date(a.getTime() + offset));
        const whole = workingMinutesBetween(calendar, a, c);
        const parts = workingMinutesBetween(calendar, a, b) + workingMinutesBetween(calendar, b, c);
        expect(inMs(whole)).toBe(inMs(parts));
      }),
      RUNS,
    );
  });

  it('given pauses, when an amount is added, then exactly that much unpaused working time elapses, ending on unpaused working time, never earlier than without pauses', () => {
    const cases = instants(calendar).chain((from) => fc.tuple(fc.constant(from), workingMinutes, pausesAround(from)));
    fc.assert(
      fc.property(cases, ([from, minutes, pauses]) => {
        let result: Date;
        try {
          result = addWorkingMinutes(calendar, from, minutes, pauses);
        } catch (error) {
          // Only an open pause may stop the clock, and only before a positive amount has run
          // out (zero minutes need a next working instant, which an open pause never reaches).
          expect(error).toBeInstanceOf(OpenPauseError);
          const { pausedSince, remainingMinutes } = error as OpenPauseError;
          const elapsed = workingMinutesBetween(calendar, from, pausedSince, pauses);
          expect(remainingMinutes > 0 || minutes === 0).toBe(true);
          expect(inMs(elapsed + remainingMinutes)).toBe(inMs(minutes));
          return;
        }
        expect(workingMinutesBetween(calendar, from, result, pauses)).toBe(minutes);
        expect(result.getTime()).toBeGreaterThanOrEqual(addWorkingMinutes(calendar, from, minutes).getTime());
        const last = minutes > 0 ? before(result) : result;
        expect(isWorkingTime(calendar, last)).toBe(true);
        expect(isPaused(pauses, last)).toBe(false);
      }),
      RUNS,
    );
  });
});
