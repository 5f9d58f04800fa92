import { randomUUID } from 'node:crypto';
import { EventDefinition, IncidentEscalatedV1, IncidentSlaBreachedV1, IncidentSlaWarningV1, validateEventData } from '@cs/contracts';
import type { IncidentAlert } from '../domain/notification';

type AlertNamed<T extends IncidentAlert['type']> = Extract<IncidentAlert, { type: T }>;

export interface IncidentTimerAlerts {
  readonly warning: AlertNamed<'incident.sla.warning.v1'>;
  readonly breached: AlertNamed<'incident.sla.breached.v1'>;
  readonly escalated: AlertNamed<'incident.escalated.v1'>;
}

/** The supervisor who declared the incident and the engineer it was dispatched to, named by id as the tickets service names them. */
export const DECLARED_BY = 'sup-declarer';
export const HANDLED_BY = 'eng-handler';

function checked<A extends IncidentAlert>(definition: EventDefinition, alert: A): A {
  const violations = validateEventData(definition, alert.data);
  if (violations.length > 0) throw new Error(`${alert.type} breaks its contract: ${JSON.stringify(violations)}`);
  return alert;
}

/**
 * One dispatched incident's three timer events as the tickets service addresses them (ADR 0040):
 * a warning to those working it, a breach to the project's supervisors, a breach left open to
 * the manager too — each naming the declarer and the handler by id.
 */
export function incidentTimerAlerts(projectCode: string, incidentId: string = randomUUID()): IncidentTimerAlerts {
  const incident = {
    incidentId,
    number: 'INC-20261124-0007',
    status: 'open' as const,
    projectCode,
    building: '3',
    itemCode: 'repair.public_area',
    by: 'system',
  };
  const named = { projectCode, department: 'engineering', userIds: [DECLARED_BY, HANDLED_BY] };
  return {
    warning: checked(IncidentSlaWarningV1, {
      type: 'incident.sla.warning.v1',
      data: { ...incident, at: '2026-11-24T03:00:00.000Z', clock: 'resolution', thresholdPercent: 80, dueAt: '2026-11-24T06:00:00.000Z', notify: { roles: ['supervisor', 'handler'], ...named } },
    }),
    breached: checked(IncidentSlaBreachedV1, {
      type: 'incident.sla.breached.v1',
      data: { ...incident, at: '2026-11-24T06:00:00.000Z', clock: 'resolution', dueAt: '2026-11-24T06:00:00.000Z', notify: { roles: ['supervisor'], ...named } },
    }),
    escalated: checked(IncidentEscalatedV1, {
      type: 'incident.escalated.v1',
      data: { ...incident, at: '2026-11-24T10:00:00.000Z', level: 2, reason: 'breach_unresolved', note: 'resolution due 2026-11-24T06:00:00.000Z', notify: { roles: ['manager', 'supervisor'], ...named } },
    }),
  };
}
