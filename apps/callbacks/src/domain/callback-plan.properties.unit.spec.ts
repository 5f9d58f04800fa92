import fc from 'fast-check';
import { addCalendarDays, addCalendarMonths } from '@cs/business-calendar';
import { PlanRecurrence, runDue } from './callback-plan';

/**
 * A recurring plan's runs, whatever its first run, its due time and how far behind it is: the
 * next run is the first occurrence counted from the first run (each one found by stepping from
 * it, one at a time) after both now and the due time, and the run made is the latest occurrence
 * not after now, or the due time itself when that is later.
 */
const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'] as const;
const DAY = 86_400_000;
const recurrences: fc.Arbitrary<Exclude<PlanRecurrence, { every: 'once' }>> = fc.oneof(
  fc.integer({ min: 1, max: 45 }).map((days) => ({ every: 'days' as const, days })),
  fc.constantFrom({ every: 'month' as const }, { every: 'quarter' as const }),
);
const firstRuns = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

function stepped(recurrence: Exclude<PlanRecurrence, { every: 'once' }>, timeZone: string, first: Date, k: number): Date {
  if (recurrence.every === 'days') return addCalendarDays(timeZone, first, k * recurrence.days);
  return addCalendarMonths(timeZone, first, (recurrence.every === 'quarter' ? 3 : 1) * k);
}

describe('a recurring plan’s runs, counted in its calendar’s zone', () => {
  it('next is the first occurrence after now and the due time; the run is the latest occurrence not after now, or the due time', () => {
    fc.assert(
      fc.property(
        recurrences,
        fc.constantFrom(...ZONES),
        firstRuns,
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        (recurrence, timeZone, firstRunAt, dueAfterFirst, behind) => {
          const dueAt = new Date(firstRunAt.getTime() + dueAfterFirst);
          const now = new Date(dueAt.getTime() + behind);
          const { runAt, next } = runDue({ recurrence, firstRunAt }, timeZone, dueAt, now);
          const occurrences: Date[] = [];
          for (let k = 0; occurrences.at(-1) === undefined || occurrences.at(-1)!.getTime() <= now.getTime(); k += 1) {
            occurrences.push(stepped(recurrence, timeZone, firstRunAt, k));
          }
          const latest = occurrences.filter((o) => o.getTime() <= now.getTime()).at(-1)!;
          expect(next).toEqual(occurrences.at(-1));
          expect(runAt).toEqual(latest.getTime() > dueAt.getTime() ? latest : dueAt);
          expect(runAt.getTime()).toBeLessThanOrEqual(now.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
