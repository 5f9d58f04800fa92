import type { BusinessCalendar } from '@cs/business-calendar';
import { ManagerEscalation, PlannedTimer, SlaClock, dueAt, isHeld, isPaused, planTimers, warningMomentOf } from './sla-clock';
import type { ClockKind, SlaPolicy } from './sla-policy';
import type { Ticket } from './ticket';
import type { EscalationLevel } from './ticket-lifecycle';
import type { PlannedDeadline } from './ticket-commands';
import type { DeadlineChange } from './ticket-events';
import type { CalendarLookup } from './ticket-sla';

/**
 * The SLA timer rules a ticket and an incident share (ADR 0007, ADR 0040): which durable timers
 * running clocks need, and what a due one means. Each aggregate turns the outcomes into its own
 * events, addressed to its own people.
 */

/** What a due timer means for its clock. */
export type TimerOutcome =
  | { readonly type: 'warned'; readonly clock: ClockKind; readonly threshold: number; readonly dueAt: Date }
  | { readonly type: 'breached'; readonly clock: ClockKind; readonly dueAt: Date }
  | { readonly type: 'escalated'; readonly level: 1 | 2; readonly reason: 'sla_breached' | 'breach_unresolved'; readonly note: string };

/** The manager's escalation a clock starts with under the policy, kept on it from then on. */
export function managerEscalationOf(policy: SlaPolicy): ManagerEscalation {
  return policy.escalateToManagerAfter ? { after: policy.escalateToManagerAfter } : {};
}

/**
 * Every durable timer the running clocks need from now on; the manager's escalation only while
 * below that level, after what each clock started with — by the policy as it stands only for a
 * clock started before that was kept (none once its policy is gone).
 */
export function plannedTimers(
  calendars: CalendarLookup,
  clocks: readonly SlaClock[],
  escalationLevel: EscalationLevel,
  policy: SlaPolicy | undefined,
  now: Date,
): PlannedTimer[] {
  return clocks.flatMap((clock) => {
    const after = clock.managerEscalation ? clock.managerEscalation.after : policy?.escalateToManagerAfter;
    return planTimers(calendars(clock.calendarId), clock, now, escalationLevel < 2 ? after : undefined);
  });
}

/**
 * A due timer: a warning; a breach, which takes the matter to the supervisor unless it is
 * there already; or, for a breach still open, the manager. Nothing for a clock met meanwhile.
 * Tickets' and incidents' timers are planned again when a calendar changes (ADR 0018): `following`
 * says which calendars have a change the walk has not yet brought to the aggregate. A breach timer planned before a change that moved the deadline later — fired
 * before the walk reached it — breaches nothing: the deadline has not passed, and saving the fired
 * timers plans it anew. A warning's moment is compared with the calendar only while a change of
 * its clock's calendar is still to be walked to the aggregate (`changing`): a warning timer cannot
 * tell a calendar changed since from a moment it was given otherwise (an operator's correction, a
 * load test's burst), and with no change under way its moment is the one planned. A threshold is
 * warned of once.
 * The manager is never escalated to over a clock that has not breached.
 */
export function timerOutcomes(
  calendars: CalendarLookup,
  clocks: readonly SlaClock[],
  escalationLevel: EscalationLevel,
  timer: PlannedTimer,
  following: CalendarFollowing,
): TimerOutcome[] {
  const clock = clocks.find((c) => c.kind === timer.clock);
  if (!clock || clock.metAt) return [];
  const due = dueAt(calendars(clock.calendarId), clock, timer.fireAt);
  if (movedLater(calendars(clock.calendarId), clock, timer, due, following.changing(clock.calendarId))) return [];
  switch (timer.kind) {
    case 'warning':
      // Given already: a threshold a policy listed twice (before such were refused) was planned twice.
      if (clock.warned.includes(timer.threshold)) return [];
      return [{ type: 'warned', clock: clock.kind, threshold: timer.threshold, dueAt: due }];
    case 'breach': {
      const breached: TimerOutcome = { type: 'breached', clock: clock.kind, dueAt: due };
      if (escalationLevel >= 1) return [breached];
      return [breached, { type: 'escalated', level: 1, reason: 'sla_breached', note: `${clock.kind} due ${due.toISOString()}` }];
    }
    case 'escalate_manager':
      // Planned from a deadline a calendar change has since moved later: nothing has breached yet.
      if (!clock.breachedAt) return [];
      return escalationLevel >= 2 ? [] : [{ type: 'escalated', level: 2, reason: 'breach_unresolved', note: `${clock.kind} overdue since ${due.toISOString()}` }];
  }
}

/** How a due timer's aggregate follows calendar changes: planned again by the walk after each, `changing` saying which calendars have a change the walk has not yet brought to it. */
export interface CalendarFollowing {
  readonly changing: (calendarId: string) => boolean;
}

/** Whether the calendar as it stands puts a breach's deadline, or, while its calendar's change is being walked, a warning's moment, later than its timer was planned for. */
function movedLater(calendar: BusinessCalendar, clock: SlaClock, timer: PlannedTimer, due: Date, changing: boolean): boolean {
  if (timer.kind === 'breach') return due.getTime() > timer.fireAt.getTime();
  if (timer.kind !== 'warning' || !changing) return false;
  const moment = warningMomentOf(calendar, clock, timer.threshold, timer.fireAt);
  return moment !== undefined && moment.getTime() > timer.fireAt.getTime();
}

/** The clocks once a warning at `threshold` % was given on the `kind` clock: it is not given again. */
export function warnedClocks(clocks: readonly SlaClock[], kind: ClockKind, threshold: number): SlaClock[] {
  return clocks.map((c) => (c.kind === kind ? { ...c, warned: [...c.warned, threshold] } : c));
}

/** The clocks once the `kind` clock breached at `at`. */
export function breachedClocks(clocks: readonly SlaClock[], kind: ClockKind, at: Date): SlaClock[] {
  return clocks.map((c) => (c.kind === kind ? { ...c, breachedAt: at } : c));
}

/**
 * The clocks a change of a ticket found held if no deadline was planned for them before it (ADR
 * 0130): those running on the open ticket before the change. Its save either plans each of them
 * (a calendar still refusing refuses the save) or ends it with the matter, so a held one's hold
 * ends there. A clock the change breached is left out: its breach timer fired in the change's own
 * transaction, so it too has no deadline planned as the change saves, and was not held.
 */
export function clocksHeldIfUnplanned(before: Pick<Ticket, 'status' | 'clocks'>, after: Pick<Ticket, 'clocks'>): ClockKind[] {
  if (before.status === 'resolved' || before.status === 'closed') return [];
  const breachedNow = (kind: ClockKind) => after.clocks.some((c) => c.kind === kind && c.breachedAt);
  return before.clocks.filter((clock) => isHeld(clock, undefined) && !breachedNow(clock.kind)).map((clock) => clock.kind);
}

/**
 * The running clocks whose deadline by their calendar as it now stands is not the one their timers
 * were last `planned` for, each with where it was: what a calendar change moved (ADR 0018). A
 * running clock planned nowhere was held, its calendar refusing to count it when its ticket opened
 * (ADR 0130): it is due now for the first time, with no deadline before. Met, breached and paused
 * clocks keep what they have (a pause's deadline is computed on resuming).
 */
export function movedDeadlines(calendars: CalendarLookup, clocks: readonly SlaClock[], planned: readonly PlannedDeadline[], at: Date): DeadlineChange[] {
  return clocks.flatMap((clock): DeadlineChange[] => {
    if (clock.metAt || clock.breachedAt || isPaused(clock)) return [];
    const previousDueAt = planned.find((p) => p.clock === clock.kind)?.dueAt;
    const due = dueAt(calendars(clock.calendarId), clock, at);
    if (!previousDueAt) return [{ clock: clock.kind, dueAt: due }];
    return previousDueAt.getTime() !== due.getTime() ? [{ clock: clock.kind, previousDueAt, dueAt: due }] : [];
  });
}
