import type { RequestedOpinion } from './complaint-research';
import { SlaClock, pauseClock, resumeClock } from './sla-clock';
import type { ClockKind } from './sla-policy';
import { breachedClocks, warnedClocks } from './sla-timers';
import { presentProps } from '@cs/ddd';
import { Ticket, sectionOf } from './ticket';
import { coveredByIncident } from './ticket-incident';
import type { TicketEvent } from './ticket-events';
import type { EscalationLevel } from './ticket-lifecycle';
import { meetAll, promisedClock } from './ticket-sla';
import { reopeningWithdrawsValidity } from './ticket-validity';

/** A ticket before its first event: nothing yet. */
export type TicketState = Ticket | undefined;

function withClock(ticket: Ticket, kind: ClockKind, change: (clock: SlaClock) => SlaClock): Ticket {
  return { ...ticket, clocks: ticket.clocks.map((c) => (c.kind === kind ? change(c) : c)) };
}

function withOpinion(ticket: Ticket, id: string, change: (opinion: RequestedOpinion) => RequestedOpinion): Ticket {
  return { ...ticket, opinions: (ticket.opinions ?? []).map((o) => (o.id === id ? change(o) : o)) };
}

/** What a ticket is after an event. Pure and total: every rule was checked when the event was decided. */
export function evolve(state: TicketState, event: TicketEvent): Ticket {
  if (event.type === 'ticket_opened') return event.ticket;
  // Only a bug could apply an event to a ticket that was never opened.
  if (!state) throw new Error(`${event.type} cannot happen to a ticket that was never opened`);
  const at = event.at;
  switch (event.type) {
    case 'validity_decided':
      return {
        ...state,
        validity: event.decision,
        ...(event.grade ? { grade: event.grade } : {}),
        ...(event.answerId ? { unifiedAnswerId: event.answerId } : {}),
      };
    case 'dispatched':
      return {
        ...state,
        status: 'dispatched',
        // Any section: sending a pending matter to a department takes it as valid on the desk (ADR 0081),
        // whether or not the dispatch is the judged decision the event reports (`takenAsValid`, ADR 0163).
        validity: state.validity === 'pending' ? 'valid' : state.validity,
        department: event.department,
        handler: event.handler,
        dispatchedAt: state.dispatchedAt ?? at,
        clocks: meetAll(state.clocks, at, ['dispatch']),
      };
    case 'replied':
      return {
        ...state,
        status: state.status === 'new' || state.status === 'dispatched' ? 'in_progress' : state.status,
        firstRepliedAt: state.firstRepliedAt ?? at,
        clocks: meetAll(state.clocks, at, ['first_response']),
      };
    case 'arrived_on_site':
      return {
        ...state,
        status: state.status === 'dispatched' ? 'in_progress' : state.status,
        onSiteAt: event.arrivedAt,
        clocks: meetAll(state.clocks, event.arrivedAt, ['on_site']),
      };
    case 'paused':
      return { ...state, status: 'awaiting_customer', clocks: state.clocks.map((c) => pauseClock(c, at)) };
    case 'resumed':
      // A ticket the incident still stands for stays stopped (ADR 0037).
      return { ...state, status: 'in_progress', clocks: coveredByIncident(state) ? state.clocks : state.clocks.map((c) => resumeClock(c, at)) };
    case 'resolved':
      return {
        ...state,
        status: 'resolved',
        resolution: event.resolution,
        resolvedAt: at,
        firstRepliedAt: state.firstRepliedAt ?? at,
        clocks: meetAll(state.clocks, at),
      };
    case 'closed':
      return { ...state, status: 'closed', closedAt: at };
    case 'record_amended':
      return {
        ...state,
        ...(event.itemCode ? { itemCode: event.itemCode, sectionCode: sectionOf(event.itemCode), recordPlace: event.recordPlace } : {}),
        unit: { ...state.unit, ...presentProps({ building: event.building, room: event.room }) },
      };
    case 'reopened':
      return {
        ...state,
        status: 'in_progress',
        validity: reopeningWithdrawsValidity(state) ? 'pending' : state.validity,
        reopenCount: event.reopenCount,
        resolvedAt: undefined,
        closedAt: undefined,
        resolution: undefined,
        clocks: [...state.clocks.filter((c) => c.kind !== 'resolution'), ...(event.resolutionClock ? [event.resolutionClock] : [])],
      };
    case 'deadline_extended':
      return {
        ...withClock(state, event.clock, (c) => ({ ...c, extensions: [...c.extensions, event.extension], warned: event.warned })),
        extensionCount: event.extensionCount,
      };
    case 'reply_promised': {
      const clock = promisedClock(state, event.tier);
      return { ...state, promisedReply: event.tier, clocks: [...state.clocks.filter((c) => c.kind !== 'first_response'), clock] };
    }
    case 'escalated':
      return { ...state, escalationLevel: Math.max(state.escalationLevel, event.level) as EscalationLevel };
    case 'sla_warned':
      return { ...state, clocks: warnedClocks(state.clocks, event.clock, event.threshold) };
    case 'sla_breached':
      return { ...state, clocks: breachedClocks(state.clocks, event.clock, at) };
    case 'follow_up_linked':
      return { ...state, repeatContactCount: state.repeatContactCount + 1 };
    case 'deadlines_recomputed':
      // Deadlines are never stored: they follow from the clocks and the calendar (ADR 0007).
      return state;
    case 'suggestion_evaluated': {
      const { type: _type, ...evaluation } = event;
      return { ...state, suggestion: { ...state.suggestion, evaluation } };
    }
    case 'suggestion_forwarded':
      return { ...state, suggestion: { ...state.suggestion, forwardedTo: { department: event.department, at, by: event.by } } };
    case 'suggestion_implementation_recorded': {
      const { type: _type, ...implementation } = event;
      return { ...state, suggestion: { ...state.suggestion, implementation } };
    }
    case 'suggestion_rewarded': {
      const { type: _type, ...reward } = event;
      return { ...state, suggestion: { ...state.suggestion, reward } };
    }
    case 'opinion_requested': {
      const { type: _type, opinionId, at: requestedAt, by: requestedBy, ...asked } = event;
      return { ...state, opinions: [...(state.opinions ?? []), { id: opinionId, ...asked, requestedAt, requestedBy }] };
    }
    case 'opinion_recorded':
      return withOpinion(state, event.opinionId, (o) => ({ ...o, answer: { text: event.text, at, by: event.by } }));
    case 'opinion_overdue':
      return withOpinion(state, event.opinionId, (o) => ({ ...o, overdueAt: at }));
    case 'reply_approved':
      return { ...state, approvedReply: { text: event.text, at, by: event.by } };
    case 'incident_joined':
      // The incident's clocks stand for the child's from now on: its own stop, so it never breaches alone.
      return { ...state, incidentId: event.incidentId, reopensWhenJoined: state.reopenCount, clocks: state.clocks.map((c) => pauseClock(c, at)) };
    case 'merged_in':
      return { ...state, repeatContactCount: state.repeatContactCount + event.contacts };
    case 'merged_into':
      return { ...state, status: 'closed', closedAt: at, mergedInto: event.survivorId, clocks: meetAll(state.clocks, at) };
  }
}

export function evolveAll(state: TicketState, events: readonly TicketEvent[]): TicketState {
  return events.reduce<TicketState>(evolve, state);
}
