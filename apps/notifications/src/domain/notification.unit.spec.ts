import { IncidentEscalatedV1, IncidentSlaBreachedV1, IncidentSlaWarningV1, SlaBreachedV1, SlaWarningV1, TicketEscalatedV1 } from '@cs/contracts';
import { DECLARED_BY, HANDLED_BY, incidentTimerAlerts } from '../testing/incident-alerts';
import { ALERT_TYPES, notificationOf } from './notification';
import { notificationJson } from './webhook-payload';

const INCIDENT_ID = '4e2a9c1b-7d3f-4b6e-8a05-9c1d2e3f4a5b';
const alerts = incidentTimerAlerts('P001', INCIDENT_ID);
const incidentRef = { id: INCIDENT_ID, number: 'INC-20261124-0007', status: 'open', itemCode: 'repair.public_area', projectCode: 'P001' };

describe('the notification an incident’s timer event makes', () => {
  it('given a warning, then it is an incident_sla_warning about the incident for those working it', () => {
    const n = notificationOf('n-1', alerts.warning);

    expect(n).toEqual({
      id: 'n-1',
      kind: 'incident_sla_warning',
      title: '群发事件 INC-20261124-0007 的处理时限已过 80%',
      incident: incidentRef,
      clock: 'resolution',
      thresholdPercent: 80,
      dueAt: new Date('2026-11-24T06:00:00.000Z'),
      audience: { roles: ['supervisor', 'handler'], projectCode: 'P001', department: 'engineering', userIds: [DECLARED_BY, HANDLED_BY] },
      occurredAt: new Date('2026-11-24T03:00:00.000Z'),
    });
  });

  it('given a breach, then it is an incident_sla_breached for the supervisors of its project', () => {
    const n = notificationOf('n-2', alerts.breached);

    expect(n).toMatchObject({ kind: 'incident_sla_breached', title: '群发事件 INC-20261124-0007 的处理时限已超时', incident: incidentRef, clock: 'resolution' });
    expect(n.audience).toMatchObject({ roles: ['supervisor'], projectCode: 'P001' });
    expect(n.ticket).toBeUndefined();
  });

  it('given an escalation, then it is an incident_escalated at its level for whom the event names', () => {
    const n = notificationOf('n-3', alerts.escalated);

    expect(n).toMatchObject({ kind: 'incident_escalated', title: '群发事件 INC-20261124-0007 升级至第 2 级（超时未解决）', level: 2, reason: 'breach_unresolved', incident: incidentRef });
    expect(n.audience).toEqual({ roles: ['manager', 'supervisor'], projectCode: 'P001', department: 'engineering', userIds: [DECLARED_BY, HANDLED_BY] });
  });

  it('given an event whose notify names no project, then the incident’s project scopes it', () => {
    const { projectCode: _named, ...notify } = alerts.breached.data.notify;
    const n = notificationOf('n-4', { ...alerts.breached, data: { ...alerts.breached.data, notify } });

    expect(n.audience.projectCode).toBe('P001');
  });

  it('given an incident’s notification as JSON, then it names the incident and no one by id', () => {
    const json = notificationJson(notificationOf('n-5', alerts.escalated));

    expect(json).toMatchObject({ kind: 'incident_escalated', incident: incidentRef, audience: { roles: ['manager', 'supervisor'], projectCode: 'P001', department: 'engineering' } });
    expect(json).not.toHaveProperty('ticket');
    expect(JSON.stringify(json)).not.toContain(DECLARED_BY);
    expect(JSON.stringify(json)).not.toContain(HANDLED_BY);
  });
});

describe('the notification a ticket’s event makes, beside the incidents’', () => {
  const ticket = { ticketId: '0b6f3c2e-8f4a-4d7e-9a51-3f0c2d1e4b5a', number: 'TK-20261008-000123', customerId: 'c9d8e7f6-5a4b-4c3d-8e2f-1a0b9c8d7e6f', status: 'dispatched' as const };
  const stamp = { projectCode: 'P001', at: '2026-10-08T02:15:00.000Z', by: 'system' };

  it('given a major complaint and a manual escalation, then their kinds and titles name the ticket', () => {
    const notify = { roles: ['supervisor' as const], projectCode: 'P001', userIds: ['agent-owner'] };
    const major = notificationOf('t-1', { type: 'ticket.escalated.v1', data: { ...ticket, ...stamp, level: 1, reason: 'major_complaint', notify } });
    const manual = notificationOf('t-2', { type: 'ticket.escalated.v1', data: { ...ticket, ...stamp, level: 2, reason: 'manual', notify } });

    expect(major).toMatchObject({ kind: 'major_complaint', title: '重大投诉 TK-20261008-000123：已上报（第 1 级）', ticket: { id: ticket.ticketId, projectCode: 'P001' } });
    expect(manual).toMatchObject({ kind: 'escalated', title: '工单 TK-20261008-000123 升级至第 2 级（人工升级）' });
    expect(major.incident).toBeUndefined();
  });

  it('given a warning, then it is a sla_warning about the ticket', () => {
    const n = notificationOf('t-3', {
      type: 'sla.warning.v1',
      data: { ...ticket, ...stamp, clock: 'first_response', thresholdPercent: 50, dueAt: '2026-10-08T04:00:00.000Z', notify: { roles: ['agent'], userIds: [] } },
    });

    expect(n).toMatchObject({ kind: 'sla_warning', title: '工单 TK-20261008-000123 的首次响应时限已过 50%', ticket: { number: ticket.number }, audience: { projectCode: 'P001' } });
  });

  it('given the handler not on site in time, then the breach names the on-site promise (上门)', () => {
    const n = notificationOf('t-4', {
      type: 'sla.breached.v1',
      data: { ...ticket, ...stamp, clock: 'on_site', dueAt: '2026-10-09T02:15:00.000Z', notify: { roles: ['supervisor'], userIds: [] } },
    });
    expect(n).toMatchObject({ kind: 'sla_breached', title: expect.stringContaining('上门') });
  });
});

describe('the events notifications subscribes to', () => {
  it('given the alert types, then they are the ticket’s and the incident’s escalations, warnings and breaches', () => {
    expect([...ALERT_TYPES].sort()).toEqual(
      [TicketEscalatedV1.type, SlaWarningV1.type, SlaBreachedV1.type, IncidentEscalatedV1.type, IncidentSlaWarningV1.type, IncidentSlaBreachedV1.type].sort(),
    );
  });
});
