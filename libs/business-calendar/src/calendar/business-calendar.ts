import { isoWeekdayOf, type DayNumber, type IsoDate } from '../time/civil-date';
import type { MinuteOfDay } from '../time/time-of-day';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** In ISO order, so `WEEKDAYS[isoWeekday - 1]` is the key of a date. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A local working interval [start, end) of one day; start < end, end may be 1440 ("24:00"). */
export interface WorkingInterval {
  readonly start: MinuteOfDay;
  readonly end: MinuteOfDay;
}

/** The working intervals of one day, sorted and non-overlapping; empty on a day off. */
export type DayHours = readonly WorkingInterval[];

export interface Holiday {
  readonly date: IsoDate;
  readonly name: string;
}

/** 调休: a date that works although the weekly hours would rest (or that works special hours). */
export interface AdjustedWorkingDay {
  readonly date: IsoDate;
  readonly name: string;
  /** Absent: the day works Monday's hours. */
  readonly hours?: DayHours;
}

/**
 * Holds the per-date overrides by day number. The symbol is not exported from the library, so
 * a BusinessCalendar can only come from parseCalendar, i.e. it has always been validated.
 */
export const dateOverrides: unique symbol = Symbol('dateOverrides');

export interface BusinessCalendar {
  /** IANA time zone in which every time of the calendar is local wall-clock time. */
  readonly timezone: string;
  readonly workingHours: Readonly<Record<Weekday, DayHours>>;
  readonly holidays: readonly Holiday[];
  readonly workingDays: readonly AdjustedWorkingDay[];
  readonly [dateOverrides]: ReadonlyMap<DayNumber, DayHours>;
}

/** The local working hours of a date under the calendar's rules (holiday, 调休, week). */
export function hoursOn(calendar: BusinessCalendar, day: DayNumber): DayHours {
  return calendar[dateOverrides].get(day) ?? calendar.workingHours[WEEKDAYS[isoWeekdayOf(day) - 1]];
}

/**
 * Whether the calendar works at all: some weekday has hours, or some date is a 调休 working day.
 * One that does not can time nothing; every deadline by it ends in NoWorkingTimeError.
 */
export function hasWorkingTime(calendar: BusinessCalendar): boolean {
  return WEEKDAYS.some((weekday) => calendar.workingHours[weekday].length > 0) || calendar.workingDays.length > 0;
}

/** Builds a value for every weekday (typed without casts, unlike Object.fromEntries). */
export function byWeekday<T>(valueFor: (weekday: Weekday) => T): Record<Weekday, T> {
  return {
    mon: valueFor('mon'),
    tue: valueFor('tue'),
    wed: valueFor('wed'),
    thu: valueFor('thu'),
    fri: valueFor('fri'),
    sat: valueFor('sat'),
    sun: valueFor('sun'),
  };
}
