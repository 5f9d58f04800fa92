import { type BusinessCalendar, countedBy, isCalendarRefusal } from '@cs/business-calendar';
import { DomainError } from '@cs/ddd';
import type { PromiseTier } from '@cs/contracts';
import { ClockExtension, PlannedTimer, SlaClock, clockState, dueAt, extendClock, isPaused, meetClock, startClock } from './sla-clock';
import { PROMISE_TIER_DURATIONS, SlaDuration, addDuration, describeDuration } from './sla-duration';
import { CLOCK_KINDS, ClockKind, SlaPolicy, replyCapFor } from './sla-policy';
import { managerEscalationOf, plannedTimers } from './sla-timers';
import type { Ticket } from './ticket';

/** Calendars by id; every clock names the calendar it counts working time by. */
export type CalendarLookup = (calendarId: string) => BusinessCalendar;

/**
 * What `count` gives, or undefined when a calendar refuses to count it (`CALENDAR.NEEDS_CORRECTION`,
 * `CALENDAR.NO_WORKING_TIME`): the calendar's matter, which its correction ends. Any other failure is thrown.
 */
export function unlessCalendarRefuses<T>(count: () => T): T | undefined {
  try {
    return count();
  } catch (error) {
    if (isCalendarRefusal(error)) return undefined;
    throw error;
  }
}

/**
 * The clocks a new ticket starts with, from its policy and any reply the agent promised. A
 * consultation's reply is never promised later than its cap, whatever a policy that also
 * matches it (a fallback, an item's, one in working hours) says: the cap is the regulations'.
 */
export function startClocks(policy: SlaPolicy, ticket: Ticket, calendar: BusinessCalendar | undefined): SlaClock[] {
  return CLOCK_KINDS.flatMap((kind) => {
    const promised = kind === 'first_response' && ticket.promisedReply ? PROMISE_TIER_DURATIONS[ticket.promisedReply] : undefined;
    const given = promised ?? policy.targets[kind];
    const cap = kind === 'first_response' ? replyCapFor(ticket.sectionCode) : undefined;
    const target = given && cap && endsAfter(calendar, policy.calendarId, ticket.occurredAt, given, cap) ? cap : given;
    return target ? [startClock(kind, target, policy.calendarId, policy.warnAt, ticket.occurredAt, managerEscalationOf(policy))] : [];
  });
}

/**
 * Whether `given` counted from `from` ends after `cap`. A calendar that refuses to count
 * (`calendar` undefined, or its working time running out) compares them only in the same unit and
 * basis, where no calendar changes the answer; otherwise the target given is kept, and the clock
 * starts held until the calendar's correction (ADR 0130).
 */
function endsAfter(calendar: BusinessCalendar | undefined, calendarId: string, from: Date, given: SlaDuration, cap: SlaDuration): boolean {
  const counted = calendar && unlessCalendarRefuses(() => countedBy(calendarId, () => addDuration(calendar, from, given) > addDuration(calendar, from, cap)));
  if (counted !== undefined) return counted;
  return given.basis === cap.basis && given.unit === cap.unit && !given.byCloseOfDay && given.amount > cap.amount;
}

/** The clocks once the matter is handled: every clock still running is met now. */
export function meetAll(clocks: readonly SlaClock[], at: Date, kinds: readonly ClockKind[] = CLOCK_KINDS): SlaClock[] {
  return clocks.map((c) => (kinds.includes(c.kind) ? meetClock(c, at) : c));
}

/** Whether the clock, met at `at` (or when it was met, if it was), is breached as the desk shows it. */
const breachedWhenMet = (calendars: CalendarLookup, clock: SlaClock, at: Date): boolean => clockState(calendars(clock.calendarId), meetClock(clock, at)) === 'breached';

/** Whether any clock missed its deadline, had the matter been handled now. */
export function breachedOnceMet(calendars: CalendarLookup, clocks: readonly SlaClock[], at: Date): boolean {
  return clocks.some((c) => breachedWhenMet(calendars, c, at));
}

/** Whether the clock of the kind missed its deadline, had the matter been handled now (or when it was met); undefined without one. */
export function clockBreachedOnceMet(calendars: CalendarLookup, clocks: readonly SlaClock[], kind: ClockKind, at: Date): boolean | undefined {
  const clock = clocks.find((c) => c.kind === kind);
  return clock ? breachedWhenMet(calendars, clock, at) : undefined;
}

/**
 * 转发 / 上门 timeliness: whether the clock of the kind, met at `at`, missed its deadline, as the
 * desk will show it. Undefined when there is no such clock to meet: its policy set none, or it
 * was met before (a second dispatch).
 */
export function metLate(calendars: CalendarLookup, clocks: readonly SlaClock[], kind: ClockKind, at: Date): boolean | undefined {
  const clock = clocks.find((c) => c.kind === kind && !c.metAt);
  return clock ? breachedWhenMet(calendars, clock, at) : undefined;
}

/**
 * Re-processing owes the customer a new resolution, counted from the reopening, on the terms the
 * ticket's resolution clock started with (ADR 0007): its policy's as it stands only for what the
 * ticket has none of (no resolution clock yet, a manager escalation kept before clocks kept it).
 */
export function restartedResolutionClock(ticket: Ticket, policy: SlaPolicy | undefined, at: Date): SlaClock | undefined {
  const previous = ticket.clocks.find((c) => c.kind === 'resolution');
  const target = previous?.target ?? policy?.targets.resolution;
  if (!target) return undefined;
  const managerEscalation = previous?.managerEscalation ?? (policy && managerEscalationOf(policy));
  return startClock('resolution', target, previous?.calendarId ?? policy?.calendarId ?? 'default', previous?.warnAt ?? policy?.warnAt ?? [], at, managerEscalation);
}

/**
 * The first-response clock a promise sets: the promised tier, counted from when the customer
 * asked. A ticket whose policy set no reply clock gets one by the calendar, warnings and manager
 * escalation of its policy's other clocks (a project calendar that works Saturdays counts them), else the default.
 */
export function promisedClock(ticket: Ticket, tier: PromiseTier): SlaClock {
  const target = PROMISE_TIER_DURATIONS[tier];
  const existing = ticket.clocks.find((c) => c.kind === 'first_response');
  if (existing) return { ...existing, target, warned: [] };
  const sibling = ticket.clocks.find((c) => !c.metAt) ?? ticket.clocks[0];
  const started = startClock('first_response', target, sibling?.calendarId ?? 'default', sibling?.warnAt ?? [75, 90], ticket.occurredAt, sibling?.managerEscalation);
  // A ticket's running clocks stop together (awaiting the customer, covered by an incident): the
  // new one counts none of the time they were stopped, and is stopped with them now.
  return sibling && !sibling.metAt ? { ...started, pauses: sibling.pauses } : started;
}

/** When a promised reply falls due; refused if the customer was already answered or the promise is already broken. */
export function promisedDueAt(calendars: CalendarLookup, ticket: Ticket, tier: PromiseTier, at: Date): Date {
  const existing = ticket.clocks.find((c) => c.kind === 'first_response');
  if (existing?.metAt) throw new DomainError('SLA.ALREADY_REPLIED', 'conflict', 'the customer has already been answered');
  if (existing?.breachedAt) throw new DomainError('SLA.DEADLINE_PASSED', 'conflict', 'the reply is already overdue; extend or escalate');
  const clock = promisedClock(ticket, tier);
  const due = dueAt(calendars(clock.calendarId), clock, at);
  if (due <= at) {
    throw new DomainError('SLA.PROMISE_IN_PAST', 'invalid', `a ${tier} promise counted from ${ticket.occurredAt.toISOString()} has already passed`, 'tier');
  }
  return due;
}

/** The clock as an extension would leave it; refused unless the clock runs and the customer was told before its deadline. */
export function extendedClock(calendars: CalendarLookup, ticket: Ticket, kind: ClockKind, extension: ClockExtension): SlaClock {
  const clock = ticket.clocks.find((c) => c.kind === kind);
  if (!clock) throw new DomainError('SLA.NO_SUCH_CLOCK', 'invalid', `this ticket has no ${kind} clock`, 'clock');
  return extendClock(calendars(clock.calendarId), clock, extension);
}

/** Every durable timer the ticket's clocks need from now on. */
export function timersFor(calendars: CalendarLookup, ticket: Ticket, policy: SlaPolicy | undefined, now: Date): PlannedTimer[] {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return [];
  return plannedTimers(calendars, ticket.clocks, ticket.escalationLevel, policy, now);
}

/** What a save plans for a ticket: the durable timers its clocks need from now on and its next due time. */
export interface SlaPlan {
  readonly timers: PlannedTimer[];
  readonly due: Date | undefined;
}

/** The plan of every clock of the ticket; a calendar that refuses to count one refuses the plan. */
export function planFor(calendars: CalendarLookup, ticket: Ticket, policy: SlaPolicy | undefined, now: Date): SlaPlan {
  return { timers: timersFor(calendars, ticket, policy, now), due: nextDue(calendars, ticket, now) };
}

/** A new ticket's plan, and the calendars that held a clock of it: their next version is tried on it (ADR 0130). */
export interface OpeningPlan extends SlaPlan {
  readonly heldBy: readonly string[];
}

/**
 * A new ticket's plan: a clock whose calendar refuses to count it is held — no timers, no part in
 * the next due time — and the others are planned as usual; the walk after the calendar's correction
 * plans it, counted from the opening (ADR 0130). The common case counts once.
 */
export function openingPlan(calendars: CalendarLookup, ticket: Ticket, policy: SlaPolicy | undefined, now: Date): OpeningPlan {
  const whole = unlessCalendarRefuses(() => planFor(calendars, ticket, policy, now));
  if (whole) return { ...whole, heldBy: [] };
  const held = ticket.clocks.filter((clock) => unlessCalendarRefuses(() => planFor(calendars, { ...ticket, clocks: [clock] }, policy, now)) === undefined);
  const counted = ticket.clocks.filter((clock) => !held.includes(clock));
  return { ...planFor(calendars, { ...ticket, clocks: counted }, policy, now), heldBy: [...new Set(held.map((clock) => clock.calendarId))] };
}

/**
 * The earliest deadline of the clocks still running: what "sort by due time" sorts by and what
 * the queues call overdue. A paused clock (awaiting the customer, or a ticket in an incident) has
 * none: its deadline moves on while it waits, and stored as of the save it would pass unmet.
 */
export function nextDue(calendars: CalendarLookup, ticket: Pick<Ticket, 'clocks'>, now: Date): Date | undefined {
  const dues = ticket.clocks
    .filter((c) => !c.metAt && !c.breachedAt && !isPaused(c))
    .map((c) => dueAt(calendars(c.calendarId), c, now).getTime());
  return dues.length > 0 ? new Date(Math.min(...dues)) : undefined;
}

/** A supervisor's approval to promise a reply beyond its cap, and why; recorded in history and events. */
export interface CapException {
  readonly reason: string;
  readonly approvedBy: string;
}

function capExceeded(message: string, field: string, details: Record<string, unknown>): DomainError {
  return new DomainError('TICKET.CAP_EXCEEDED', 'invalid', message, field, details);
}

/**
 * Refuses a first-response clock whose deadline breaks a cap: never after the resolution
 * deadline (no exception: a first reply after the matter is handled means nothing), and for a
 * consultation never later than 3 working days after the customer asked unless a supervisor
 * approved an exception. Time spent awaiting the customer is not held against the cap, so the
 * promised deadline is compared without pauses. Returns the exception when it was needed.
 */
export function assertReplyWithinCaps(
  calendars: CalendarLookup,
  ticket: Ticket,
  clock: SlaClock,
  at: Date,
  field: string,
  exception?: CapException,
): CapException | undefined {
  if (clock.kind !== 'first_response') return undefined;
  const calendar = calendars(clock.calendarId);
  const approved = consultationCapException(calendar, ticket, clock, at, field, exception);
  const due = dueAt(calendar, clock, at);
  const resolution = ticket.clocks.find((c) => c.kind === 'resolution' && !c.metAt);
  const resolutionDue = resolution && dueAt(calendars(resolution.calendarId), resolution, at);
  if (resolutionDue && due > resolutionDue) {
    throw capExceeded(`the first reply would be due ${due.toISOString()}, after the resolution deadline ${resolutionDue.toISOString()}`, field, {
      cap: 'resolution_deadline',
      capAt: resolutionDue.toISOString(),
      dueAt: due.toISOString(),
      exceptionAllowed: false,
    });
  }
  return approved;
}

function consultationCapException(
  calendar: BusinessCalendar,
  ticket: Ticket,
  clock: SlaClock,
  at: Date,
  field: string,
  exception: CapException | undefined,
): CapException | undefined {
  const cap = replyCapFor(ticket.sectionCode);
  if (!cap) return undefined;
  const capAt = countedBy(clock.calendarId, () => addDuration(calendar, ticket.occurredAt, cap));
  const promised = dueAt(calendar, { ...clock, pauses: [] }, at);
  if (promised <= capAt) return undefined;
  if (exception) return exception;
  throw capExceeded(
    `a consultation's reply is promised within ${describeDuration(cap)} of receipt (by ${capAt.toISOString()}); this would be ${promised.toISOString()}. A supervisor may approve an exception with a reason`,
    field,
    { cap: 'consultation_reply', limit: cap, capAt: capAt.toISOString(), dueAt: promised.toISOString(), exceptionAllowed: true },
  );
}
