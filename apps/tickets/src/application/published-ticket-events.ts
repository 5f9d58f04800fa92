import {
  EventData,
  EventDefinition,
  SlaBreachedV1,
  SlaWarningV1,
  TicketClosedV1,
  TicketCreatedV1,
  TicketDeadlinesPlannedV1,
  TicketDeadlinesRecomputedV1,
  TicketDispatchedV1,
  TicketEscalatedV1,
  TicketExtendedV1,
  TicketIncidentJoinedV1,
  TicketMergedV1,
  TicketOpinionOverdueV1,
  TicketOpinionRecordedV1,
  TicketOpinionRequestedV1,
  TicketOnSiteV1,
  TicketPausedV1,
  TicketPromisedV1,
  TicketRecordAmendedV1,
  TicketRepliedV1,
  TicketReopenedV1,
  TicketReplyApprovedV1,
  TicketResolvedV1,
  TicketResumedV1,
  TicketSuggestionEvaluatedV1,
  TicketSuggestionForwardedV1,
  TicketSuggestionImplementationRecordedV1,
  TicketSuggestionRewardedV1,
  TicketValidityDecidedV1,
} from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { Ticket } from '../domain/ticket';
import type { TicketEvent } from '../domain/ticket-events';
import type { Notify } from '../domain/ticket-notify';
import { isRecordJudged, recordGaps } from '../domain/record-completeness';
import { slaStateOf } from '../domain/sla-state';

/** An event on its way to the outbox, typed by its contract. */
export interface PendingEvent<D extends EventDefinition = EventDefinition> {
  readonly definition: D;
  readonly data: EventData<D>;
}

function event<D extends EventDefinition>(definition: D, data: EventData<D>): PendingEvent {
  return { definition, data } as PendingEvent;
}
export { event as pendingEvent };

const iso = (at: Date) => at.toISOString();
/** Who is notified, as the contracts carry it. */
export const notifyData = (n: Notify) => ({ ...n, roles: [...n.roles], userIds: [...n.userIds] });

/**
 * The published contract of each domain event: the one place the tickets service's own events
 * become `ticket.*` and `sla.*` events. Every event carries the routing fields of the ticket as
 * the command left it; a follow-up contact publishes nothing, as intake announced it already.
 */
export function publishedEvents(events: readonly TicketEvent[], ticket: Ticket, nextDueAt?: Date, demandSummary?: string): PendingEvent[] {
  // Deadlines as the command left them, so a projection (intake's caller desk) needs no calendar.
  const deadline = nextDueAt ? { nextDueAt: iso(nextDueAt) } : {};
  return events.flatMap((e): PendingEvent[] => {
    const base = {
      ticketId: ticket.id,
      number: ticket.number,
      customerId: ticket.customerId,
      status: ticket.status,
      ...presentProps({ itemCode: ticket.itemCode, projectCode: ticket.unit.projectCode }),
      at: iso(e.at),
      by: e.by,
      ...deadline,
      slaState: slaStateOf(ticket),
    };
    switch (e.type) {
      case 'ticket_opened': {
        const t = e.ticket;
        return [
          event(TicketCreatedV1, {
            ticketId: t.id,
            number: t.number,
            contactId: t.contactId,
            customerId: t.customerId,
            channel: t.channel,
            ...presentProps({ itemCode: t.itemCode, sectionCode: t.sectionCode, summary: demandSummary, origin: t.origin }),
            unit: t.unit,
            ownerId: t.ownerId,
            status: 'new',
            createdAt: iso(t.createdAt),
            ...deadline,
          }),
        ];
      }
      case 'validity_decided':
        return [
          event(TicketValidityDecidedV1, {
            ...base,
            decision: e.decision,
            ...presentProps({ reason: e.reason, answerId: e.answerId, answerVersion: e.answerVersion, redirectTo: e.redirectTo }),
          }),
        ];
      case 'dispatched':
        return [
          event(TicketDispatchedV1, { ...base, department: e.department, ...presentProps({ handler: e.handler, breached: e.breached }), takenAsValid: e.takenAsValid }),
        ];
      case 'replied':
        return [event(TicketRepliedV1, { ...base, ...presentProps({ answerId: e.answerId, answerVersion: e.answerVersion }), firstReply: e.firstReply })];
      case 'arrived_on_site':
        return [event(TicketOnSiteV1, { ...base, arrivedAt: iso(e.arrivedAt), ...presentProps({ department: ticket.department, breached: e.breached }) })];
      case 'paused':
        return [event(TicketPausedV1, { ...base, reason: e.reason })];
      case 'resumed':
        return [event(TicketResumedV1, base)];
      case 'resolved':
        return [
          event(TicketResolvedV1, {
            ...base,
            resolution: e.resolution,
            ...presentProps({ sectionCode: ticket.sectionCode }),
            reopenCount: ticket.reopenCount,
            breached: e.breached,
            ...presentProps({ incidentId: ticket.incidentId }),
          }),
        ];
      case 'closed':
        return [event(TicketClosedV1, { ...base, ...(isRecordJudged(ticket) ? { recordGaps: recordGaps(ticket) } : {}) })];
      case 'record_amended':
        return [
          event(TicketRecordAmendedV1, {
            ...base,
            ...presentProps({ sectionCode: ticket.sectionCode }),
            amended: presentProps({ itemCode: e.itemCode, building: e.building, room: e.room }),
            previous: e.previous,
            takenAsValid: e.takenAsValid,
          }),
        ];
      case 'reopened':
        return [event(TicketReopenedV1, { ...base, reason: e.reason, reopenCount: e.reopenCount, validityWithdrawn: e.validityWithdrawn })];
      case 'deadline_extended':
        return [
          event(TicketExtendedV1, {
            ...base,
            clock: e.clock,
            extension: e.extension.by,
            reason: e.extension.reason,
            customerInformedAt: iso(e.extension.customerInformedAt),
            newDueAt: iso(e.newDueAt),
            extensionCount: e.extensionCount,
            ...(e.capException ? { capException: e.capException } : {}),
          }),
        ];
      case 'reply_promised':
        return [event(TicketPromisedV1, { ...base, tier: e.tier, dueAt: iso(e.dueAt), ...(e.capException ? { capException: e.capException } : {}) })];
      case 'escalated':
        return [event(TicketEscalatedV1, { ...base, level: e.level, reason: e.reason, ...presentProps({ note: e.note }), notify: notifyData(e.notify) })];
      case 'sla_warned':
        return [event(SlaWarningV1, { ...base, clock: e.clock, thresholdPercent: e.threshold, dueAt: iso(e.dueAt), notify: notifyData(e.notify) })];
      case 'sla_breached':
        return [event(SlaBreachedV1, { ...base, clock: e.clock, dueAt: iso(e.dueAt), notify: notifyData(e.notify) })];
      case 'follow_up_linked':
        return [];
      case 'deadlines_recomputed': {
        // A held clock's first deadline has none before it: ticket.deadlines_recomputed.v1 requires
        // one, so it is told apart, as ticket.deadlines_planned.v1 (ADR 0134).
        const moved = e.changes.flatMap((c) => (c.previousDueAt ? [{ clock: c.clock, previousDueAt: iso(c.previousDueAt), dueAt: iso(c.dueAt) }] : []));
        const planned = e.changes.flatMap((c) => (c.previousDueAt ? [] : [{ clock: c.clock, dueAt: iso(c.dueAt) }]));
        const calendar = { calendarId: e.calendarId, calendarVersion: e.calendarVersion };
        return [
          ...(moved.length > 0 ? [event(TicketDeadlinesRecomputedV1, { ...base, ...calendar, changes: moved })] : []),
          ...(planned.length > 0 ? [event(TicketDeadlinesPlannedV1, { ...base, ...calendar, clocks: planned })] : []),
        ];
      }
      case 'suggestion_evaluated':
        return [event(TicketSuggestionEvaluatedV1, { ...base, reasonable: e.reasonable, feasible: e.feasible, valuable: e.valuable, comment: e.comment })];
      case 'suggestion_forwarded':
        return [event(TicketSuggestionForwardedV1, { ...base, department: e.department })];
      case 'suggestion_implementation_recorded':
        return [event(TicketSuggestionImplementationRecordedV1, { ...base, implementationStatus: e.status, ...(e.result ? { result: e.result } : {}) })];
      case 'suggestion_rewarded':
        return [event(TicketSuggestionRewardedV1, { ...base, kind: e.kind, description: e.description, ...(e.value !== undefined ? { value: e.value } : {}) })];
      case 'opinion_requested':
        return [
          event(TicketOpinionRequestedV1, {
            ...base,
            opinionId: e.opinionId,
            from: e.from,
            ...(e.department ? { department: e.department } : {}),
            question: e.question,
            dueAt: iso(e.dueAt),
          }),
        ];
      case 'opinion_recorded':
        return [event(TicketOpinionRecordedV1, { ...base, opinionId: e.opinionId, text: e.text, late: e.late })];
      case 'opinion_overdue':
        return [event(TicketOpinionOverdueV1, { ...base, opinionId: e.opinionId, from: e.from, dueAt: iso(e.dueAt), notify: notifyData(e.notify) })];
      case 'reply_approved':
        return [event(TicketReplyApprovedV1, { ...base, text: e.text })];
      case 'incident_joined':
        return [event(TicketIncidentJoinedV1, { ...base, incidentId: e.incidentId, incidentNumber: e.incidentNumber })];
      case 'merged_in':
        // The survivor's side says nothing new: the duplicate's `ticket.merged` names it.
        return [];
      case 'merged_into':
        return [
          event(TicketMergedV1, {
            ...base,
            mergedTicketId: ticket.id,
            survivorTicketId: e.survivorId,
            survivorNumber: e.survivorNumber,
            contactsMoved: e.contacts,
            ...presentProps({ reason: e.reason }),
          }),
        ];
    }
  });
}
