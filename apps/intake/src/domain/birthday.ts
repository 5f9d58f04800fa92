/**
 * 生日 — a customer's birth date (YYYY-MM-DD) is personal data: intake stores it encrypted and
 * finds "whose birthday is today" through a blind index of its month-day ("MM-DD") alone.
 */

const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, not in the future of `today` and not before 1900. */
export function isValidBirthDate(value: string, today = new Date()): boolean {
  const m = BIRTH_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return year >= 1900 && date.getTime() <= today.getTime();
}

/** The month-day a birth date recurs on: "1990-02-29" → "02-29". */
export function monthDayOf(birthDate: string): string {
  return birthDate.slice(5, 10);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The month-days celebrated on `date` (YYYY-MM-DD): its own, and on Feb 28 of a year without a
 * Feb 29 also "02-29", so those born on a leap day are greeted every year.
 */
export function monthDaysCelebratedOn(date: string): string[] {
  const year = Number(date.slice(0, 4));
  const monthDay = monthDayOf(date);
  return monthDay === '02-28' && !isLeapYear(year) ? ['02-28', '02-29'] : [monthDay];
}

/** Whether a birthday falls on `date`. */
export function isBirthdayOn(birthDate: string, date: string): boolean {
  return monthDaysCelebratedOn(date).includes(monthDayOf(birthDate));
}

/** The calendar day (YYYY-MM-DD) it is at `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A birth date as shown without customer.pii.read: only that one is on file. */
export function maskBirthDate(_birthDate: string): string {
  return '****-**-**';
}
