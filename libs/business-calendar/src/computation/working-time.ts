import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE } from '../time/civil-date';
import { epochMsOf } from '../time/instant';
import { OpenPauseError } from './errors';
import { openPauseStart, pauseSpans, withoutPauses, type Pause } from './pauses';
import { workingSpansFrom } from './working-spans';

const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Whether `at` lies inside a working interval (start inclusive, end exclusive). */
export function isWorkingTime(calendar: BusinessCalendar, at: Date): boolean {
  const ms = epochMsOf(at, 'at');
  // Bounded just past `at`, so a calendar without working time answers false instead of throwing.
  const first = workingSpansFrom(calendar, ms, ms + 1).next();
  return !first.done && first.value.start === ms;
}

/** `at` itself when it is working time, else the start of the next working interval. */
export function nextWorkingInstant(calendar: BusinessCalendar, at: Date): Date {
  return addWorkingMinutes(calendar, at, 0);
}

/**
 * The instant after `minutes` of working time have elapsed from `from`, skipping non-working
 * and paused time. Counting starts at the next working instant when `from` is outside working
 * time. A positive amount that runs out exactly at the end of an interval yields that end
 * (17:30), not the next opening; zero yields `nextWorkingInstant`. Fractional minutes are
 * counted to the millisecond.
 *
 * @throws RangeError when `minutes` is negative or not finite
 * @throws OpenPauseError when an open pause (no `to`) begins before the amount has run out
 * @throws NoWorkingTimeError when the calendar has no working time left
 */
export function addWorkingMinutes(
  calendar: BusinessCalendar,
  from: Date,
  minutes: number,
  pauses?: readonly Pause[],
): Date {
  return addWorkingTime(calendar, from, durationMsOf(minutes, 'minutes', MS_PER_MINUTE), pauses);
}

/** addWorkingMinutes with `hours × 60` minutes. */
export function addWorkingHours(
  calendar: BusinessCalendar,
  from: Date,
  hours: number,
  pauses?: readonly Pause[],
): Date {
  return addWorkingTime(calendar, from, durationMsOf(hours, 'hours', MS_PER_HOUR), pauses);
}

function addWorkingTime(calendar: BusinessCalendar, from: Date, amountMs: number, pauses?: readonly Pause[]): Date {
  const start = epochMsOf(from, 'from');
  const paused = pauseSpans(pauses);
  let remaining = amountMs;
  for (const span of withoutPauses(workingSpansFrom(calendar, start), paused)) {
    const length = span.end - span.start;
    if (remaining <= length) return new Date(span.start + remaining);
    remaining -= length;
  }
  // The walk only ends early when an open pause swallows the rest of time.
  throw new OpenPauseError(new Date(openPauseStart(paused) ?? start), remaining / MS_PER_MINUTE);
}

/**
 * Working minutes in [a, b), paused time excluded; 0 when b ≤ a. Millisecond precision, so
 * the result may be fractional.
 */
export function workingMinutesBetween(
  calendar: BusinessCalendar,
  a: Date,
  b: Date,
  pauses?: readonly Pause[],
): number {
  const from = epochMsOf(a, 'a');
  const until = epochMsOf(b, 'b');
  if (until <= from) return 0;
  let total = 0;
  for (const span of withoutPauses(workingSpansFrom(calendar, from, until), pauseSpans(pauses))) {
    if (span.start >= until) break;
    total += Math.min(span.end, until) - span.start;
  }
  return total / MS_PER_MINUTE;
}

function durationMsOf(amount: number, name: string, unitMs: number): number {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0 (got ${amount})`);
  }
  return Math.round(amount * unitMs);
}
