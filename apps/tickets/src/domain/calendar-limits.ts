import { BusinessCalendar, hasWorkingTime } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';

/**
 * A calendar that never works times nothing: every deadline by it fails, and with it each read of
 * a ticket it times, each contact opening one and the recompute walk over them. Refused (422)
 * naming `field`: no weekday has hours and no date is a 调休 working day.
 */
export function assertWorkingTime(id: string, calendar: BusinessCalendar, field: string): BusinessCalendar {
  if (hasWorkingTime(calendar)) return calendar;
  throw new DomainError(
    'CALENDAR.NO_WORKING_TIME',
    'invalid',
    `business calendar "${id}" has no working time: no weekday has working hours and no date is an adjusted working day (调休), so no deadline can be counted by it`,
    field,
    { calendarId: id },
  );
}

