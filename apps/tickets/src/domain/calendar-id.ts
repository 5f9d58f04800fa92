import { DomainError } from '@cs/ddd';

/** The calendar every SLA policy uses unless it names another. */
export const DEFAULT_CALENDAR_ID = 'default';

/** Lower-case so that ids compare byte-for-byte in URLs, policies and the table's CHECK. */
export const CALENDAR_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isCalendarId(id: string): boolean {
  return CALENDAR_ID_PATTERN.test(id);
}

/** Refuses an id no calendar can have, naming the request field that carried it. */
export function assertCalendarId(id: string, field = 'id'): void {
  if (!isCalendarId(id)) {
    throw new DomainError(
      'CALENDAR.INVALID_ID',
      'invalid',
      `${field} must be 1 to 63 lower-case letters, digits, "_" or "-", starting with a letter or digit`,
      field,
      { calendarId: id },
    );
  }
}
