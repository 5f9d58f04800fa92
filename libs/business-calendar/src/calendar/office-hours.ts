import type { Weekday } from './business-calendar';
import type { TimeRangeDocument } from './calendar-document';

/** The office day most mainland companies keep, with a lunch break: the examples' and the default calendar's hours. */
export const OFFICE_HOURS: readonly TimeRangeDocument[] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

/** `hours` Monday to Friday, weekends off: the `workingHours` of a calendar document. */
export function weekdaysWorking(hours: readonly TimeRangeDocument[]): Readonly<Record<Weekday, readonly TimeRangeDocument[]>> {
  return { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] };
}

/** OFFICE_HOURS on weekdays. */
export const OFFICE_WEEK = weekdaysWorking(OFFICE_HOURS);
