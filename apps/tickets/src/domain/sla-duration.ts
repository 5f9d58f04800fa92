import { BusinessCalendar, addCalendarDays, addWorkingDays, addWorkingMinutes, workingMinutesBetween } from '@cs/business-calendar';
import type { PromiseTier } from '@cs/contracts';

/** An amount of time as an SLA counts it: in working time by the business calendar, or on the clock. */
export interface SlaDuration {
  readonly amount: number;
  readonly unit: 'minutes' | 'hours' | 'days';
  readonly basis: 'working' | 'calendar';
  /**
   * Never later than the close of the working day it starts (of the next working day when it
   * starts off work): "within 2 working hours, and the same day" for a matter that must not
   * wait overnight.
   */
  readonly byCloseOfDay?: boolean;
}

const MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * `from` plus a duration. Working days follow "N个工作日内": the start day is not counted and
 * the deadline is the close of the Nth working day after it; 0 working days is the close of
 * the start day (or of the next working day when it starts off work) — "same working day".
 */
export function addDuration(calendar: BusinessCalendar, from: Date, duration: SlaDuration): Date {
  const due = plainDuration(calendar, from, duration);
  if (!duration.byCloseOfDay) return due;
  const closeOfDay = addWorkingDays(calendar, from, 0);
  return closeOfDay < due ? closeOfDay : due;
}

function plainDuration(calendar: BusinessCalendar, from: Date, duration: SlaDuration): Date {
  // Calendar days end at the local time they began, whatever daylight saving does in between;
  // minutes and hours are elapsed time.
  if (duration.basis === 'calendar' && duration.unit === 'days') return addCalendarDays(calendar.timezone, from, duration.amount);
  if (duration.basis === 'calendar') return new Date(from.getTime() + duration.amount * MS[duration.unit]);
  if (duration.unit === 'days') return addWorkingDays(calendar, from, duration.amount);
  return addWorkingMinutes(calendar, from, duration.unit === 'hours' ? duration.amount * 60 : duration.amount);
}

/** Time between two instants in the duration's own basis, in minutes. */
export function minutesBetween(calendar: BusinessCalendar, basis: SlaDuration['basis'], from: Date, to: Date): number {
  if (to <= from) return 0;
  return basis === 'working' ? workingMinutesBetween(calendar, from, to) : (to.getTime() - from.getTime()) / MS.minutes;
}

/** The consultation reply tiers an agent may promise (承诺答复时限). */
export const PROMISE_TIER_DURATIONS: Readonly<Record<PromiseTier, SlaDuration>> = {
  '10m': { amount: 10, unit: 'minutes', basis: 'working' },
  '20m': { amount: 20, unit: 'minutes', basis: 'working' },
  '30m': { amount: 30, unit: 'minutes', basis: 'working' },
  '1d': { amount: 1, unit: 'days', basis: 'working' },
  '2d': { amount: 2, unit: 'days', basis: 'working' },
  '3d': { amount: 3, unit: 'days', basis: 'working' },
};

export function describeDuration(d: SlaDuration): string {
  return `${d.amount} ${d.basis === 'working' ? 'working ' : ''}${d.unit}${d.byCloseOfDay ? ', by the close of the working day' : ''}`;
}
