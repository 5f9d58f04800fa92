import { cutToCharacters, DomainError, presentProps, refusedOr } from '@cs/ddd';
import { assertReplyApprovedToClose, decideComplaintResearch, opinionsOverdue } from './complaint-research';
import { dueAt } from './sla-clock';
import type { PlannedTimer } from './sla-clock';
import { ClockKind, selectPolicy } from './sla-policy';
import { movedDeadlines, timerOutcomes } from './sla-timers';
import { Ticket, isMajorComplaint, openTicket } from './ticket';
import type { CommandMetadata, RecomputeDeadlines, SystemCommand, TicketCommand } from './ticket-commands';
import type { Escalated, TicketEvent } from './ticket-events';
import { TicketState, evolve, evolveAll } from './ticket-evolve';
import { assertAllowed, escalationTarget, illegal } from './ticket-lifecycle';
import { notifyFor, notifyOfMajorComplaint } from './ticket-notify';
import type { CapExceptionRequest, TicketRequest } from './ticket-request';
import type { SlaDuration } from './sla-duration';
import { decideSuggestion } from './suggestion';
import { coveredByIncident, joinIncident } from './ticket-incident';
import { afterMerge } from './ticket-merge';
import { amendRecord } from './record-completeness';
import { assertValidityJudged, dispatchIsValidDecision, reopeningWithdrawsValidity } from './ticket-validity';
import { CalendarLookup, CapException, assertReplyWithinCaps, breachedOnceMet, extendedClock, metLate, promisedClock, promisedDueAt, restartedResolutionClock, startClocks, unlessCalendarRefuses } from './ticket-sla';

/** How long a reopening's reason may be (the reopen request's and ticket.reopened.v1's limit). */
export const REOPEN_REASON_MAX = 500;
/** How long a resolution may be (the resolve request's and ticket.resolved.v1's limit). */
export const RESOLUTION_MAX = 2000;
/** 回访不满意 — the reason a dissatisfied callback reopens a ticket with; the customer's words follow it after a colon. */
export const CALLBACK_REOPEN_REASON = '回访不满意';
/** What separates the customer's words from the verdict in that reason. */
export const CALLBACK_WORDS_AFTER = '：';

type Stamp = Pick<CommandMetadata, 'at' | 'by'>;
type Lifecycle = Extract<TicketRequest, { readonly command: unknown }>;
type Of<A extends string> = Extract<TicketCommand['data'], { readonly action: A }>;

const notFound = () => new DomainError('TICKET.NOT_FOUND', 'not_found', 'ticket not found');

/**
 * 重大投诉 — a matter that becomes a major complaint (graded major, or a major matter
 * reclassified as a complaint), while still being worked on, goes to the supervisor and the
 * leaders at once, not when a deadline passes; also when it was escalated before for another
 * reason, since the leaders, and every service that learns the grade from this escalation, must
 * hear that it is major. The one place this rule lives.
 */
function majorComplaintEscalation(before: TicketState, after: Ticket, stamp: Stamp): Escalated | undefined {
  if (!isMajorComplaint(after) || isMajorComplaint(before) || after.status === 'resolved' || after.status === 'closed') return undefined;
  return { type: 'escalated', ...stamp, level: after.escalationLevel === 2 ? 2 : 1, reason: 'major_complaint', notify: notifyOfMajorComplaint(after) };
}

/** The events plus whatever the rules that watch every change add to them. */
function withConsequences(before: TicketState, events: TicketEvent[], stamp: Stamp): TicketEvent[] {
  const after = evolveAll(before, events);
  const escalation = after ? majorComplaintEscalation(before, after, stamp) : undefined;
  return escalation ? [...events, escalation] : events;
}

function open(data: Of<'open_from_contact'>, stamp: Stamp, calendars: CalendarLookup): TicketEvent[] {
  const opened = openTicket({ ...data.contact, id: data.ticketId, number: data.number, at: stamp.at });
  const policy = selectPolicy(data.policies, {
    sectionCode: opened.sectionCode,
    itemCode: opened.itemCode,
    grade: opened.grade,
    priority: opened.priority,
    channel: opened.channel,
    projectCode: opened.unit.projectCode,
  });
  // A calendar refusing to count holds the clocks it times, not the opening (ADR 0130).
  const ticket = policy ? { ...opened, policyId: policy.id, clocks: startClocks(policy, opened, unlessCalendarRefuses(() => calendars(policy.calendarId))) } : opened;
  return withConsequences(undefined, [{ type: 'ticket_opened', ...stamp, ticket }], stamp);
}

function lifecycle(ticket: Ticket, request: Lifecycle, m: CommandMetadata): TicketEvent[] {
  const command = request.command;
  const stamp = { at: m.at, by: m.by };
  assertAllowed(ticket.status, command.type);
  const resolved = (resolution: string): TicketEvent => ({
    type: 'resolved',
    ...stamp,
    resolution,
    breached: breachedOnceMet(m.calendars, ticket.clocks, m.at),
  });
  switch (command.type) {
    case 'decide_validity': {
      assertValidityJudged(ticket);
      if (ticket.validity !== 'pending') throw illegal(ticket.status, command.type, `validity was already decided: ${ticket.validity}`);
      const decided: TicketEvent = {
        type: 'validity_decided',
        ...stamp,
        decision: command.decision,
        ...presentProps({ reason: command.reason, answerId: command.answerId, answerVersion: command.answerVersion, redirectTo: command.redirectTo, grade: request.grade }),
      };
      if (command.decision === 'valid') return [decided];
      if (command.decision === 'invalid' && !command.reason && !command.answerId) {
        throw new DomainError('TICKET.ANSWER_REQUIRED', 'invalid', 'an invalid matter is closed with the answer given: reason or answerId', 'reason');
      }
      if (command.decision === 'out_of_scope' && !command.redirectTo) {
        throw new DomainError('TICKET.REDIRECT_REQUIRED', 'invalid', 'say where the customer was directed', 'redirectTo');
      }
      // An invalid or out-of-scope matter is handled by the explanation itself; where the customer
      // was directed and why may together be longer than a resolution.
      const resolution =
        command.decision === 'invalid'
          ? (command.reason ?? `answered with unified answer ${command.answerId}`)
          : cutToCharacters(`directed to ${command.redirectTo}${command.reason ? `: ${command.reason}` : ''}`, RESOLUTION_MAX);
      return [decided, resolved(resolution)];
    }
    case 'dispatch':
      return [
        {
          type: 'dispatched',
          ...stamp,
          department: command.department,
          ...presentProps({ handler: command.handler }),
          ...timeliness(ticket, 'dispatch', m),
          takenAsValid: dispatchIsValidDecision(ticket),
        },
      ];
    case 'reply':
      return [{ type: 'replied', ...stamp, ...presentProps({ answerId: command.answerId, answerVersion: command.answerVersion }), firstReply: !ticket.firstRepliedAt }];
    case 'arrive':
      return [arrivedOnSite(ticket, command.arrivedAt, m)];
    case 'pause':
      return [{ type: 'paused', ...stamp, reason: command.reason }];
    case 'resume':
      return [{ type: 'resumed', ...stamp }];
    case 'resolve':
      return [resolved(command.resolution)];
    case 'close':
      assertReplyApprovedToClose(ticket);
      return [{ type: 'closed', ...stamp }];
    case 'reopen':
      return [reopened(ticket, command.reason, m)];
    case 'extend':
      // Extensions arrive as their own request, with the clock and the amount.
      return [];
    case 'escalate': {
      const level = escalationTarget(ticket, command);
      if (level <= ticket.escalationLevel) return [];
      const escalated = { ...ticket, escalationLevel: level };
      return [{ type: 'escalated', ...stamp, level, reason: 'manual', ...presentProps({ note: request.note }), notify: notifyFor(escalated, level) }];
    }
  }
}

/** How far ahead of the server a handset's clock may be when it tells an arrival. */
const ARRIVAL_CLOCK_SKEW_MS = 60_000;

/**
 * 上门 — the handler's first arrival on site meets the on-site clock. It is told as it happened:
 * not before the ticket was dispatched, nor later than now. A later visit is work on the matter,
 * reported with a reply or the resolution, not a second arrival.
 */
function arrivedOnSite(ticket: Ticket, given: Date | undefined, m: CommandMetadata): TicketEvent {
  const stamp = { at: m.at, by: m.by };
  if (ticket.onSiteAt) throw illegal(ticket.status, 'arrive', `the handler arrived on site at ${ticket.onSiteAt.toISOString()} already`);
  if (!ticket.dispatchedAt) throw illegal(ticket.status, 'arrive', 'the ticket was never dispatched: nobody was sent on site');
  // Its resolution met the on-site clock; a visit after the re-opening is work on the matter.
  if (ticket.reopenCount > 0) throw illegal(ticket.status, 'arrive', 'the matter was resolved before an arrival was told: tell later visits with a reply');
  if (given && given.getTime() > stamp.at.getTime() + ARRIVAL_CLOCK_SKEW_MS) {
    throw new DomainError('TICKET.ARRIVAL_IN_FUTURE', 'invalid', 'an arrival on site is reported once it happened', 'arrivedAt');
  }
  // A handset a little ahead of the server tells an arrival that is now.
  const arrivedAt = given && given < stamp.at ? given : stamp.at;
  if (arrivedAt < ticket.dispatchedAt) {
    throw new DomainError('TICKET.ARRIVAL_BEFORE_DISPATCH', 'invalid', `the ticket was dispatched at ${ticket.dispatchedAt.toISOString()}; the handler arrived after that`, 'arrivedAt');
  }
  return { type: 'arrived_on_site', ...stamp, arrivedAt, ...timeliness(ticket, 'on_site', m, arrivedAt) };
}

/**
 * 转发 / 上门 timeliness, told with the event that meets the clock (reporting counts it). None for
 * a ticket an incident stands for, whose clocks stand still while the incident is timed, nor for
 * routine work a schedule opened (周期工单), dispatched as it opens: nobody at a desk passed it on.
 */
function timeliness(ticket: Ticket, kind: ClockKind, m: CommandMetadata, at = m.at): { readonly breached?: boolean } {
  if (coveredByIncident(ticket) || ticket.origin !== undefined) return {};
  return presentProps({ breached: metLate(m.calendars, ticket.clocks, kind, at) });
}

function reopened(ticket: Ticket, reason: string, m: CommandMetadata): TicketEvent {
  const resolutionClock = restartedResolutionClock(ticket, m.policy, m.at);
  return {
    type: 'reopened',
    at: m.at,
    by: m.by,
    reason,
    reopenCount: ticket.reopenCount + 1,
    validityWithdrawn: reopeningWithdrawsValidity(ticket),
    ...presentProps({ resolutionClock }),
  };
}

function extend(ticket: Ticket, request: Of<'extend'>, m: CommandMetadata): TicketEvent[] {
  const extension = { by: request.by, reason: request.reason, customerInformedAt: request.customerInformedAt, at: m.at };
  const clock = extendedClock(m.calendars, ticket, request.clock, extension);
  assertAllowed(ticket.status, 'extend');
  const capException = assertReplyWithinCaps(m.calendars, ticket, clock, m.at, extensionField(request.by), approval(request.exception, m));
  return [
    {
      type: 'deadline_extended',
      at: m.at,
      by: m.by,
      clock: request.clock,
      extension,
      newDueAt: dueAt(m.calendars(clock.calendarId), clock, m.at),
      warned: clock.warned,
      extensionCount: ticket.extensionCount + 1,
      ...(capException ? { capException } : {}),
    },
  ];
}

/** The request field an extension's amount came in: what a cap refusal names. */
function extensionField(by: SlaDuration): string {
  return `working${by.unit.charAt(0).toUpperCase()}${by.unit.slice(1)}`;
}

/** The person asking approves the exception; the use case checked that their role may. */
function approval(exception: CapExceptionRequest | undefined, m: CommandMetadata): CapException | undefined {
  return exception && { reason: exception.reason, approvedBy: m.by };
}

function promise(ticket: Ticket, request: Of<'promise'>, m: CommandMetadata): TicketEvent[] {
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', `cannot promise a reply on a ${ticket.status} ticket`);
  }
  const due = promisedDueAt(m.calendars, ticket, request.tier, m.at);
  const capException = assertReplyWithinCaps(m.calendars, ticket, promisedClock(ticket, request.tier), m.at, 'tier', approval(request.exception, m));
  return [{ type: 'reply_promised', at: m.at, by: m.by, tier: request.tier, dueAt: due, ...(capException ? { capException } : {}) }];
}

/** A due SLA timer on the ticket, as its own events: its people warned, the supervisor or the manager escalated to. */
function fireTimer(ticket: Ticket, timer: PlannedTimer, calendarsChanging: readonly string[], m: CommandMetadata): TicketEvent[] {
  const stamp = { at: timer.fireAt, by: 'system' };
  const following = { changing: (calendarId: string) => calendarsChanging.includes(calendarId) };
  return timerOutcomes(m.calendars, ticket.clocks, ticket.escalationLevel, timer, following).map((o): TicketEvent => {
    switch (o.type) {
      case 'warned':
        return { type: 'sla_warned', ...stamp, clock: o.clock, threshold: o.threshold, dueAt: o.dueAt, notify: notifyFor(ticket, 0) };
      case 'breached':
        return { type: 'sla_breached', ...stamp, clock: o.clock, dueAt: o.dueAt, notify: notifyFor(ticket, 1) };
      case 'escalated':
        return { type: 'escalated', ...stamp, level: o.level, reason: o.reason, note: o.note, notify: notifyFor({ ...ticket, escalationLevel: o.level }, o.level) };
    }
  });
}

/**
 * A calendar changed under the ticket: each running clock is due again by its calendar as it now
 * stands, and every deadline that moved is told with where it was. A clock counted by another
 * calendar is compared too: its own walk passed the ticket by when this calendar refused it (ADR
 * 0018), and nothing else would plan it again until the ticket's next change.
 */
function recomputeDeadlines(ticket: Ticket, data: RecomputeDeadlines, m: CommandMetadata): TicketEvent[] {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return [];
  const changes = movedDeadlines(m.calendars, ticket.clocks, data.planned, m.at);
  if (changes.length === 0) return [];
  return [{ type: 'deadlines_recomputed', at: m.at, by: m.by, calendarId: data.calendarId, calendarVersion: data.calendarVersion, changes }];
}

function system(ticket: Ticket, data: Exclude<SystemCommand, Of<'open_from_contact' | 'fire_opinion_deadlines' | 'join_incident'> | RecomputeDeadlines>, m: CommandMetadata): TicketEvent[] {
  switch (data.action) {
    case 'link_follow_up':
      if (data.alreadyLinked) return [];
      // Intake's routing is the decision; a ticket handled meanwhile still records the contact,
      // so whoever reopens or calls back sees that the customer came back.
      return [{ type: 'follow_up_linked', at: m.at, by: m.by, contactId: data.contactId, channel: data.channel, reason: data.reason, ticketStatus: ticket.status }];
    case 'reopen_on_callback':
      // Only a handled ticket is re-processed; one already reopened stays as it is.
      if (data.satisfied || (ticket.status !== 'resolved' && ticket.status !== 'closed')) return [];
      // The customer's comment may be longer than a reason (1,000 characters against 500); the
      // whole of it stays on callback.completed, and an event over its contract is dead-lettered.
      return [reopened(ticket, cutToCharacters(`${CALLBACK_REOPEN_REASON}${data.comment ? `${CALLBACK_WORDS_AFTER}${data.comment}` : ''}`, REOPEN_REASON_MAX), m)];
    case 'fire_sla_timers': {
      const events: TicketEvent[] = [];
      let current = ticket;
      for (const timer of data.timers) {
        const fired = fireTimer(current, timer, data.calendarsChanging ?? [], m);
        events.push(...fired);
        current = fired.reduce(evolve, current);
      }
      return events;
    }
  }
}

function decideOrThrow({ data, metadata }: TicketCommand, state: TicketState): TicketEvent[] {
  const stamp = { at: metadata.at, by: metadata.by };
  if (data.action === 'open_from_contact') return state ? [] : open(data, stamp, metadata.calendars);
  if (!state) throw notFound();
  if (state.mergedInto) return afterMerge(state, data);
  switch (data.action) {
    case 'extend':
      return extend(state, data, metadata);
    case 'promise':
      return promise(state, data, metadata);
    case 'amend_record':
      // Reclassified as a complaint graded major, it goes to the leaders as any major complaint.
      return withConsequences(state, amendRecord(state, data, stamp), stamp);
    case 'recompute_deadlines':
      return recomputeDeadlines(state, data, metadata);
    case 'link_follow_up':
    case 'reopen_on_callback':
    case 'fire_sla_timers':
      return system(state, data, metadata);
    case 'evaluate_suggestion':
    case 'forward_suggestion':
    case 'record_implementation':
    case 'reward_suggestion':
      // Forwarding dispatches the suggestion, which meets its dispatch clock.
      return decideSuggestion(state, data, stamp).map((e) => (e.type === 'dispatched' ? { ...e, ...timeliness(state, 'dispatch', metadata) } : e));
    case 'request_opinion':
    case 'record_opinion':
    case 'approve_reply':
      return decideComplaintResearch(state, data, stamp);
    case 'fire_opinion_deadlines':
      return opinionsOverdue(state, data.opinionIds, metadata.at);
    case 'join_incident':
      return joinIncident(state, data, stamp);
    default:
      return withConsequences(state, lifecycle(state, data, metadata), stamp);
  }
}

/**
 * What a command does to a ticket: the events it causes, or the rule it breaks. Pure — the
 * caller loaded everything the decision reads into the command and the state.
 */
export function decide(command: TicketCommand, state: TicketState): TicketEvent[] | DomainError {
  return refusedOr(() => decideOrThrow(command, state));
}
