import type { CallbackMethod } from './callback-policy';

/** How often a plan calls its customers back. */
export type PlanRecurrence = { readonly every: 'once' } | { readonly every: 'month' | 'quarter' } | { readonly every: 'days'; readonly days: number };

/**
 * What makes a plan call: its schedule (every run selects its customers), or a selected
 * customer's birthday (生日关怀, on intake's `customer.birthday`, once per customer and year).
 */
export type PlanTrigger = 'schedule' | 'birthday';
export const PLAN_TRIGGERS: readonly PlanTrigger[] = ['schedule', 'birthday'];

/**
 * 重点客户定期回访 / 客户关怀 — a plan calls back a selection of one project's customers (by
 * tag) on a schedule: a key customer every month or quarter, a holiday greeting once.
 */
export interface CallbackPlan {
  readonly id: string;
  readonly name: string;
  readonly kind: 'key_customer' | 'care';
  readonly projectCode: string;
  /** Customers holding any of these tags; none given: every customer of the project. */
  readonly tags: readonly string[];
  /** Absent (plans made before birthdays): 'schedule'. */
  readonly trigger?: PlanTrigger;
  /** A birthday plan ignores it. */
  readonly recurrence: PlanRecurrence;
  /** A birthday plan greets birthdays from this day on. */
  readonly firstRunAt: Date;
  readonly method: CallbackMethod;
  readonly dueWorkingDays: number;
  readonly calendarId: string;
  readonly attemptsAllowed: number;
  readonly retrySpacingMinutes: number;
  /** The agent who calls this plan's customers; absent: the project's pool. */
  readonly assignee?: string;
}

/** The customer as callbacks knows them from intake's masked snapshots. */
export interface PlanCustomer {
  readonly projects: readonly string[];
  readonly tags: readonly string[];
}

/** Whether a customer belongs to a plan's selection: of its project, holding any of its tags (any customer when it names none). */
export function selects(plan: Pick<CallbackPlan, 'projectCode' | 'tags'>, customer: PlanCustomer): boolean {
  return customer.projects.includes(plan.projectCode) && (plan.tags.length === 0 || plan.tags.some((t) => customer.tags.includes(t)));
}

/**
 * Whether an active birthday plan calls a customer whose birthday is `date` (YYYY-MM-DD, the day
 * greeted): it selects them and had started by then. Once a year is the caller's to keep.
 */
export function greetsOnBirthday(plan: CallbackPlan, active: boolean, customer: PlanCustomer | undefined, date: string, timeZone: string): boolean {
  if (!active || plan.trigger !== 'birthday' || !customer) return false;
  // en-CA formats as YYYY-MM-DD: the day the plan started in the calendar's timezone.
  const startDay = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(plan.firstRunAt);
  // A plan made during the day greets that day's birthdays: compare days, not instants.
  return date >= startDay && selects(plan, customer);
}

/**
 * The run a plan due at `dueAt` makes at `now`, and when it runs next (undefined: done). A plan
 * behind schedule (the service was down, or its first run was set in the past) makes one run, as
 * of its latest occurrence not after `now`, and skips the ones it missed: each run calls every
 * selected customer, and a customer is called back once for the missed days, not once per day.
 */
export function runDue(recurrence: PlanRecurrence, dueAt: Date, now: Date): { readonly runAt: Date; readonly next: Date | undefined } {
  let runAt = dueAt;
  let next = nextRunAfter(recurrence, runAt);
  while (next !== undefined && next.getTime() <= now.getTime()) {
    runAt = next;
    next = nextRunAfter(recurrence, runAt);
  }
  return { runAt, next };
}

/** When a plan that ran at `ranAt` runs next; undefined when it is done. Months keep the day, clamped to the month's end. */
export function nextRunAfter(recurrence: PlanRecurrence, ranAt: Date): Date | undefined {
  switch (recurrence.every) {
    case 'once':
      return undefined;
    case 'days':
      return new Date(ranAt.getTime() + recurrence.days * 86_400_000);
    case 'month':
    case 'quarter':
      return addMonths(ranAt, recurrence.every === 'month' ? 1 : 3);
  }
}

function addMonths(at: Date, months: number): Date {
  const target = new Date(at.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}
