import type { Incident } from './incident';
import type { IncidentEvent } from './incident-events';
import { breachedClocks, warnedClocks } from './sla-timers';
import type { EscalationLevel } from './ticket-lifecycle';
import { meetAll } from './ticket-sla';

/** An incident before it was declared: nothing yet. */
export type IncidentState = Incident | undefined;

/** What an incident is after an event. Pure and total: every rule was checked when the event was decided. */
export function evolveIncident(state: IncidentState, event: IncidentEvent): Incident {
  if (event.type === 'incident_declared') return event.incident;
  // Only a bug could apply an event to an incident never declared.
  if (!state) throw new Error(`${event.type} cannot happen to an incident that was never declared`);
  const at = event.at;
  switch (event.type) {
    case 'incident_dispatched':
      return {
        ...state,
        department: event.department,
        handler: event.handler,
        dispatchedAt: state.dispatchedAt ?? at,
        clocks: meetAll(state.clocks, at, ['dispatch']),
      };
    case 'incident_update_posted':
      // Telling every caller what is happening is the incident's first response.
      return { ...state, updateCount: event.sequence, lastUpdateAt: at, clocks: meetAll(state.clocks, at, ['first_response']) };
    case 'tickets_linked':
      return { ...state, childCount: state.childCount + event.ticketIds.length };
    case 'incident_resolved':
      return {
        ...state,
        status: 'resolved',
        resolution: event.resolution,
        resolvedAt: at,
        resolvedBy: event.by,
        breached: event.breached,
        clocks: meetAll(state.clocks, at),
        ...(event.resolveChildren ? { childrenResolvedAt: at } : {}),
      };
    case 'children_resolution_requested':
      return { ...state, childrenResolvedAt: at };
    case 'incident_sla_warned':
      return { ...state, clocks: warnedClocks(state.clocks, event.clock, event.threshold) };
    case 'incident_sla_breached':
      return { ...state, clocks: breachedClocks(state.clocks, event.clock, at) };
    case 'incident_escalated':
      return { ...state, escalationLevel: Math.max(state.escalationLevel, event.level) as EscalationLevel };
  }
}
