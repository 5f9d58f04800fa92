import type { CallbackMethod } from './callback-policy';

/** How often a plan calls its customers back. */
export type PlanRecurrence = { readonly every: 'once' } | { readonly every: 'month' | 'quarter' } | { readonly every: 'days'; readonly days: number };

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
  readonly recurrence: PlanRecurrence;
  readonly firstRunAt: Date;
  readonly method: CallbackMethod;
  readonly dueWorkingDays: number;
  readonly calendarId: string;
  readonly attemptsAllowed: number;
  readonly retrySpacingMinutes: number;
  /** The agent who calls this plan's customers; absent: the project's pool. */
  readonly assignee?: string;
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
