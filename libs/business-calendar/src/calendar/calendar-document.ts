import { formatTimeOfDay } from '../time/time-of-day';
import { byWeekday, type BusinessCalendar, type DayHours, type Weekday } from './business-calendar';

/**
 * The most intervals one day may hold and the longest name (in characters) of a holiday or 调休
 * day: what `calendar.published.v1` carries, so every calendar accepted can be announced to the
 * services that count working time by it.
 */
export const MAX_INTERVALS_PER_DAY = 8;
export const MAX_DAY_NAME_LENGTH = 100;

/** `["08:30", "12:00"]`: local start and end, end may be "24:00". */
export type TimeRangeDocument = readonly [start: string, end: string];

/** The import/export format other systems write; see the README. */
export interface CalendarDocument {
  readonly timezone: string;
  readonly workingHours: Readonly<Record<Weekday, readonly TimeRangeDocument[]>>;
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  readonly workingDays: readonly {
    readonly date: string;
    readonly name: string;
    readonly hours?: readonly TimeRangeDocument[];
  }[];
}

/** The calendar in the import format; parsing the result gives an equal calendar back. */
export function toCalendarDocument(calendar: BusinessCalendar): CalendarDocument {
  return {
    timezone: calendar.timezone,
    workingHours: byWeekday((weekday) => rangesOf(calendar.workingHours[weekday])),
    holidays: calendar.holidays.map(({ date, name }) => ({ date, name })),
    workingDays: calendar.workingDays.map(({ date, name, hours }) =>
      hours === undefined ? { date, name } : { date, name, hours: rangesOf(hours) },
    ),
  };
}

function rangesOf(hours: DayHours): TimeRangeDocument[] {
  return hours.map(({ start, end }) => [formatTimeOfDay(start), formatTimeOfDay(end)]);
}
