import { parseIsoDate, type DayNumber } from '../time/civil-date';
import { isKnownTimeZone } from '../time/zoned-time';
import {
  dateOverrides,
  type AdjustedWorkingDay,
  type BusinessCalendar,
  type DayHours,
  type Holiday,
  type Weekday,
} from './business-calendar';
import { CalendarValidationError } from './calendar-validation-error';
import { Problems, isRecord } from './problems';
import { readWeeklyHours } from './read-hours';
import { readHolidays, readWorkingDays } from './read-special-days';

/**
 * Validates a calendar document (already JSON-parsed) and returns the calendar the working-time
 * functions use. Fields other than those of the format are ignored, so exporting systems may
 * add their own. Throws CalendarValidationError listing every problem with its path.
 */
export function parseCalendar(input: unknown): BusinessCalendar {
  const problems = new Problems();
  if (!isRecord(input)) {
    throw new CalendarValidationError([{ path: '', message: 'must be an object (a calendar document)' }]);
  }
  const timezone = readTimeZone(input.timezone, problems);
  const workingHours = readWeeklyHours(input.workingHours, 'workingHours', problems);
  const holidays = readHolidays(input.holidays, 'holidays', problems);
  const workingDays = readWorkingDays(
    input.workingDays,
    'workingDays',
    { monday: workingHours?.mon, holidays },
    problems,
  );
  if (problems.list.length > 0 || timezone === undefined || workingHours === undefined) {
    throw new CalendarValidationError(problems.list);
  }
  return buildCalendar(timezone, workingHours, holidays.entries, workingDays.entries);
}

function readTimeZone(value: unknown, problems: Problems): string | undefined {
  if (typeof value === 'string' && isKnownTimeZone(value)) return value;
  return problems.add('timezone', 'must be an IANA time zone name such as "Asia/Shanghai"');
}

function buildCalendar(
  timezone: string,
  workingHours: Record<Weekday, DayHours>,
  holidays: readonly Holiday[],
  workingDays: readonly AdjustedWorkingDay[],
): BusinessCalendar {
  const overrides = new Map<DayNumber, DayHours>();
  for (const { date } of holidays) overrides.set(dayOf(date), []);
  for (const { date, hours } of workingDays) overrides.set(dayOf(date), hours ?? workingHours.mon);
  return deepFreeze({
    timezone,
    workingHours: { ...workingHours },
    holidays: [...holidays],
    workingDays: [...workingDays],
    [dateOverrides]: overrides,
  });
}

/** Dates reaching here have been validated. */
function dayOf(date: string): DayNumber {
  const day = parseIsoDate(date);
  if (day === undefined) throw new Error(`unvalidated date ${date}`);
  return day;
}

/**
 * Calendars are shared by every computation (and cached against, see day-spans.ts), so nothing
 * may change them after validation. The one Map (behind a private symbol)
 * is never handed out.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Map) && !Object.isFrozen(value)) {
    Object.values(value).forEach((inner: unknown) => deepFreeze(inner));
    Object.freeze(value);
  }
  return value;
}
