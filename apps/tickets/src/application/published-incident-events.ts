import {
  IncidentDeclaredV1,
  IncidentDispatchedV1,
  IncidentEscalatedV1,
  IncidentResolvedV1,
  IncidentSlaBreachedV1,
  IncidentSlaWarningV1,
  IncidentUpdatedV1,
} from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { Incident } from '../domain/incident';
import type { IncidentEvent } from '../domain/incident-events';
import type { IncidentRecipient } from '../infrastructure/incident-children.repository';
import { PendingEvent, notifyData, pendingEvent } from './published-ticket-events';

const iso = (at: Date) => at.toISOString();

/**
 * The published contract of each incident event, carrying the incident's routing fields as the
 * command left it. Linking publishes nothing of its own: each child announces
 * `ticket.incident_joined` on its ticket's stream.
 */
export function publishedIncidentEvents(
  events: readonly IncidentEvent[],
  incident: Incident,
  recipients: readonly IncidentRecipient[],
  nextDueAt?: Date,
): PendingEvent[] {
  return events.flatMap((e): PendingEvent[] => {
    const base = {
      incidentId: incident.id,
      number: incident.number,
      status: incident.status,
      projectCode: incident.place.projectCode,
      ...presentProps({ building: incident.place.building }),
      itemCode: incident.itemCode,
      at: iso(e.at),
      by: e.by,
    };
    switch (e.type) {
      case 'incident_declared':
        return [
          pendingEvent(IncidentDeclaredV1, {
            ...base,
            ...presentProps({ area: incident.place.area }),
            sectionCode: incident.sectionCode,
            title: incident.title,
            description: incident.description,
            priority: incident.priority,
            ...(nextDueAt ? { nextDueAt: iso(nextDueAt) } : {}),
          }),
        ];
      case 'incident_dispatched':
        return [pendingEvent(IncidentDispatchedV1, { ...base, department: e.department, ...presentProps({ handler: e.handler, breached: e.breached }) })];
      case 'incident_update_posted':
        return [
          pendingEvent(IncidentUpdatedV1, {
            ...base,
            updateId: e.updateId,
            sequence: e.sequence,
            title: incident.title,
            message: e.message,
            ...(e.expectedRestoreAt ? { expectedRestoreAt: iso(e.expectedRestoreAt) } : {}),
            recipients: recipients.map((r) => ({ customerId: r.customerId, ticketId: r.ticketId })),
          }),
        ];
      case 'incident_resolved':
        return [
          pendingEvent(IncidentResolvedV1, {
            ...base,
            resolution: e.resolution,
            declaredAt: iso(incident.declaredAt),
            breached: e.breached,
            ...(e.resolutionBreached === undefined ? {} : { resolutionBreached: e.resolutionBreached }),
            childCount: incident.childCount,
            resolveChildren: e.resolveChildren,
          }),
        ];
      case 'incident_sla_warned':
        return [pendingEvent(IncidentSlaWarningV1, { ...base, clock: e.clock, thresholdPercent: e.threshold, dueAt: iso(e.dueAt), notify: notifyData(e.notify) })];
      case 'incident_sla_breached':
        return [pendingEvent(IncidentSlaBreachedV1, { ...base, clock: e.clock, dueAt: iso(e.dueAt), notify: notifyData(e.notify) })];
      case 'incident_escalated':
        return [pendingEvent(IncidentEscalatedV1, { ...base, level: e.level, reason: e.reason, note: e.note, notify: notifyData(e.notify) })];
      case 'tickets_linked':
      case 'children_resolution_requested':
        return [];
    }
  });
}
