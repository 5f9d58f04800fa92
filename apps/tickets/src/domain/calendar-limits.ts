import type { BusinessCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import { codeFieldHoldingPersonalData } from '@cs/privacy';
import { SlaDuration, describeDuration } from './sla-duration';
import { CLOCK_KINDS, type SlaPolicy } from './sla-policy';

/**
 * How far ahead a deadline may lie, in calendar days. The library walks the calendar a working
 * interval at a time on the caller's thread (about a second per 14,000 days measured, and a
 * ticket's clocks walk it several times: deadline, warnings, escalation), so an amount is
 * refused before it could stall the service; no SLA runs for years.
 */
export const MAX_DEADLINE_HORIZON_DAYS = 3 * 366;

const MINUTES = { minutes: 1, hours: 60, days: 24 * 60 } as const;

/**
 * About how many calendar days `duration` runs by the calendar: estimated from the weekly hours
 * alone (holidays lengthen the walk only by the days they list), so it costs nothing to ask. 0
 * for working time by a week without any: such a walk ends in NoWorkingTimeError after a
 * bounded search.
 */
export function calendarDaysOf(calendar: BusinessCalendar, duration: SlaDuration): number {
  if (duration.basis === 'calendar') return Math.ceil((duration.amount * MINUTES[duration.unit]) / MINUTES.days);
  const week = Object.values(calendar.workingHours);
  const workingMinutesPerWeek = week.flat().reduce((sum, interval) => sum + (interval.end - interval.start), 0);
  if (workingMinutesPerWeek === 0) return 0;
  const weeks =
    duration.unit === 'days'
      ? duration.amount / week.filter((hours) => hours.length > 0).length
      : (duration.amount * MINUTES[duration.unit]) / workingMinutesPerWeek;
  return Math.ceil(weeks * 7);
}

/**
 * Refuses (422 `SLA.TARGET_TOO_LONG`) a policy whose target or manager escalation would lie beyond
 * MAX_DEADLINE_HORIZON_DAYS by the policy's calendar, naming its amount
 * (`policies[i].targets.resolution.amount`, `policies[i].escalateToManagerAfter.amount`): each
 * ticket it timed would walk years of calendar as it opened and at every change after.
 */
export function assertPoliciesWithinHorizon(policies: readonly SlaPolicy[], calendarOf: (id: string) => BusinessCalendar): void {
  policies.forEach((policy, i) => {
    const calendar = calendarOf(policy.calendarId);
    const durations: [string, SlaDuration | undefined][] = [
      ...CLOCK_KINDS.map((kind): [string, SlaDuration | undefined] => [`targets.${kind}`, policy.targets[kind]]),
      ['escalateToManagerAfter', policy.escalateToManagerAfter],
    ];
    for (const [path, duration] of durations) {
      const days = duration ? calendarDaysOf(calendar, duration) : 0;
      if (duration && days > MAX_DEADLINE_HORIZON_DAYS) {
        throw new DomainError(
          'SLA.TARGET_TOO_LONG',
          'invalid',
          `${describeDuration(duration)} would lie about ${days} days ahead by calendar "${policy.calendarId}"; at most ${MAX_DEADLINE_HORIZON_DAYS} are counted`,
          `policies[${i}].${path}.amount`,
          { calendarId: policy.calendarId, maxDays: MAX_DEADLINE_HORIZON_DAYS },
        );
      }
    }
  });
}

/**
 * A holiday's or 调休 day's name goes out with its calendar (calendar.published) to every service
 * and is shown beside deadlines: one holding a phone number, an e-mail address or an ID number is
 * refused, named by its path in the document as its other problems are (parsing keeps the order).
 */
export function assertNamesHoldNoPersonalData(id: string, calendar: BusinessCalendar): BusinessCalendar {
  const field = codeFieldHoldingPersonalData({ holidays: calendar.holidays.map((day) => day.name), workingDays: calendar.workingDays.map((day) => day.name) });
  if (field === undefined) return calendar;
  throw new DomainError(
    'CALENDAR.PERSONAL_DATA',
    'invalid',
    `business calendar "${id}": ${field}.name must name the day, not hold a phone number, e-mail address or ID number`,
    `${field}.name`,
    { calendarId: id },
  );
}
