import { MS_PER_MINUTE } from './civil-date';
import { wallClockAt } from './zoned-time';

/**
 * An instant as ISO-8601 local date-time with the UTC offset in force in a zone at that
 * instant (`2026-10-09T17:30:00+08:00`), so a deadline reads as the wall-clock time people
 * promised, yet stays one exact instant for machines. Milliseconds are written only when
 * there are some.
 *
 * @throws RangeError for an invalid Date, a zone Intl does not know, or a local year outside
 *   1–9999 (ISO-8601 needs four digits)
 */
export function toOffsetDateTime(instant: Date, timeZone: string): string {
  const utcMs = instant.getTime();
  if (Number.isNaN(utcMs)) throw new RangeError('cannot format an invalid Date');
  const wallMs = wallClockAt(timeZone, utcMs);
  const year = new Date(wallMs).getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    throw new RangeError(`${instant.toISOString()} has no four-digit year in ${timeZone}`);
  }
  const offsetMs = wallMs - utcMs;
  // Local mean time before standard zones (Shanghai +08:05:43 until 1901) has seconds, which an
  // ISO-8601 offset cannot carry; the same instant in UTC is still exact, a rounded offset would not be.
  if (offsetMs % MS_PER_MINUTE !== 0) return instant.toISOString();
  // The wall-clock time read as UTC prints as the local date and time.
  const local = new Date(wallMs).toISOString();
  const fraction = local.slice(19, 23);
  return `${local.slice(0, 19)}${fraction === '.000' ? '' : fraction}${formatOffset(offsetMs / MS_PER_MINUTE)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
