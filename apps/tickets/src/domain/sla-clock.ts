import { BusinessCalendar, addWorkingMinutes, countedBy, endOfWorkingDay } from '@cs/business-calendar';
import { DomainError, presentProps } from '@cs/ddd';
import { SlaDuration, addDuration, minutesBetween } from './sla-duration';
import type { ClockKind } from './sla-policy';

export interface ClockPause {
  readonly from: Date;
  readonly to?: Date;
}

export interface ClockExtension {
  readonly by: SlaDuration;
  readonly reason: string;
  readonly customerInformedAt: Date;
  readonly at: Date;
}

/** The manager's escalation a clock started with, from its policy: a breach still open `after` this long goes to the manager; none when absent. */
export interface ManagerEscalation {
  readonly after?: SlaDuration;
}

/**
 * One SLA clock of a ticket (首次响应 / 派单 / 处理). Stopped by pauses while awaiting the
 * customer, moved by extensions, met when its event happens, breached when its deadline
 * passes first.
 */
export interface SlaClock {
  readonly kind: ClockKind;
  readonly target: SlaDuration;
  readonly calendarId: string;
  readonly startedAt: Date;
  readonly pauses: readonly ClockPause[];
  readonly extensions: readonly ClockExtension[];
  readonly warnAt: readonly number[];
  readonly warned: readonly number[];
  /**
   * Kept when the clock starts, as its target, calendar and thresholds are: a policy renamed,
   * removed or changed since does not change it (ADR 0007). Absent on clocks started before it
   * was kept, which follow their ticket's policy as it stands.
   */
  readonly managerEscalation?: ManagerEscalation;
  readonly metAt?: Date;
  readonly breachedAt?: Date;
}

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export function startClock(
  kind: ClockKind,
  target: SlaDuration,
  calendarId: string,
  warnAt: readonly number[],
  at: Date,
  managerEscalation?: ManagerEscalation,
): SlaClock {
  return { kind, target, calendarId, startedAt: at, pauses: [], extensions: [], warnAt: thresholds(warnAt), warned: [], ...(managerEscalation ? { managerEscalation } : {}) };
}

/** Each threshold once, in order: a clock stored from a policy that listed one twice warns once. */
const thresholds = (warnAt: readonly number[]): number[] => [...new Set(warnAt)].sort((a, b) => a - b);

export function isPaused(clock: SlaClock): boolean {
  return clock.pauses.some((p) => !p.to);
}

/**
 * The deadline: the target counted from the start, then each extension counted from the
 * deadline it moves, then pushed by the time spent paused (working time for a working clock,
 * so a pause over a night pushes it only by the working time inside the pause). An open pause
 * counts until `now`. A target of N ≥ 1 working days does not count the start day ("N个工作日内"),
 * so neither does a pause on it: a matter received at 10:00 and paused until closing is due when
 * one received at closing is. A calendar whose working time runs out first is refused naming it (`countedBy`).
 */
export function dueAt(calendar: BusinessCalendar, clock: SlaClock, now: Date): Date {
  return countedBy(clock.calendarId, () => {
    let due = addDuration(calendar, clock.startedAt, clock.target);
    for (const extension of clock.extensions) due = addDuration(calendar, due, extension.by);
    const counted = countedFrom(calendar, clock);
    const paused = clock.pauses.reduce((sum, p) => sum + minutesBetween(calendar, clock.target.basis, maxDate(p.from, counted), p.to ?? now), 0);
    if (paused <= 0) return due;
    return clock.target.basis === 'working'
      ? addWorkingMinutes(calendar, due, paused)
      : new Date(due.getTime() + paused * 60_000);
  });
}

/** From when a pause pushes the deadline: the start, or the close of the start day when that day is not counted. */
function countedFrom(calendar: BusinessCalendar, clock: SlaClock): Date {
  const { target } = clock;
  if (target.basis !== 'working' || target.unit !== 'days' || target.amount < 1) return clock.startedAt;
  return endOfWorkingDay(calendar, clock.startedAt) ?? clock.startedAt;
}

const maxDate = (a: Date, b: Date): Date => (a > b ? a : b);

export function clockState(calendar: BusinessCalendar, clock: SlaClock): ClockState {
  if (clock.metAt) return clock.breachedAt || clock.metAt > dueAt(calendar, clock, clock.metAt) ? 'breached' : 'met';
  if (clock.breachedAt) return 'breached';
  return isPaused(clock) ? 'paused' : 'running';
}

export interface ClockView {
  readonly kind: ClockKind;
  readonly target: SlaDuration;
  readonly calendarId: string;
  readonly startedAt: string;
  /** Absent while the clock is held: its calendar refused to count it when its ticket opened, and no deadline was planned yet (ADR 0130). */
  readonly dueAt?: string;
  readonly state: ClockState;
  /** In the clock's basis (working minutes for working targets), pauses excluded. */
  readonly elapsedMinutes: number;
  readonly pausedMinutes: number;
  /** Negative when overdue; absent while the clock is held, as its deadline is. */
  readonly remainingMinutes?: number;
  readonly extensions: number;
  readonly metAt?: string;
  readonly breachedAt?: string;
  /** Its calendar cannot be counted by until corrected: shown as last planned (`viewClockAsPlanned`). */
  readonly calendarNeedsCorrection?: true;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function viewClock(calendar: BusinessCalendar, clock: SlaClock, now: Date): ClockView {
  const due = dueAt(calendar, clock, now);
  const end = clock.metAt ?? now;
  const basis = clock.target.basis;
  const paused = clock.pauses.reduce((sum, p) => sum + minutesBetween(calendar, basis, p.from, p.to ?? end), 0);
  const elapsed = Math.max(minutesBetween(calendar, basis, clock.startedAt, end) - paused, 0);
  const remaining = end <= due ? minutesBetween(calendar, basis, end, due) : -minutesBetween(calendar, basis, due, end);
  return clockViewOf(clock, { due, state: clockState(calendar, clock), elapsed, paused, remaining });
}

/** The view of a clock from what was counted of it. */
function clockViewOf(
  clock: SlaClock,
  counted: { readonly due?: Date; readonly state: ClockState; readonly elapsed: number; readonly paused: number; readonly remaining?: number },
): ClockView {
  return {
    kind: clock.kind,
    target: clock.target,
    calendarId: clock.calendarId,
    startedAt: clock.startedAt.toISOString(),
    ...presentProps({ dueAt: counted.due?.toISOString() }),
    state: counted.state,
    elapsedMinutes: round(counted.elapsed),
    pausedMinutes: round(counted.paused),
    ...presentProps({ remainingMinutes: counted.remaining === undefined ? undefined : round(counted.remaining) }),
    extensions: clock.extensions.length,
    ...presentProps({ metAt: clock.metAt?.toISOString(), breachedAt: clock.breachedAt?.toISOString() }),
  };
}

/**
 * A clock whose calendar cannot be counted by (one stored before the rules it now breaks), shown
 * from what is stored rather than refused: `plannedDueAt` is the deadline its unfired breach timer
 * is planned at (a running clock's); a breached clock shows the moment it breached, which its
 * breach timer fired at; a clock met or paused the moment it stopped, or now. Its minutes are
 * counted in calendar time, with no calendar to count working time by; its state is what its
 * stored moments say. A running clock planned nowhere is held (ADR 0130): it shows no deadline
 * and no time remaining rather than one nobody promised.
 */
export function viewClockAsPlanned(clock: SlaClock, plannedDueAt: Date | undefined, now: Date): ClockView {
  if (isHeld(clock, plannedDueAt)) return viewHeldClock(clock, now);
  const end = clock.metAt ?? now;
  const due = plannedDueAt ?? clock.breachedAt ?? end;
  const minutes = calendarMinutes;
  const paused = clock.pauses.reduce((sum, p) => sum + minutes(p.from, p.to ?? end), 0);
  const metLate = clock.metAt !== undefined && plannedDueAt !== undefined && clock.metAt > plannedDueAt;
  const state: ClockState = clock.breachedAt || metLate ? 'breached' : clock.metAt ? 'met' : isPaused(clock) ? 'paused' : 'running';
  const elapsed = Math.max(minutes(clock.startedAt, end) - paused, 0);
  const remaining = end <= due ? minutes(end, due) : -minutes(due, end);
  return { ...clockViewOf(clock, { due, state, elapsed, paused, remaining }), calendarNeedsCorrection: true };
}

/** A running clock planned nowhere (`plannedDueAt` absent) is held: its calendar refused to count it when its ticket opened (ADR 0130). */
export function isHeld(clock: SlaClock, plannedDueAt: Date | undefined): boolean {
  return !plannedDueAt && !clock.metAt && !clock.breachedAt && !isPaused(clock);
}

/** A held clock: running since it started, its minutes in calendar time, with no deadline yet. */
function viewHeldClock(clock: SlaClock, now: Date): ClockView {
  const paused = clock.pauses.reduce((sum, p) => sum + calendarMinutes(p.from, p.to ?? now), 0);
  const elapsed = Math.max(calendarMinutes(clock.startedAt, now) - paused, 0);
  return { ...clockViewOf(clock, { state: 'running', elapsed, paused }), calendarNeedsCorrection: true };
}

const calendarMinutes = (from: Date, to: Date) => Math.max(to.getTime() - from.getTime(), 0) / 60_000;

export function pauseClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.metAt || isPaused(clock)) return clock;
  return { ...clock, pauses: [...clock.pauses, { from: at }] };
}

export function resumeClock(clock: SlaClock, at: Date): SlaClock {
  return isPaused(clock) ? { ...clock, pauses: clock.pauses.map((p) => (p.to ? p : { ...p, to: at })) } : clock;
}

/**
 * The clock met at `at`. A time told after the fact (the handler's arrival on site) may fall
 * before pauses recorded since: the clock stopped at `at`, so a pause is counted only up to it.
 */
export function meetClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.metAt) return clock;
  const pauses = clock.pauses.filter((p) => p.from < at).map((p) => (p.to && p.to <= at ? p : { from: p.from, to: at }));
  return { ...clock, pauses, metAt: at };
}

/**
 * An extension is granted only before the deadline: afterwards the promise is already broken
 * and the breach stands. The warnings of thresholds the later deadline puts after the extension
 * are given again; those still passed stay given.
 */
export function extendClock(calendar: BusinessCalendar, clock: SlaClock, extension: ClockExtension): SlaClock {
  if (clock.metAt) throw new DomainError('SLA.CLOCK_STOPPED', 'conflict', `the ${clock.kind} clock has already stopped`);
  const due = dueAt(calendar, clock, extension.at);
  if (clock.breachedAt || extension.at >= due) {
    throw new DomainError('SLA.DEADLINE_PASSED', 'conflict', `the ${clock.kind} deadline ${due.toISOString()} has passed; extend before it`);
  }
  if (extension.customerInformedAt > extension.at) {
    throw new DomainError('SLA.INFORMED_IN_FUTURE', 'invalid', 'the customer cannot have been told in the future', 'customerInformedAt');
  }
  if (extension.customerInformedAt >= due) {
    throw new DomainError('SLA.INFORMED_TOO_LATE', 'invalid', 'the customer must be told before the deadline', 'customerInformedAt');
  }
  // Told of the delay before the clock even ran is a typing slip, not a record of what happened.
  if (extension.customerInformedAt < clock.startedAt) {
    throw new DomainError('SLA.INFORMED_BEFORE_START', 'invalid', 'the customer cannot have been told of the delay before the matter was received', 'customerInformedAt');
  }
  const extended = { ...clock, extensions: [...clock.extensions, extension] };
  // A threshold the later deadline puts after now is warned of again before it, as a new promise's are.
  const passed = warningMoments(calendar, extended, extension.at).filter((m) => m.fireAt <= extension.at).map((m) => m.threshold);
  return { ...extended, warned: clock.warned.filter((threshold) => passed.includes(threshold)) };
}

/** A durable timer a clock needs: warnings before the deadline, the breach at it, the manager after. */
export interface PlannedTimer {
  readonly clock: ClockKind;
  readonly kind: 'warning' | 'breach' | 'escalate_manager';
  readonly threshold: number;
  readonly fireAt: Date;
}

/**
 * The timers a clock needs from now on; none while it is paused or stopped (resuming plans
 * them again with the moved deadline).
 */
export function planTimers(calendar: BusinessCalendar, clock: SlaClock, now: Date, escalateAfter?: SlaDuration): PlannedTimer[] {
  if (clock.metAt || isPaused(clock)) return [];
  const due = dueAt(calendar, clock, now);
  const timers: PlannedTimer[] = [];
  if (!clock.breachedAt) {
    for (const { threshold, fireAt } of warningMoments(calendar, clock, now, due)) {
      if (!clock.warned.includes(threshold)) timers.push({ clock: clock.kind, kind: 'warning', threshold, fireAt });
    }
    timers.push({ clock: clock.kind, kind: 'breach', threshold: 100, fireAt: due });
  }
  if (escalateAfter) timers.push({ clock: clock.kind, kind: 'escalate_manager', threshold: 0, fireAt: countedBy(clock.calendarId, () => addDuration(calendar, due, escalateAfter)) });
  return timers;
}

/** When the clock reaches `threshold` % by the calendar as it stands (pauses open at `now` counted to it). */
export function warningMomentOf(calendar: BusinessCalendar, clock: SlaClock, threshold: number, now: Date): Date | undefined {
  return warningMoments(calendar, clock, now).find((m) => m.threshold === threshold)?.fireAt;
}

/** When the clock reaches each of its thresholds: that share of its time to the deadline, pauses (an open one until `now`) not counted. */
function warningMoments(calendar: BusinessCalendar, clock: SlaClock, now: Date, due = dueAt(calendar, clock, now)): { threshold: number; fireAt: Date }[] {
  return countedBy(clock.calendarId, () => {
    const basis = clock.target.basis;
    const pauses = clock.pauses.map((p) => ({ from: p.from, to: p.to ?? now }));
    const total = minutesBetween(calendar, basis, clock.startedAt, due) - pauses.reduce((sum, p) => sum + minutesBetween(calendar, basis, p.from, p.to), 0);
    return thresholds(clock.warnAt).map((threshold) => {
      const offset = (total * threshold) / 100;
      const fireAt = basis === 'working' ? addWorkingMinutes(calendar, clock.startedAt, offset, pauses) : new Date(due.getTime() - (total - offset) * 60_000);
      return { threshold, fireAt };
    });
  });
}
