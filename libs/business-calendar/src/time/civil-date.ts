/** A calendar date written `YYYY-MM-DD` (ISO 8601, proleptic Gregorian). */
export type IsoDate = string;

/**
 * Days since 1970-01-01. Local dates are handled as plain integers so that day arithmetic
 * never touches a time zone.
 */
export type DayNumber = number;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/**
 * Years a calendar date may have. The lower bound keeps `Date.UTC` away from its two-digit-year
 * quirk and Intl away from pre-standard-time local mean time; nobody uploads such calendars.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of an ISO date, or undefined when the text is not a date that exists. */
export function parseIsoDate(text: string): DayNumber | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 02-30 over into March; a round trip exposes dates that do not exist.
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

export function formatIsoDate(day: DayNumber): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: DayNumber): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
