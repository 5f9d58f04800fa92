import { addCalendarDays, addCalendarMonths } from '@cs/business-calendar';
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

/** When a plan runs: its recurrence, counted from its first run. */
export type PlanSchedule = Pick<CallbackPlan, 'recurrence' | 'firstRunAt'>;

const MS_PER_DAY = 86_400_000;
/** A Gregorian month's mean length: only a first guess at which occurrence an instant falls after. */
const MEAN_MONTH_MS = 30.436875 * MS_PER_DAY;

/**
 * The run a plan due at `dueAt` makes at `now`, and when it runs next (undefined: done). A plan
 * behind schedule (the service was down, or its first run was set in the past) makes one run, as
 * of its latest occurrence not after `now`, and skips the ones it missed: each run calls every
 * selected customer, and a customer is called back once for the missed days, not once per day.
 *
 * Occurrences are counted from the first run in the calendar's zone, at its local time: every 7
 * days is 7 local days (168 hours ± one across a daylight-saving change) and a monthly plan begun
 * on the 31st runs on each month's last day when it is shorter and on the 31st again after. A
 * due time that is no occurrence (kept from a release that stepped in UTC: 28 March for the 31st,
 * an hour off across a change) stands for the occurrence nearest to it: it runs then, once, and
 * the next run is the occurrence after that one, not the one it stood for a second time.
 */
export function runDue(schedule: PlanSchedule, timeZone: string, dueAt: Date, now: Date): { readonly runAt: Date; readonly next: Date | undefined } {
  const { recurrence, firstRunAt } = schedule;
  if (recurrence.every === 'once') return { runAt: dueAt, next: undefined };
  const series = { recurrence, firstRunAt, timeZone };
  const standsFor = nearestOccurrence(series, dueAt.getTime());
  const latest = lastOccurrenceAtOrBefore(series, Math.max(now.getTime(), dueAt.getTime()));
  // Behind schedule past the occurrence the due time stands for: one run, as of the latest.
  if (latest !== undefined && latest >= standsFor) {
    const latestAt = occurrence(series, latest);
    return { runAt: latestAt.getTime() > dueAt.getTime() ? latestAt : dueAt, next: occurrence(series, latest + 1) };
  }
  return { runAt: dueAt, next: occurrence(series, standsFor + 1) };
}

/** A recurring plan's runs in its calendar's zone. */
interface Series {
  readonly recurrence: Exclude<PlanRecurrence, { readonly every: 'once' }>;
  readonly firstRunAt: Date;
  readonly timeZone: string;
}

/** The plan's `k`-th run after its first (0: the first), at the first run's local time. */
function occurrence({ recurrence, firstRunAt, timeZone }: Series, k: number): Date {
  switch (recurrence.every) {
    case 'days':
      return addCalendarDays(timeZone, firstRunAt, k * recurrence.days);
    case 'month':
      return addCalendarMonths(timeZone, firstRunAt, k);
    case 'quarter':
      return addCalendarMonths(timeZone, firstRunAt, 3 * k);
  }
}

/** The index of the plan's occurrence nearest to `atMs` (the earlier of two as near). */
function nearestOccurrence(series: Series, atMs: number): number {
  const before = lastOccurrenceAtOrBefore(series, atMs);
  if (before === undefined) return 0;
  const after = occurrence(series, before + 1).getTime() - atMs;
  return after < atMs - occurrence(series, before).getTime() ? before + 1 : before;
}

/** The index of the plan's last occurrence at or before `atMs`; undefined before its first. */
function lastOccurrenceAtOrBefore(series: Series, atMs: number): number | undefined {
  const { recurrence, firstRunAt } = series;
  const elapsed = atMs - firstRunAt.getTime();
  if (elapsed < 0) return undefined;
  const period = recurrence.every === 'days' ? recurrence.days * MS_PER_DAY : (recurrence.every === 'quarter' ? 3 : 1) * MEAN_MONTH_MS;
  // The guess is off by a step at most (an hour of daylight saving, short months); walk to the exact one.
  let k = Math.floor(elapsed / period);
  while (k > 0 && occurrence(series, k).getTime() > atMs) k -= 1;
  while (occurrence(series, k + 1).getTime() <= atMs) k += 1;
  return k;
}
