import type { BusinessCalendar } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import type { PromiseTier } from '@cs/contracts';
import { ClockExtension, PlannedTimer, SlaClock, dueAt, extendClock, meetClock, pauseClock, planTimers, resumeClock, startClock } from './sla-clock';
import { PROMISE_TIER_DURATIONS, SlaDuration } from './sla-duration';
import { CLOCK_KINDS, ClockKind, SlaPolicy } from './sla-policy';
import type { Ticket } from './ticket';
import type { LifecycleCommand } from './ticket-lifecycle';

/** Calendars by id; every clock names the calendar it counts working time by. */
export type CalendarLookup = (calendarId: string) => BusinessCalendar;

/** The clocks a new ticket starts with, from its policy and any reply the agent promised. */
export function startClocks(policy: SlaPolicy, ticket: Ticket): SlaClock[] {
  return CLOCK_KINDS.flatMap((kind) => {
    const promised = kind === 'first_response' && ticket.promisedReply ? PROMISE_TIER_DURATIONS[ticket.promisedReply] : undefined;
    const target = promised ?? policy.targets[kind];
    return target ? [startClock(kind, target, policy.calendarId, policy.warnAt, ticket.occurredAt)] : [];
  });
}

const STOPS: Partial<Record<LifecycleCommand['type'], readonly ClockKind[]>> = {
  dispatch: ['dispatch'],
  reply: ['first_response'],
};

/** How a lifecycle step moves the clocks (any step that resolves the ticket meets them all): replies, dispatches and resolutions meet them; waiting on the customer stops them. */
export function clocksAfter(ticket: Ticket, before: Ticket, command: LifecycleCommand, policy: SlaPolicy | undefined, at: Date): SlaClock[] {
  let clocks = [...ticket.clocks];
  const meet = (kinds: readonly ClockKind[]) => {
    clocks = clocks.map((c) => (kinds.includes(c.kind) ? meetClock(c, at) : c));
  };
  if (ticket.status === 'resolved' && before.status !== 'resolved') meet(CLOCK_KINDS);
  const stops = STOPS[command.type];
  if (stops) meet(stops);
  if (command.type === 'pause') clocks = clocks.map((c) => pauseClock(c, at));
  if (command.type === 'resume') clocks = clocks.map((c) => resumeClock(c, at));
  if (command.type === 'reopen') {
    // Re-processing owes the customer a new resolution, counted from the reopening.
    const target = policy?.targets.resolution ?? before.clocks.find((c) => c.kind === 'resolution')?.target;
    const previous = before.clocks.find((c) => c.kind === 'resolution');
    clocks = clocks.filter((c) => c.kind !== 'resolution');
    if (target) clocks.push(startClock('resolution', target, previous?.calendarId ?? policy?.calendarId ?? 'default', policy?.warnAt ?? previous?.warnAt ?? [], at));
  }
  return clocks;
}

export function promiseReply(calendars: CalendarLookup, ticket: Ticket, tier: PromiseTier, at: Date): SlaClock[] {
  const target = PROMISE_TIER_DURATIONS[tier];
  const existing = ticket.clocks.find((c) => c.kind === 'first_response');
  if (existing?.metAt) throw new DomainError('SLA.ALREADY_REPLIED', 'conflict', 'the customer has already been answered');
  if (existing?.breachedAt) throw new DomainError('SLA.DEADLINE_PASSED', 'conflict', 'the reply is already overdue; extend or escalate');
  const clock = existing
    ? { ...existing, target, warned: [] }
    : startClock('first_response', target, 'default', [75, 90], ticket.occurredAt);
  if (dueAt(calendars(clock.calendarId), clock, at) <= at) {
    throw new DomainError('SLA.PROMISE_IN_PAST', 'invalid', `a ${tier} promise counted from ${ticket.occurredAt.toISOString()} has already passed`, 'tier');
  }
  return [...ticket.clocks.filter((c) => c.kind !== 'first_response'), clock];
}

export function extendTicketClock(
  calendars: CalendarLookup,
  ticket: Ticket,
  kind: ClockKind,
  extension: Omit<ClockExtension, 'by'> & { by: SlaDuration },
): SlaClock[] {
  const clock = ticket.clocks.find((c) => c.kind === kind);
  if (!clock) throw new DomainError('SLA.NO_SUCH_CLOCK', 'invalid', `this ticket has no ${kind} clock`, 'clock');
  const extended = extendClock(calendars(clock.calendarId), clock, extension);
  return ticket.clocks.map((c) => (c.kind === kind ? extended : c));
}

/** Every durable timer the ticket's clocks need from now on. */
export function timersFor(calendars: CalendarLookup, ticket: Ticket, policy: SlaPolicy | undefined, now: Date): PlannedTimer[] {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return [];
  return ticket.clocks.flatMap((clock) =>
    planTimers(calendars(clock.calendarId), clock, now, ticket.escalationLevel < 2 ? policy?.escalateToManagerAfter : undefined),
  );
}

/** The earliest deadline of the clocks still running: what "sort by due time" sorts by. */
export function nextDue(calendars: CalendarLookup, ticket: Ticket, now: Date): Date | undefined {
  const dues = ticket.clocks
    .filter((c) => !c.metAt && !c.breachedAt)
    .map((c) => dueAt(calendars(c.calendarId), c, now).getTime());
  return dues.length > 0 ? new Date(Math.min(...dues)) : undefined;
}
