import { DomainError } from '@cs/ddd';
import { closingOfDay } from '../computation/day-spans';
import { NoWorkingTimeError } from '../computation/errors';
import { parseIsoDate } from '../time/civil-date';
import { type BusinessCalendar, WEEKDAYS } from './business-calendar';

/**
 * Whether the calendar works after `now`: some weekday has hours, or a 调休 working day closes
 * after it (a later date, or today in its zone with hours still to come). One with neither (no
 * weekday hours, its 调休 days all past or today's closed) passes `hasWorkingTime` yet counts no
 * deadline from now on. Judged by the instant, not today's date: a 调休 day whose only hours
 * ended this morning counts nothing more.
 */
export function hasWorkingTimeFrom(calendar: BusinessCalendar, now: Date): boolean {
  if (WEEKDAYS.some((weekday) => calendar.workingHours[weekday].length > 0)) return true;
  return calendar.workingDays.some((d) => {
    const day = parseIsoDate(d.date);
    return day !== undefined && (closingOfDay(calendar, day) ?? -Infinity) > now.getTime();
  });
}

/** The refusal (422 `CALENDAR.NO_WORKING_TIME`) of calendar `id` that has no working time, naming `field`. */
export function noWorkingTime(
  id: string,
  field: string,
  message = `business calendar "${id}" has no working time: no weekday has working hours and no date is an adjusted working day (调休), so no deadline can be counted by it`,
): DomainError {
  return new DomainError('CALENDAR.NO_WORKING_TIME', 'invalid', message, field, { calendarId: id });
}

/**
 * `calendar`, refused (422 naming `field`) when it no longer works: no weekday has hours and no
 * 调休 working day closes after `now`. Every deadline by it would fail.
 */
export function assertWorkingTime(id: string, calendar: BusinessCalendar, field: string, now: Date): BusinessCalendar {
  if (hasWorkingTimeFrom(calendar, now)) return calendar;
  throw noWorkingTime(id, field);
}

/** The codes a calendar that cannot count is refused under: it has no working time, or it awaits an admin's correction. */
export const CALENDAR_REFUSAL_CODES = ['CALENDAR.NO_WORKING_TIME', 'CALENDAR.NEEDS_CORRECTION'] as const;
const CALENDAR_REFUSALS: ReadonlySet<string> = new Set(CALENDAR_REFUSAL_CODES);

/**
 * Whether `error` is a calendar's refusal to count (422 `CALENDAR.NO_WORKING_TIME` or
 * `CALENDAR.NEEDS_CORRECTION`): the calendar's matter, which its correction ends. Any other error
 * (a bug, a lost database) is not, and a caller that passes such refusals by passes on the rest.
 */
export function isCalendarRefusal(error: unknown): error is DomainError {
  return error instanceof DomainError && CALENDAR_REFUSALS.has(error.code);
}

/**
 * What `count` counts by calendar `id`. A calendar with working time may still run out of it (no
 * weekday hours and its 调休 days all past, or a run of holidays longer than the search): a count
 * past its end is refused as one by a calendar without working time is (422
 * `CALENDAR.NO_WORKING_TIME` naming `field`, `calendarId` by default), so each caller treats it as
 * a calendar awaiting correction rather than failing with an error no caller answers.
 */
export function countedBy<T>(id: string, count: () => T, field = 'calendarId'): T {
  try {
    return count();
  } catch (error) {
    if (!(error instanceof NoWorkingTimeError)) throw error;
    throw noWorkingTime(
      id,
      field,
      `business calendar "${id}" has no working time in the ${error.searchedDays} days after ${error.searchedFrom.toISOString()}, so no deadline can be counted by it: ` +
        `correct it with PUT /v1/calendars/${id}`,
    );
  }
}
