import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseIsoDate, type DayNumber, type IsoDate } from '../time/civil-date';
import { epochMsOf } from '../time/instant';
import { localDayOf } from '../time/zoned-time';
import { closingOfDay } from './day-spans';
import { NoWorkingTimeError } from './errors';
import { MAX_DAYS_WITHOUT_WORK } from './working-spans';

/**
 * "N个工作日内" (within N working days), as practised in China: the day the clock starts is not
 * counted, whether or not it is a working day, and the deadline is the close of business (end
 * of the last working interval) of the Nth working day after it.
 *   Received Friday 10:00, N = 1 → Monday 17:30 (or a 调休 Saturday's close, if that comes first).
 *   Received Saturday or on a holiday, N = 1 → the close of the first working day after it.
 * N = 0 means "the same day": the close of the start day when it is a working day not yet
 * closed at `from`, else the close of the next working day, which is also what N = 1 gives in
 * that case. A matter received after closing time is the next working day's, as one received on
 * a Saturday is: no one is there to act on it the same day, and it would be overdue at once.
 * An instant that is a day's close at "24:00" (the next date's 00:00) is that day's, as a close at
 * 17:30 is: counting from a deadline (an extension) starts at the day it closes, not the next.
 *
 * @throws RangeError when `n` is not an integer ≥ 0
 * @throws NoWorkingTimeError when the calendar has no working day left
 */
export function addWorkingDays(calendar: BusinessCalendar, from: Date, n: number): Date {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0 (got ${n})`);
  const fromMs = epochMsOf(from, 'from');
  const startDay = dayClosingAt(calendar, fromMs) ?? localDayOf(calendar.timezone, fromMs);
  const sameDayClose = n === 0 ? closingOfDay(calendar, startDay) : undefined;
  if (sameDayClose !== undefined && sameDayClose > fromMs) return new Date(sameDayClose);
  let remaining = Math.max(n, 1);
  let idleDays = 0;
  for (let day = startDay + 1; ; day += 1) {
    const close = closingOfDay(calendar, day);
    if (close === undefined) {
      idleDays += 1;
      if (idleDays > MAX_DAYS_WITHOUT_WORK) {
        throw new NoWorkingTimeError(calendar.timezone, from, MAX_DAYS_WITHOUT_WORK);
      }
      continue;
    }
    idleDays = 0;
    remaining -= 1;
    if (remaining === 0) return new Date(close);
  }
}

/** The day before the local date of `ms` when `ms` is exactly its close ("24:00"), else undefined. */
function dayClosingAt(calendar: BusinessCalendar, ms: number): DayNumber | undefined {
  const previous = localDayOf(calendar.timezone, ms) - 1;
  return closingOfDay(calendar, previous) === ms ? previous : undefined;
}

/**
 * The close of business of a date: the end of its last working interval, or undefined when
 * the date has no working time. A `Date` stands for its local date in the calendar's zone.
 */
export function endOfWorkingDay(calendar: BusinessCalendar, date: Date | IsoDate): Date | undefined {
  const close = closingOfDay(calendar, localDateOf(calendar, date));
  return close === undefined ? undefined : new Date(close);
}

/** Whether the date has working time (weekday hours or 调休, and not a holiday). */
export function isWorkingDay(calendar: BusinessCalendar, date: Date | IsoDate): boolean {
  return closingOfDay(calendar, localDateOf(calendar, date)) !== undefined;
}

function localDateOf(calendar: BusinessCalendar, date: Date | IsoDate): DayNumber {
  if (typeof date !== 'string') return localDayOf(calendar.timezone, epochMsOf(date, 'date'));
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`date must be a date "YYYY-MM-DD" that exists (got ${date})`);
  return day;
}
