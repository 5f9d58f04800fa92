import { BusinessCalendar, addWorkingDays, countedBy, isCalendarRefusal } from '@cs/business-calendar';
import { type CALLBACK_KINDS, type CALLBACK_OUTCOMES, type SatisfactionLevel, isSatisfiedLevel } from '@cs/contracts';
import type { CallbackMethod } from './callback-policy';

export type CallbackKind = (typeof CALLBACK_KINDS)[number];
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
export type Satisfaction = SatisfactionLevel;
/** due: waiting for an attempt; overdue: still open past its due time; done, failed, cancelled: ended. */
export type CallbackStatus = 'due' | 'overdue' | 'done' | 'failed' | 'cancelled';
export const CALLBACK_STATUSES: readonly CallbackStatus[] = ['due', 'overdue', 'done', 'failed', 'cancelled'];
/** customer_erased: the customer's personal data was erased on request (PIPL): nobody is left to call. */
/** customer_merged: a merge left the customer a second open callback of one plan (ADR 0103). */
export type CancelReason = 'ticket_reopened' | 'ticket_merged' | 'plan_stopped' | 'manual' | 'customer_erased' | 'customer_merged';

/**
 * What a dissatisfied customer was promised when the problem could not be solved at once: the
 * next callback by `at`, or the department's rectification (限期整改) by `at`. Settled when the
 * ticket is resolved again; overdue (once) when `at` passes first.
 */
export interface FollowUp {
  readonly deadline: 'callback' | 'rectification';
  readonly at: Date;
  readonly state: 'pending' | 'overdue' | 'settled';
}

/**
 * How a due time was counted: so many working days from `from` by a business calendar, at the
 * calendar's version then. A newer version counts it again (a holiday added, 调休 published);
 * a due time set otherwise has none and never moves.
 */
export interface DueBasis {
  readonly calendarId: string;
  readonly calendarVersion: number;
  readonly from: Date;
  readonly workingDays: number;
}

/**
 * The due time its basis gives by `calendar` (the version the basis names, or a newer one). A
 * calendar whose working time has run out is refused naming it (422 `CALENDAR.NO_WORKING_TIME`,
 * `countedBy`): the callback a resolution or a birthday owes is held until a newer version counts
 * it (ADR 0116), a plan's run is held back under it while the other plans run, and the walk and
 * the timers keep the due time.
 */
export function dueBy(calendar: BusinessCalendar, basis: Pick<DueBasis, 'calendarId' | 'from' | 'workingDays'>): Date {
  return countedBy(basis.calendarId, () => addWorkingDays(calendar, basis.from, basis.workingDays));
}

/** A new callback's due time, `workingDays` from `from` by a calendar as held at its version, with the basis it keeps. */
export function countedDue(
  held: { readonly version: number; readonly calendar: BusinessCalendar },
  calendarId: string,
  from: Date,
  workingDays: number,
): { readonly dueAt: Date; readonly dueBasis: DueBasis } {
  const dueBasis = { calendarId, calendarVersion: held.version, from, workingDays };
  return { dueAt: dueBy(held.calendar, dueBasis), dueBasis };
}

/**
 * What a callback scheduled before due times kept their basis was counted by: the working days
 * and the calendar of the plan or the policy that scheduled it, as they stand now. `fixed`: they
 * cannot have changed since (a plan's never do: a plan is made and stopped, never edited); else
 * they may have (policies are replaced as a list).
 */
export interface DueTerms {
  readonly calendarId: string;
  readonly workingDays: number;
  readonly fixed: boolean;
}

/** The version a basis names when the one its due time was counted by is unknown: older than any, so the walk counts it again. */
const UNKNOWN_CALENDAR_VERSION = 0;

/**
 * The basis a callback scheduled before bases were kept can be given (ADR 0101), if any: every
 * such callback was counted from its creation by the terms of its plan or policy. With fixed
 * terms only the calendar's version is unknown, so the basis names none and the walk counts it
 * again by the version held, as it would have when that version arrived. Terms that may have
 * changed are taken only when they give the stored due time by the calendar held now, at its
 * version: the due time stays, and follows the calendar's next change. Terms that give another
 * time cannot tell a calendar changed since from a policy changed since, and the due time is
 * left as it is.
 */
export function legacyDueBasis(
  task: Pick<CallbackTask, 'status' | 'dueBasis' | 'createdAt' | 'dueAt'>,
  terms: DueTerms,
  held: { readonly version: number; readonly calendar: BusinessCalendar } | undefined,
): DueBasis | undefined {
  if (task.status !== 'due' || task.dueBasis) return undefined;
  const basis = { calendarId: terms.calendarId, from: task.createdAt, workingDays: terms.workingDays };
  if (terms.fixed) return { ...basis, calendarVersion: UNKNOWN_CALENDAR_VERSION };
  if (!held) return undefined;
  let counted: Date;
  try {
    counted = dueBy(held.calendar, basis);
  } catch (error) {
    // A version with no working time left in the range counts nothing: nothing to compare. Any
    // other failure is a fault, passed on.
    if (!isCalendarRefusal(error)) throw error;
    return undefined;
  }
  return counted.getTime() === task.dueAt.getTime() ? { ...basis, calendarVersion: held.version } : undefined;
}

/** 回访 — one callback to one customer, with its attempts' tally and its outcome. */
export interface CallbackTask {
  readonly id: string;
  readonly kind: CallbackKind;
  readonly method: CallbackMethod;
  readonly status: CallbackStatus;
  readonly ticketId?: string;
  readonly customerId: string;
  readonly projectCode?: string;
  readonly sectionCode?: string;
  readonly itemCode?: string;
  readonly assignee?: string;
  readonly policyId?: string;
  readonly planId?: string;
  readonly previousCallbackId?: string;
  readonly dueAt: Date;
  readonly dueBasis?: DueBasis;
  readonly attemptsAllowed: number;
  readonly retrySpacingMinutes: number;
  readonly attempts: number;
  readonly nextAttemptAt?: Date;
  readonly satisfied?: boolean;
  readonly completedAt?: Date;
  readonly followUps: readonly FollowUp[];
  readonly createdAt: Date;
  readonly version: number;
}

export type NewCallbackTask = Omit<CallbackTask, 'status' | 'attempts' | 'followUps' | 'version' | 'nextAttemptAt' | 'satisfied' | 'completedAt'>;

/** What one attempt came to and what the customer said, if reached. */
export interface AttemptOutcome {
  readonly outcome: CallbackOutcome;
  readonly satisfaction?: Satisfaction;
  readonly score?: number;
  readonly serviceScore?: number;
  /** Free text, personal data redacted before it gets here. */
  readonly comment?: string;
  readonly newNeeds?: string;
}

/** An attempt as recorded on the task. */
export interface AttemptRecord extends AttemptOutcome {
  readonly attempt: number;
  readonly nextAttemptAt?: Date;
}

interface Stamp {
  readonly at: Date;
  readonly by: string;
}

export type CallbackEvent =
  | ({ readonly type: 'scheduled'; readonly task: NewCallbackTask } & Stamp)
  | ({ readonly type: 'attempted'; readonly record: AttemptRecord } & Stamp)
  | ({
      readonly type: 'completed';
      /** Absent when the customer gave no verdict (a care call may record none). */
      readonly satisfied?: boolean;
      readonly satisfaction?: Satisfaction;
      readonly score?: number;
      readonly serviceScore?: number;
      readonly comment?: string;
      readonly nextCallbackAt?: Date;
      readonly departmentDeadline?: Date;
    } & Stamp)
  | ({ readonly type: 'failed'; readonly lastOutcome: Exclude<CallbackOutcome, 'reached'> } & Stamp)
  /** `followUp`: the deadline missed is a promise made when the callback completed, not the callback's own due time. */
  | ({ readonly type: 'overdue'; readonly deadline: FollowUp['deadline']; readonly deadlineAt: Date; readonly followUp?: true } & Stamp)
  | ({ readonly type: 'cancelled'; readonly reason: CancelReason } & Stamp)
  | ({ readonly type: 'due_recomputed'; readonly previousDueAt: Date; readonly dueAt: Date; readonly basis: DueBasis } & Stamp)
  | ({ readonly type: 'follow_ups_settled' } & Stamp);

export type CallbackState = CallbackTask | undefined;

/** 满意 — only the top two levels count as satisfied; neutral sends the matter back too. */
export const isSatisfied = isSatisfiedLevel;

export function isOpen(task: CallbackTask): boolean {
  return task.status === 'due' || task.status === 'overdue';
}

/**
 * 办结后回访 — a resolved ticket is owed a callback unless one of its callbacks is still open: a
 * ticket has at most one open callback, whatever order its resolutions and reopenings come in.
 */
export function callbackOwedOnResolution(tasks: readonly CallbackTask[]): boolean {
  return !tasks.some(isOpen);
}

export function evolve(state: CallbackState, event: CallbackEvent): CallbackState {
  if (event.type === 'scheduled') return { ...event.task, status: 'due', attempts: 0, followUps: [], version: 0 };
  if (!state) return state;
  switch (event.type) {
    case 'attempted': {
      const { nextAttemptAt: _previous, ...rest } = state;
      const next = event.record.nextAttemptAt;
      return { ...rest, attempts: event.record.attempt, ...(next ? { nextAttemptAt: next } : {}) };
    }
    case 'completed': {
      const followUps: FollowUp[] = [];
      if (event.nextCallbackAt) followUps.push({ deadline: 'callback', at: event.nextCallbackAt, state: 'pending' });
      if (event.departmentDeadline) followUps.push({ deadline: 'rectification', at: event.departmentDeadline, state: 'pending' });
      return { ...state, status: 'done', ...(event.satisfied === undefined ? {} : { satisfied: event.satisfied }), completedAt: event.at, followUps };
    }
    case 'failed':
      return { ...state, status: 'failed', completedAt: event.at };
    case 'cancelled':
      return { ...state, status: 'cancelled', completedAt: event.at };
    case 'overdue':
      if (event.deadline === 'callback' && isOpen(state)) return { ...state, status: 'overdue' };
      return { ...state, followUps: state.followUps.map((f) => (f.deadline === event.deadline && f.state === 'pending' ? { ...f, state: 'overdue' } : f)) };
    case 'follow_ups_settled':
      return { ...state, followUps: state.followUps.map((f) => (f.state === 'pending' ? { ...f, state: 'settled' } : f)) };
    case 'due_recomputed':
      return { ...state, dueAt: event.dueAt, dueBasis: event.basis };
  }
}

export function evolveAll(state: CallbackState, events: readonly CallbackEvent[]): CallbackState {
  return events.reduce(evolve, state);
}

/** The deadlines still to watch: each becomes one durable timer, fired at most once. */
export function plannedDeadlines(task: CallbackTask): { deadline: FollowUp['deadline']; fireAt: Date; followUp: boolean }[] {
  const planned: { deadline: FollowUp['deadline']; fireAt: Date; followUp: boolean }[] = task.status === 'due' ? [{ deadline: 'callback', fireAt: task.dueAt, followUp: false }] : [];
  for (const f of task.followUps) if (f.state === 'pending') planned.push({ deadline: f.deadline, fireAt: f.at, followUp: true });
  return planned;
}
