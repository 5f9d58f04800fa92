import { DomainError } from '@cs/ddd';
import { NoWorkingTimeError } from '../computation/errors';
import { parseIsoDate } from '../time/civil-date';
import { localDayOf } from '../time/zoned-time';
import { type BusinessCalendar, WEEKDAYS, hoursOn } from './business-calendar';

/**
 * Whether the calendar works on `now`'s date in its zone or later: some weekday has hours, or a
 * 调休 working day from that date on works some. One with neither (no weekday hours, its 调休 days
 * all past) passes `hasWorkingTime` yet counts no deadline from now on.
 */
export function hasWorkingTimeFrom(calendar: BusinessCalendar, now: Date): boolean {
  if (WEEKDAYS.some((weekday) => calendar.workingHours[weekday].length > 0)) return true;
  const today = localDayOf(calendar.timezone, now.getTime());
  return calendar.workingDays.some((d) => {
    const day = parseIsoDate(d.date);
    return day !== undefined && day >= today && hoursOn(calendar, day).length > 0;
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
 * 调休 working day falls on `now`'s date in its zone or later. Every deadline by it would fail.
 */
export function assertWorkingTime(id: string, calendar: BusinessCalendar, field: string, now: Date): BusinessCalendar {
  if (hasWorkingTimeFrom(calendar, now)) return calendar;
  throw noWorkingTime(id, field);
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
