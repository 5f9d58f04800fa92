import fc from 'fast-check';
import { addCalendarDays, addCalendarMonths } from '@cs/business-calendar';
import { PlanRecurrence, runDue } from './callback-plan';

/**
 * A recurring plan's runs, whatever its first run, its due time (an occurrence, or one an earlier
 * release stepped in UTC) and how far behind it is, checked against the occurrences found by
 * stepping from the first run one at a time:
 * - it runs once, at its due time or at a later occurrence, never after now (when due by then);
 * - no occurrence up to now is left for a later run beyond the one the run stands for;
 * - the next run is the occurrence right after the one the run stands for (the nearest to it),
 *   after now: nothing runs twice for one occurrence, nothing is skipped ahead.
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
  it('run once, at the due time or a later occurrence; next is the occurrence after the one the run stands for', () => {
    fc.assert(
      fc.property(
        recurrences,
        fc.constantFrom(...ZONES),
        firstRuns,
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 * DAY }),
        (recurrence, timeZone, firstRunAt, dueAfterFirst, aligned, behind) => {
          const occurrences: Date[] = [];
          const upTo = firstRunAt.getTime() + dueAfterFirst + behind + 200 * DAY;
          for (let k = 0; occurrences.length === 0 || occurrences.at(-1)!.getTime() <= upTo; k += 1) occurrences.push(stepped(recurrence, timeZone, firstRunAt, k));
          const at = (ms: number) => occurrences.findIndex((o) => o.getTime() > ms) - 1;
          // An aligned due time is an occurrence; another is anywhere, as an earlier release may have left it.
          const dueAt = aligned ? occurrences[Math.max(0, at(firstRunAt.getTime() + dueAfterFirst))]! : new Date(firstRunAt.getTime() + dueAfterFirst);
          const now = new Date(dueAt.getTime() + behind);
          const { runAt, next } = runDue({ recurrence, firstRunAt }, timeZone, dueAt, now);

          expect(runAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
          expect(runAt.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(runAt.getTime() === dueAt.getTime() || occurrences.some((o) => o.getTime() === runAt.getTime())).toBe(true);
          const before = at(runAt.getTime());
          const standsFor =
            before < 0 ? 0 : before + 1 < occurrences.length && occurrences[before + 1]!.getTime() - runAt.getTime() < runAt.getTime() - occurrences[before]!.getTime() ? before + 1 : before;
          expect(next).toEqual(occurrences[standsFor + 1]);
          expect(next!.getTime()).toBeGreaterThan(now.getTime());
          expect(at(now.getTime())).toBeLessThanOrEqual(standsFor);
        },
      ),
      { numRuns: 400 },
    );
  });
});
