import { presentProps } from '@cs/ddd';
import type { TicketCommandData } from '../domain/ticket-commands';
import type { TicketEvent } from '../domain/ticket-events';
import { HistoryAction, isStepEvent } from '../domain/history-actions';
import type { CapException } from '../domain/ticket-sla';

/** What a ticket's history says about one change. */
export interface HistoryRecord {
  readonly actor: string;
  readonly action: HistoryAction;
  readonly details: object;
}


function find<T extends TicketEvent['type']>(events: readonly TicketEvent[], type: T): Extract<TicketEvent, { type: T }> | undefined {
  return events.find((e): e is Extract<TicketEvent, { type: T }> => e.type === type);
}

/** The waived cap, when a supervisor approved going beyond it. */
function capExceptionOf(event: { readonly capException?: CapException } | undefined): { capException?: CapException } {
  return event?.capException ? { capException: event.capException } : {};
}

/** A handling step is recorded as the event it caused, its text already redacted. */
function stepOf(events: readonly TicketEvent[], actor: string): HistoryRecord | undefined {
  const [step] = events;
  if (!step || !isStepEvent(step)) return undefined;
  const { type, at: _at, by: _by, ...details } = step;
  return { actor, action: type, details };
}

/**
 * The history entry of a decision, or none when it changed nothing the history should hold: a
 * person's request and a timer firing something are always recorded, a repeated contact, a
 * satisfied callback or a timer that fires nothing is not.
 */
export function historyOf(data: TicketCommandData, events: readonly TicketEvent[], actor: string): HistoryRecord | undefined {
  switch (data.action) {
    case 'open_from_contact': {
      const opened = find(events, 'ticket_opened');
      return (
        opened && {
          actor: opened.ticket.ownerId,
          action: 'created',
          details: { contactId: opened.ticket.contactId, policyId: opened.ticket.policyId, ...presentProps({ origin: opened.ticket.origin }) },
        }
      );
    }
    case 'link_follow_up': {
      const linked = find(events, 'follow_up_linked');
      return (
        linked && {
          actor,
          action: 'follow_up',
          details: { contactId: linked.contactId, channel: linked.channel, reason: linked.reason, ticketStatus: linked.ticketStatus },
        }
      );
    }
    case 'reopen_on_callback': {
      const reopened = find(events, 'reopened');
      return reopened && { actor, action: 'reopen', details: { reason: reopened.reason } };
    }
    case 'fire_sla_timers':
      // A timer whose moment moved fires nothing: it is planned again, unseen (see RunTicketCommand).
      if (events.length === 0) return undefined;
      return {
        actor,
        action: 'sla_timers',
        details: { fired: data.timers.map((t) => `${t.clock}:${t.kind}${t.kind === 'warning' ? `@${t.threshold}%` : ''}`) },
      };
    case 'recompute_deadlines': {
      const recomputed = find(events, 'deadlines_recomputed');
      return (
        recomputed && {
          actor,
          action: 'deadlines_recomputed',
          details: {
            calendarId: recomputed.calendarId,
            calendarVersion: recomputed.calendarVersion,
            changes: recomputed.changes.map((c) => ({ clock: c.clock, ...presentProps({ previousDueAt: c.previousDueAt?.toISOString() }), dueAt: c.dueAt.toISOString() })),
          },
        }
      );
    }
    case 'extend': {
      const extended = find(events, 'deadline_extended');
      return {
        actor,
        action: 'extend',
        details: { clock: data.clock, by: data.by, reason: data.reason, newDueAt: extended?.newDueAt.toISOString(), ...capExceptionOf(extended) },
      };
    }
    case 'arrive': {
      const arrived = find(events, 'arrived_on_site');
      return { actor, action: 'arrive', details: { arrivedAt: arrived?.arrivedAt.toISOString(), ...presentProps({ note: data.note }) } };
    }
    case 'amend_record': {
      const amended = find(events, 'record_amended');
      return amended && { actor, action: 'amend_record', details: { ...presentProps({ itemCode: amended.itemCode, building: amended.building, room: amended.room }), previous: amended.previous } };
    }
    case 'promise': {
      const promised = find(events, 'reply_promised');
      return { actor, action: 'promise', details: { tier: data.tier, dueAt: promised?.dueAt.toISOString(), ...capExceptionOf(promised) } };
    }
    case 'evaluate_suggestion':
    case 'forward_suggestion':
    case 'record_implementation':
    case 'reward_suggestion':
    case 'request_opinion':
    case 'record_opinion':
    case 'approve_reply':
      return stepOf(events, actor);
    case 'join_incident': {
      const joined = find(events, 'incident_joined');
      return joined && { actor, action: 'join_incident', details: { incidentId: joined.incidentId, incidentNumber: joined.incidentNumber } };
    }
    case 'fire_opinion_deadlines': {
      const overdue = events.flatMap((e) => (e.type === 'opinion_overdue' ? [{ opinionId: e.opinionId, from: e.from, dueAt: e.dueAt }] : []));
      return overdue.length > 0 ? { actor, action: 'opinion_overdue', details: { opinions: overdue } } : undefined;
    }
    default: {
      const { type: _type, ...rest } = data.command;
      return {
        actor,
        action: data.action,
        details: { ...rest, ...presentProps({ note: data.note, grade: data.grade }) },
      };
    }
  }
}
