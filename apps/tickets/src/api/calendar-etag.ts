import { DomainError } from '@cs/ddd';

/** Weak, as the catalogue's: the version identifies the calendar, not the bytes of one response. */
export function calendarEtag(version: number): string {
  return `W/"${version}"`;
}

/** The version an If-Match names; none for an absent header or `*` (any current calendar). */
export function calendarVersionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) {
    throw new DomainError('CALENDAR.BAD_IF_MATCH', 'invalid', 'If-Match must be the ETag of a calendar read, e.g. W/"3"', 'If-Match');
  }
  return Number(match[1]);
}
