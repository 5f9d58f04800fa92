import { BusinessCalendar, MAX_YEAR, MIN_YEAR, formatIsoDate, instantOnLocalDay, isWorkingDay, localDayOf, parseIsoDate } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import type { Priority } from './ticket-lifecycle';

/** How often the work recurs: every N days, every N weeks on some weekdays (ISO: 1 Monday … 7 Sunday), every N months on a day. */
export type ScheduleRecurrence =
  | { readonly every: 'day'; readonly interval: number }
  | { readonly every: 'week'; readonly interval: number; readonly weekdays: readonly number[] }
  | { readonly every: 'month'; readonly interval: number; readonly dayOfMonth: number };

/**
 * What happens to an occurrence that falls on a non-working day (a weekend, a holiday; a 调休
 * Saturday counts as working): it opens on the next working day, or it is skipped.
 */
export type NonWorkingDayRule = 'next_working_day' | 'skip';
export const NON_WORKING_DAY_RULES: readonly NonWorkingDayRule[] = ['next_working_day', 'skip'];

/**
 * 周期工单 — routine work a project's department owes on a rhythm (inspections, meter reading,
 * pre-holiday safety checks): each occurrence opens a ticket and dispatches it to the department.
 */
export interface TicketSchedule {
  readonly id: string;
  readonly projectCode: string;
  /** What the work is, e.g. 3栋消防设施周检; the ticket's demand. */
  readonly name: string;
  readonly itemCode?: string;
  readonly building?: string;
  readonly department: string;
  readonly handler?: string;
  readonly priority: Priority;
  readonly recurrence: ScheduleRecurrence;
  /** Local time (`HH:MM`) in the calendar's zone at which an occurrence's ticket opens. */
  readonly timeOfDay: string;
  readonly calendarId: string;
  readonly onNonWorkingDay: NonWorkingDayRule;
  /** `YYYY-MM-DD`: the first day an occurrence may fall on. */
  readonly startsOn: string;
  /** `YYYY-MM-DD`: the last; absent, it never ends. */
  readonly endsOn?: string;
  /** 首问责任人 of the tickets it opens: whoever made or last changed the schedule. */
  readonly ownerId: string;
}

/** One occurrence: the day the rule names, and the working day and instant its ticket opens. */
export interface Occurrence {
  readonly occurrenceOn: string;
  readonly opensOn: string;
  readonly opensAt: Date;
}

/** Where a schedule stands: the last occurrence it opened, if any. */
export interface ScheduleProgress {
  readonly lastOccurrenceOn?: string;
  readonly lastOpensOn?: string;
}

const MS_PER_DAY = 86_400_000;
/** The longest run of non-working days a calendar has (the Spring Festival is 8 or 9): past this, no working day follows. */
const MAX_DAYS_TO_WORKING_DAY = 31;
/** How far ahead an occurrence is looked for: a schedule with none in this time never opens anything. */
const HORIZON_DAYS = 2 * 366;
export const MAX_INTERVAL: Readonly<Record<ScheduleRecurrence['every'], number>> = { day: 365, week: 52, month: 12 };
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
/** The last day a calendar computes: no occurrence is looked for past it. */
const LAST_CALENDAR_DAY = dayNumber(`${MAX_YEAR}-12-31`);
/** ISO weekday: 1 Monday … 7 Sunday (1970-01-01 was a Thursday). */
const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;
const monthIndex = (day: number): number => {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const lastDayOfMonth = (day: number): number => {
  const d = new Date(day * MS_PER_DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
};

/** Whether the rule names this day. A month without the day (the 31st of June) takes its last day. */
function named(schedule: Pick<TicketSchedule, 'recurrence' | 'startsOn'>, day: number): boolean {
  const start = dayNumber(schedule.startsOn);
  const r = schedule.recurrence;
  switch (r.every) {
    case 'day':
      return (day - start) % r.interval === 0;
    case 'week': {
      const weeks = Math.floor((day - weekdayOf(day) + 1 - (start - weekdayOf(start) + 1)) / 7);
      return r.weekdays.includes(weekdayOf(day)) && weeks % r.interval === 0;
    }
    case 'month': {
      const date = new Date(day * MS_PER_DAY).getUTCDate();
      return (monthIndex(day) - monthIndex(start)) % r.interval === 0 && date === Math.min(r.dayOfMonth, lastDayOfMonth(day));
    }
  }
}

function firstWorkingDayFrom(calendar: BusinessCalendar, day: number): number | undefined {
  for (let d = day; d <= Math.min(day + MAX_DAYS_TO_WORKING_DAY, LAST_CALENDAR_DAY); d += 1) if (isWorkingDay(calendar, formatIsoDate(d))) return d;
  return undefined;
}

/**
 * The next occurrence after the schedule's progress, or none (it ended, or nothing falls within
 * two years). A day on a non-working day moves to the next working day or is skipped, by the
 * schedule's rule; an occurrence that would open on or before the day the last one opened is
 * skipped, so a schedule opens at most one ticket a day (a daily schedule's weekend does not pile
 * up on Monday).
 */
export function nextOccurrence(schedule: TicketSchedule, calendar: BusinessCalendar, progress: ScheduleProgress): Occurrence | undefined {
  const start = dayNumber(schedule.startsOn);
  const from = progress.lastOccurrenceOn ? Math.max(start, dayNumber(progress.lastOccurrenceOn) + 1) : start;
  const end = schedule.endsOn ? dayNumber(schedule.endsOn) : Number.POSITIVE_INFINITY;
  const lastOpened = progress.lastOpensOn ? dayNumber(progress.lastOpensOn) : Number.NEGATIVE_INFINITY;
  for (let day = from; day <= Math.min(end, from + HORIZON_DAYS, LAST_CALENDAR_DAY); day += 1) {
    if (!named(schedule, day)) continue;
    const opens = schedule.onNonWorkingDay === 'skip' ? (isWorkingDay(calendar, formatIsoDate(day)) ? day : undefined) : firstWorkingDayFrom(calendar, day);
    if (opens === undefined || opens <= lastOpened) continue;
    return { occurrenceOn: formatIsoDate(day), opensOn: formatIsoDate(opens), opensAt: instantOnLocalDay(calendar.timezone, formatIsoDate(opens), schedule.timeOfDay) };
  }
  return undefined;
}

/**
 * A schedule started again after a pause: what it missed while paused is not opened, so its
 * progress moves past every occurrence whose moment has gone (the search starts today, in the
 * calendar's zone), and its next occurrence is the first still to come. From its progress alone,
 * a month's pause opened a month of tickets at once.
 */
export function resumeAfterPause(
  schedule: TicketSchedule,
  calendar: BusinessCalendar,
  progress: ScheduleProgress,
  now: Date,
): { readonly progress: ScheduleProgress; readonly next: Occurrence | undefined } {
  const yesterday = formatIsoDate(localDayOf(calendar.timezone, now.getTime()) - 1);
  let passed: ScheduleProgress = { ...progress, lastOccurrenceOn: progress.lastOccurrenceOn && progress.lastOccurrenceOn > yesterday ? progress.lastOccurrenceOn : yesterday };
  let next = nextOccurrence(schedule, calendar, passed);
  while (next && next.opensAt < now) {
    passed = { ...passed, lastOccurrenceOn: next.occurrenceOn };
    next = nextOccurrence(schedule, calendar, passed);
  }
  return { progress: passed, next };
}

const invalid = (field: string, message: string) => new DomainError('TICKET_SCHEDULE.INVALID', 'invalid', message, field);

/** Refuses (422, naming the field) a schedule whose rule cannot work: the checks a request's shape cannot express. */
export function assertValidSchedule(schedule: TicketSchedule): void {
  const r = schedule.recurrence;
  if (!Number.isInteger(r.interval) || r.interval < 1 || r.interval > MAX_INTERVAL[r.every]) {
    throw invalid('recurrence.interval', `every ${r.every}: the interval is 1 to ${MAX_INTERVAL[r.every]}`);
  }
  if (r.every === 'week' && (r.weekdays.length === 0 || r.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))) {
    throw invalid('recurrence.weekdays', 'weekly: one or more ISO weekdays, 1 (Monday) to 7 (Sunday)');
  }
  if (r.every === 'month' && (!Number.isInteger(r.dayOfMonth) || r.dayOfMonth < 1 || r.dayOfMonth > 31)) {
    throw invalid('recurrence.dayOfMonth', 'monthly: a day of the month, 1 to 31 (a shorter month takes its last day)');
  }
  if (!TIME_OF_DAY.test(schedule.timeOfDay)) throw invalid('timeOfDay', 'a local time HH:MM');
  // The shape's pattern lets through days a calendar cannot count (the 30th of February, the year 339).
  for (const field of ['startsOn', 'endsOn'] as const) {
    const day = schedule[field];
    if (day !== undefined && parseIsoDate(day) === undefined) throw invalid(field, `a day YYYY-MM-DD that exists, in the years ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  if (schedule.endsOn && schedule.endsOn < schedule.startsOn) throw invalid('endsOn', 'a schedule ends on or after the day it starts');
}
