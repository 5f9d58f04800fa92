import { presentProps } from '@cs/ddd';
import type { Incident } from './incident';
import type { IncidentEvent } from './incident-events';
import { evolveIncident } from './incident-evolve';
import type { PlannedTimer } from './sla-clock';
import type { SlaPolicy } from './sla-policy';
import { plannedTimers, timerOutcomes } from './sla-timers';
import type { EscalationLevel } from './ticket-lifecycle';
import { Notify, rolesAt } from './ticket-notify';
import type { CalendarLookup } from './ticket-sla';

/**
 * Who hears of an incident's SLA: a warning reaches the people working it (the supervisor who
 * declared it, the department it was dispatched to); a breach the supervisors of its project; a
 * breach left open the manager too — as a ticket's escalation levels do.
 */
export function notifyForIncident(incident: Incident, level: EscalationLevel): Notify {
  return {
    roles: rolesAt(level, ['supervisor', ...(incident.department ? (['handler'] as const) : [])]),
    ...presentProps({ projectCode: incident.place.projectCode, department: incident.department }),
    userIds: [incident.declaredBy, ...(incident.handler ? [incident.handler] : [])],
  };
}

/** Every durable timer the incident's clocks need from now on: none once it is resolved. */
export function incidentTimers(calendars: CalendarLookup, incident: Incident, policy: SlaPolicy | undefined, now: Date): PlannedTimer[] {
  if (incident.status === 'resolved') return [];
  return plannedTimers(calendars, incident.clocks, incident.escalationLevel, policy, now);
}

/**
 * Due timers of an open incident, in the order they fell due: each sees what the ones before it
 * did. Incidents follow calendar changes as tickets do (ADR 0018): a timer planned before a change
 * that moved its moment later fires nothing, `calendarsChanging` naming the calendars whose change
 * the walk has not yet brought to the incident.
 */
export function fireIncidentTimers(calendars: CalendarLookup, incident: Incident, timers: readonly PlannedTimer[], calendarsChanging: readonly string[]): IncidentEvent[] {
  const following = { changing: (calendarId: string) => calendarsChanging.includes(calendarId) };
  const events: IncidentEvent[] = [];
  let current = incident;
  for (const timer of timers) {
    const stamp = { at: timer.fireAt, by: 'system' };
    const fired = timerOutcomes(calendars, current.clocks, current.escalationLevel, timer, following).map((o): IncidentEvent => {
      switch (o.type) {
        case 'warned':
          return { type: 'incident_sla_warned', ...stamp, clock: o.clock, threshold: o.threshold, dueAt: o.dueAt, notify: notifyForIncident(current, 0) };
        case 'breached':
          return { type: 'incident_sla_breached', ...stamp, clock: o.clock, dueAt: o.dueAt, notify: notifyForIncident(current, 1) };
        case 'escalated':
          return { type: 'incident_escalated', ...stamp, level: o.level, reason: o.reason, note: o.note, notify: notifyForIncident(current, o.level) };
      }
    });
    events.push(...fired);
    current = fired.reduce(evolveIncident, current);
  }
  return events;
}
