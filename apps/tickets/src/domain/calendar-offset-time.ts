/**
 * An instant as ISO-8601 local date-time with the UTC offset in force in a zone at that
 * instant (`2026-10-09T17:30:00+08:00`), so a deadline reads as the wall-clock time people
 * promised, yet stays one exact instant for machines.
 */

/** Built once per zone: construction is costly, and a formatter never changes. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Gregorian calendar and Latin digits pinned, so a host locale cannot change the output.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      // Without the era, 1 BC would print as year 1.
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

/** Throws RangeError for an invalid Date, a zone Intl does not know, or a local year outside 1–9999 (ISO-8601 needs four digits). */
export function toOffsetDateTime(instant: Date, timeZone: string): string {
  const utcMs = instant.getTime();
  if (Number.isNaN(utcMs)) throw new RangeError('cannot format an invalid Date');
  // Intl prints whole seconds; the milliseconds are carried over unchanged (no zone has a sub-second offset).
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  const millis = utcMs - wholeSecond;
  const parts = formatterFor(timeZone).formatToParts(wholeSecond);
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value);
  const year = field('year');
  if (parts.find((part) => part.type === 'era')?.value !== 'AD' || year > 9999) {
    throw new RangeError(`${instant.toISOString()} has no four-digit year in ${timeZone}`);
  }
  // Some ICU versions print midnight as hour 24 of the same day despite h23.
  const hour = field('hour') % 24;
  const wall = new Date(0);
  wall.setUTCFullYear(year, field('month') - 1, field('day'));
  wall.setUTCHours(hour, field('minute'), field('second'), 0);
  const offsetMs = wall.getTime() - wholeSecond;
  // Local mean time before standard zones (Shanghai +08:05:43 until 1901) has seconds, which an
  // ISO-8601 offset cannot carry; the same instant in UTC is still exact, a rounded offset would not be.
  if (offsetMs % 60_000 !== 0) return new Date(utcMs).toISOString();
  return `${pad(year, 4)}-${pad(field('month'), 2)}-${pad(field('day'), 2)}T${pad(hour, 2)}:${pad(field('minute'), 2)}:${pad(field('second'), 2)}${
    millis === 0 ? '' : `.${pad(millis, 3)}`
  }${formatOffset(offsetMs / 60_000)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
