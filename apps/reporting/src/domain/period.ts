import { formatIsoDate, localDayOf, startOfLocalDay } from '@cs/business-calendar';

/** A half-open span of time [from, to) a report covers. */
export interface Period {
  readonly from: Date;
  readonly to: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The years a request may name a month or an ISO week of: 0001 to 9999. A report compares with the
 * period before, which year 0000 has none of; every endpoint taking a month or a week (reports,
 * scorecards, spot checks, praise, the figures' bounds) refuses year 0000 by these patterns alike.
 */
const REQUESTED_YEAR = '(000[1-9]|00[1-9]\\d|0[1-9]\\d{2}|[1-9]\\d{3})';
export const REQUESTED_MONTH = new RegExp(`^${REQUESTED_YEAR}-(0[1-9]|1[0-2])$`);
export const REQUESTED_WEEK = new RegExp(`^${REQUESTED_YEAR}-W(0[1-9]|[1-4]\\d|5[0-3])$`);

/** The local calendar days [first, next) a bound names, or an instant when it carries a time. */
type Bound = { readonly kind: 'days'; readonly first: string; readonly next: string } | { readonly kind: 'instant'; readonly at: Date };

const DAY_MS = 86_400_000;

/** Four digits, as labels are read back: year 217 is `0217`, not `217`. */
const yearLabel = (year: number): string => String(year).padStart(4, '0');

/**
 * The UTC midnight of a calendar day. Not Date.UTC, which reads the years 0–99 as 1900–1999;
 * months past 11 roll over into the next year.
 */
function utcDay(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/**
 * `YYYY-MM-DD` of a UTC midnight, with the expanded `±YYYYYY` years of ISO 8601 (and Date.parse)
 * outside 0000–9999: `toISOString().slice(0, 10)` would cut `+010000-01-01`, the day after the
 * last month of year 9999, to `+010000-01`.
 */
function isoDay(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const label = year >= 0 && year <= 9999 ? yearLabel(year) : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${label}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

const shiftDays = (isoDate: string, days: number): string => isoDay(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS);

function monthDays(year: number, month: number): { first: string; next: string } {
  return { first: isoDay(utcDay(year, month - 1, 1)), next: isoDay(utcDay(year, month, 1)) };
}

/** Monday of ISO week `week` of `year`: the week holding 4 January is week 1. */
function isoWeekMonday(year: number, week: number): string {
  const jan4 = utcDay(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return isoDay(jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS);
}

function isoWeeksIn(year: number): number {
  return isoWeekMonday(year + 1, 1) === shiftDays(isoWeekMonday(year, 1), 52 * 7) ? 52 : 53;
}

/** Whether `YYYY-MM-DD` names a day of the calendar (not 2026-02-30). */
function isRealDay(isoDate: string): boolean {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === isoDate;
}

/** Reads `2026-11` (a month), `2026-W48` (an ISO week), `2026-11-05` (a day) or an ISO date-time with offset. */
export function parseBound(text: string): Bound | undefined {
  const month = MONTH.exec(text);
  if (month) return { kind: 'days', ...monthDays(Number(month[1]), Number(month[2])) };
  const week = WEEK.exec(text);
  if (week) {
    const year = Number(week[1]);
    const n = Number(week[2]);
    if (n > isoWeeksIn(year)) return undefined;
    const first = isoWeekMonday(year, n);
    return { kind: 'days', first, next: shiftDays(first, 7) };
  }
  if (DAY.test(text)) return isRealDay(text) ? { kind: 'days', first: text, next: shiftDays(text, 1) } : undefined;
  // Date.parse reads 2026-02-30T10:00 as 2 March and 24:00 as the next day's midnight: a period the caller did not ask for.
  if (DATE_TIME.test(text) && isRealDay(text.slice(0, 10)) && !text.startsWith('24', 11)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : { kind: 'instant', at: new Date(ms) };
  }
  return undefined;
}

/** A bound as a request may name it: a month or a week of year 0000 is none, whatever else it reads. */
export function parseRequestedBound(text: string): Bound | undefined {
  if ((MONTH.test(text) && !REQUESTED_MONTH.test(text)) || (WEEK.test(text) && !REQUESTED_WEEK.test(text))) return undefined;
  return parseBound(text);
}

/**
 * The period from `from` to `to`, both inclusive when they name days, weeks or months (`to=2026-11`
 * ends with November) and `to` exclusive when it is an instant. Local days are the company's timezone.
 */
export function periodBetween(from: Bound, to: Bound, timeZone: string): Period {
  return {
    from: from.kind === 'instant' ? from.at : startOfLocalDay(timeZone, from.first),
    to: to.kind === 'instant' ? to.at : startOfLocalDay(timeZone, to.next),
  };
}

/** The calendar month `YYYY-MM` in the zone. */
export function monthPeriod(month: string, timeZone: string): Period {
  const bound = parseBound(month);
  if (!bound || !MONTH.test(month)) throw new RangeError(`not a month: ${month}`);
  return periodBetween(bound, bound, timeZone);
}

/** The ISO week `YYYY-Www` a (UTC-read) calendar day falls in. */
function isoWeekOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - utcDay(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${yearLabel(year)}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week before `YYYY-Www`. */
export function previousWeek(week: string): string {
  const bound = parseBound(week);
  if (!bound || bound.kind !== 'days' || !WEEK.test(week)) throw new RangeError(`not a week: ${week}`);
  return isoWeekOf(shiftDays(bound.first, -7));
}

/** The ISO week `YYYY-Www` in the zone. */
export function weekPeriod(week: string, timeZone: string): Period {
  const bound = parseBound(week);
  if (!bound || !WEEK.test(week)) throw new RangeError(`not a week: ${week}`);
  return periodBetween(bound, bound, timeZone);
}

/** The local ISO week an instant falls in. */
export function weekOf(at: Date, timeZone: string): string {
  return isoWeekOf(formatIsoDate(localDayOf(timeZone, at.getTime())));
}

/** The month before `YYYY-MM`, as `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${yearLabel(year - 1)}-12` : `${yearLabel(year)}-${String(m - 1).padStart(2, '0')}`;
}

/** The period of the same length that ends where this one begins: what a trend compares with. */
export function precedingPeriod(period: Period): Period {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from };
}

/** The local month `YYYY-MM` an instant falls in. */
export function monthOf(at: Date, timeZone: string): string {
  return formatIsoDate(localDayOf(timeZone, at.getTime())).slice(0, 7);
}

/** Consecutive local days [from, to), in days since 1970-01-01 (or months, in months since year 0). */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/**
 * A period cut along the local calendar, as the rollups keep it: the whole days it covers, the
 * whole months among them, the days of those not in a whole month, and the parts of the period
 * outside whole days (a period bounded by date-times), which are read ticket by ticket.
 */
export interface PeriodBuckets {
  readonly days: Span;
  readonly months: Span;
  readonly daysOutsideMonths: readonly Span[];
  readonly edges: readonly Period[];
}

const firstDayOfMonth = (month: number): number => utcDay(Math.floor(month / 12), month % 12, 1) / DAY_MS;
/** The month of a day number, counted from year 0 (`year × 12 + month − 1`), so consecutive months are consecutive numbers. */
export function monthOfDay(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The first instant of a local day (a day number) in the zone. */
const dayStart = (day: number, timeZone: string): Date => startOfLocalDay(timeZone, isoDay(day * DAY_MS));

/** The local days of a span, as the instants they run between. */
export const daysPeriod = (days: Span, timeZone: string): Period => ({ from: dayStart(days.from, timeZone), to: dayStart(days.to, timeZone) });

/** The local month (a month number) an instant falls in, as the instants it runs between. */
export function localMonthAround(at: Date, timeZone: string): Period {
  const month = monthOfDay(localDayOf(timeZone, at.getTime()));
  return daysPeriod({ from: firstDayOfMonth(month), to: firstDayOfMonth(month + 1) }, timeZone);
}

export function bucketsOf(period: Period, timeZone: string): PeriodBuckets {
  const startOf = (day: number): number => dayStart(day, timeZone).getTime();
  const from = period.from.getTime();
  const to = period.to.getTime();
  const dayOfFrom = localDayOf(timeZone, from);
  const first = startOf(dayOfFrom) < from ? dayOfFrom + 1 : dayOfFrom;
  const end = localDayOf(timeZone, to);
  if (from >= to || end <= first) return { days: { from: 0, to: 0 }, months: { from: 0, to: 0 }, daysOutsideMonths: [], edges: from < to ? [period] : [] };
  const edges = [
    ...(from < startOf(first) ? [{ from: period.from, to: new Date(startOf(first)) }] : []),
    ...(startOf(end) < to ? [{ from: new Date(startOf(end)), to: period.to }] : []),
  ];
  const firstMonth = firstDayOfMonth(monthOfDay(first)) === first ? monthOfDay(first) : monthOfDay(first) + 1;
  const endMonth = monthOfDay(end);
  if (firstMonth >= endMonth) return { days: { from: first, to: end }, months: { from: 0, to: 0 }, daysOutsideMonths: [{ from: first, to: end }], edges };
  return {
    days: { from: first, to: end },
    months: { from: firstMonth, to: endMonth },
    daysOutsideMonths: [
      { from: first, to: firstDayOfMonth(firstMonth) },
      { from: firstDayOfMonth(endMonth), to: end },
    ].filter((s) => s.from < s.to),
    edges,
  };
}
