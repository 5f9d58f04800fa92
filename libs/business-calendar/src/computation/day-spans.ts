import { hoursOn, type BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_DAY, MS_PER_MINUTE, type DayNumber } from '../time/civil-date';
import { instantOfWallClock } from '../time/zoned-time';
import type { Span } from './span';

/**
 * Converting a day's hours to UTC costs a few Intl calls per interval end, and deadline
 * computations revisit the same days again and again. Calendars are immutable, so memoising
 * per calendar object is invisible to callers; the size cap keeps a long-lived calendar from
 * growing without bound.
 */
const cache = new WeakMap<BusinessCalendar, Map<DayNumber, readonly Span[]>>();
const MAX_CACHED_DAYS = 20_000;

/**
 * The working time of one local date as UTC spans, sorted and disjoint. Touching intervals are
 * merged, and intervals lying wholly in a DST gap vanish (see zoned-time.ts for the rule).
 */
export function workingSpansOfDay(calendar: BusinessCalendar, day: DayNumber): readonly Span[] {
  let days = cache.get(calendar);
  if (!days) {
    days = new Map();
    cache.set(calendar, days);
  }
  let spans = days.get(day);
  if (!spans) {
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    spans = convert(calendar, day);
    days.set(day, spans);
  }
  return spans;
}

function convert(calendar: BusinessCalendar, day: DayNumber): readonly Span[] {
  const midnight = day * MS_PER_DAY;
  const spans: Span[] = [];
  for (const { start, end } of hoursOn(calendar, day)) {
    const from = instantOfWallClock(calendar.timezone, midnight + start * MS_PER_MINUTE);
    const to = instantOfWallClock(calendar.timezone, midnight + end * MS_PER_MINUTE);
    if (to <= from) continue;
    const previous = spans.at(-1);
    if (previous && previous.end === from) spans[spans.length - 1] = { start: previous.start, end: to };
    else spans.push({ start: from, end: to });
  }
  return Object.freeze(spans);
}

/** The end of a date's last working interval, or undefined when the date has no working time. */
export function closingOfDay(calendar: BusinessCalendar, day: DayNumber): number | undefined {
  return workingSpansOfDay(calendar, day).at(-1)?.end;
}
