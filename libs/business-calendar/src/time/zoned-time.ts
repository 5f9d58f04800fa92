/**
 * Local wall-clock time ↔ UTC for an IANA time zone, using only Intl (the tz data Node ships).
 *
 * "Wall-clock milliseconds" below are the local date and time read as if they were UTC, e.g.
 * 2026-03-30 09:00 in Berlin is `Date.UTC(2026, 2, 30, 9)`; an offset is wall − UTC.
 *
 * Gaps and overlaps (DST changes) are resolved by one rule, so results are deterministic:
 * a wall-clock time maps to the FIRST instant at which the zone's clocks show that time or a
 * later one.
 *  - In a gap (spring forward) the time never shows; it maps to the instant the clocks jump,
 *    e.g. Berlin 2026-03-29 02:30 → 03:00 CEST (01:00Z).
 *  - In an overlap (fall back) the time shows twice; it maps to the first occurrence, e.g.
 *    Berlin 2026-10-25 02:30 → 02:30 CEST (00:30Z).
 * The rule is monotonic (a later wall time never maps to an earlier instant), so the working
 * intervals of a day stay sorted and disjoint after conversion; an interval lying wholly in
 * a gap becomes empty.
 */
import { MS_PER_DAY, type DayNumber } from './civil-date';

/**
 * Formatters are costly to build and immutable once built; caching them per zone is invisible
 * to callers (the functions stay pure) and bounded by the number of zone names in use.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Gregorian calendar and Latin digits pinned, so a host locale cannot change the output.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      // Without the era, 1 BC would read as year 1.
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Whether Intl knows the zone. Offset strings such as "+08:00" are refused even where the
 * runtime would accept them: the calendar must name a zone so that DST rules come with it.
 */
export function isKnownTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each zone's offset per UTC hour, as read through Intl: formatting an instant into parts costs
 * microseconds and allocations, and SLA arithmetic asks for local dates many times per ticket (a
 * burst of firing timers spent a sixth of the tickets service's time formatting). An hour takes
 * the offset its first and last whole seconds agree on; with at most one offset change within a
 * day (the assumption {@link instantOfWallClock} states, which the tz database holds to), the
 * whole hour then has that offset. An hour holding a change is remembered as such (`NaN`) and
 * each instant in it formatted. 50,000 hours (nearly six years) per zone at most, a few MB: the
 * cache starts over when full.
 */
const offsetsByHour = new Map<string, Map<number, number>>();
const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS_PER_ZONE = 50_000;
/** The last instant a Date can hold. */
const LAST_INSTANT_MS = 8.64e15;

/** The local wall-clock time (as wall-clock milliseconds) at a UTC instant. */
export function wallClockAt(timeZone: string, utcMs: number): number {
  // Not a Date's instant (NaN, beyond its range): Intl's answer, an error, as without the cache.
  if (!(Math.abs(utcMs) <= LAST_INSTANT_MS)) return formattedWallClockAt(timeZone, utcMs);
  const hour = Math.floor(utcMs / HOUR_MS);
  const cached = offsetsByHour.get(timeZone)?.get(hour);
  if (cached !== undefined) return Number.isNaN(cached) ? formattedWallClockAt(timeZone, utcMs) : utcMs + cached;
  const first = hour * HOUR_MS;
  const last = Math.min(first + HOUR_MS - 1000, LAST_INSTANT_MS);
  // Formatted first, so a zone Intl refuses throws before anything is cached.
  const offset = formattedWallClockAt(timeZone, first) - first;
  const changes = formattedWallClockAt(timeZone, last) - last !== offset;
  let hours = offsetsByHour.get(timeZone);
  if (hours === undefined) offsetsByHour.set(timeZone, (hours = new Map()));
  if (hours.size >= MAX_CACHED_HOURS_PER_ZONE) hours.clear();
  hours.set(hour, changes ? Number.NaN : offset);
  return changes ? formattedWallClockAt(timeZone, utcMs) : utcMs + offset;
}

/** {@link wallClockAt} read from Intl's formatting of the instant, without the cache (exported for its test). */
export function formattedWallClockAt(timeZone: string, utcMs: number): number {
  // Intl formats whole seconds; no zone has had a sub-second offset, so carry the rest over.
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(wholeSecond);
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  // Astronomical numbering (1 BC is year 0) keeps the years continuous for the arithmetic.
  const year = parts.find((part) => part.type === 'era')?.value === 'BC' ? 1 - field('year') : field('year');
  const wall = new Date(0);
  // Not Date.UTC: it would read the years 0–99 as 1900–1999.
  wall.setUTCFullYear(year, field('month') - 1, field('day'));
  // Some ICU versions print midnight as hour 24 of the same day despite h23.
  wall.setUTCHours(field('hour') % 24, field('minute'), field('second'), 0);
  return wall.getTime() + (utcMs - wholeSecond);
}

export function offsetAt(timeZone: string, utcMs: number): number {
  return wallClockAt(timeZone, utcMs) - utcMs;
}

/** The local date at a UTC instant. */
export function localDayOf(timeZone: string, utcMs: number): DayNumber {
  return Math.floor(wallClockAt(timeZone, utcMs) / MS_PER_DAY);
}

/**
 * The first instant at which the zone's clocks show `wallMs` or later (see the module comment).
 * Assumes at most one offset change within a day either side, which holds for the tz database.
 */
export function instantOfWallClock(timeZone: string, wallMs: number): number {
  const before = offsetAt(timeZone, wallMs - MS_PER_DAY);
  const after = offsetAt(timeZone, wallMs + MS_PER_DAY);
  const candidates = [wallMs - before, wallMs - after].filter(
    (utcMs) => wallClockAt(timeZone, utcMs) === wallMs,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  if (before === after) {
    throw new Error(`Time zone ${timeZone}: cannot place local time ${new Date(wallMs).toISOString()}`);
  }
  return firstInstantShowing(timeZone, wallMs, wallMs - Math.max(before, after), wallMs - Math.min(before, after));
}

/**
 * Binary search for the clock jump over a gap: at `notYet` the clocks show less than `wallMs`,
 * at `already` more. Transitions fall on whole seconds, so millisecond steps find them exactly.
 */
function firstInstantShowing(timeZone: string, wallMs: number, notYet: number, already: number): number {
  let low = notYet;
  let high = already;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (wallClockAt(timeZone, middle) >= wallMs) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The instant `days` calendar days after `from` at the same local time in the zone: "within 3 days"
 * ends at the wall-clock time it began, 71 or 73 hours later across a change to or from daylight
 * saving time. A local time the change skips is the first instant after the gap.
 */
export function addCalendarDays(timeZone: string, from: Date, days: number): Date {
  if (days === 0) return from;
  return new Date(instantOfWallClock(timeZone, wallClockAt(timeZone, from.getTime()) + days * MS_PER_DAY));
}

/**
 * The instant `months` calendar months after `from` at the same local time in the zone, on the
 * same day of the month or the month's last day when it is shorter (31 January + 1 month is
 * 28 or 29 February). Counted from the one start every time, a monthly series keeps its day:
 * stepping from the clamped day would leave it on the 28th for good.
 */
export function addCalendarMonths(timeZone: string, from: Date, months: number): Date {
  if (months === 0) return from;
  const wall = new Date(wallClockAt(timeZone, from.getTime()));
  const day = wall.getUTCDate();
  wall.setUTCDate(1);
  wall.setUTCMonth(wall.getUTCMonth() + months);
  // Day 0 of the next month is this month's last (not Date.UTC, which reads years 0–99 as 19xx).
  const lastDay = new Date(wall.getTime());
  lastDay.setUTCMonth(wall.getUTCMonth() + 1, 0);
  wall.setUTCDate(Math.min(day, lastDay.getUTCDate()));
  return new Date(instantOfWallClock(timeZone, wall.getTime()));
}

/** The first instant of a local calendar day (`YYYY-MM-DD`) in the zone: where a day, week or month report begins. */
export function startOfLocalDay(timeZone: string, isoDate: string): Date {
  return new Date(instantOfWallClock(timeZone, Date.parse(`${isoDate}T00:00:00Z`)));
}

/** The instant a local calendar day (`YYYY-MM-DD`) shows a wall-clock time (`HH:MM`) in the zone: when a day's scheduled work begins. */
export function instantOnLocalDay(timeZone: string, isoDate: string, time: string): Date {
  return new Date(instantOfWallClock(timeZone, Date.parse(`${isoDate}T${time}:00Z`)));
}
