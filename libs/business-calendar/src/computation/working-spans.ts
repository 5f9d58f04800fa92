import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_DAY } from '../time/civil-date';
import { localDayOf } from '../time/zoned-time';
import { workingSpansOfDay } from './day-spans';
import { NoWorkingTimeError } from './errors';
import type { Span } from './span';

/** Three years of consecutive days without working time means the calendar has none left. */
export const MAX_DAYS_WITHOUT_WORK = 366 * 3;

/**
 * The working time from `fromMs` on, in order, one interval at a time (never minute by minute).
 * The first span is clipped to start at `fromMs`. With `untilMs` the walk stops there; without
 * it, it throws NoWorkingTimeError after MAX_DAYS_WITHOUT_WORK days in a row without work.
 */
export function* workingSpansFrom(calendar: BusinessCalendar, fromMs: number, untilMs = Infinity): Generator<Span> {
  // Earlier dates cannot hold `fromMs`: their intervals end by the first instant showing this
  // date's midnight (zoned-time.ts), and `fromMs` shows this date, so it is not before that.
  let day = localDayOf(calendar.timezone, fromMs);
  let idleDays = 0;
  // No zone is more than a day ahead of UTC, so a day starting a day after `untilMs` has nothing before it.
  for (; (day - 1) * MS_PER_DAY < untilMs; day++) {
    const spans = workingSpansOfDay(calendar, day);
    if (spans.length === 0) {
      idleDays += 1;
      if (untilMs === Infinity && idleDays > MAX_DAYS_WITHOUT_WORK) {
        throw new NoWorkingTimeError(calendar.timezone, new Date(fromMs), MAX_DAYS_WITHOUT_WORK);
      }
      continue;
    }
    idleDays = 0;
    for (const span of spans) {
      if (span.end > fromMs) yield { start: Math.max(span.start, fromMs), end: span.end };
    }
  }
}
