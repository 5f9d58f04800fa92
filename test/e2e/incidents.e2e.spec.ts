import { randomUUID } from 'node:crypto';
import { ServiceProcess, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';
import { WebhookReceiver } from '../../apps/notifications/src/testing/webhook-receiver';

/**
 * 群发事件 through the REST API and Kafka, with intake, tickets, callbacks, notifications and
 * reporting as real processes: 20 contacts about the same lift in one building, with an
 * incident declared, become 20 children of one parent; an update reaches a subscribed webhook
 * once per child customer; resolving the parent — the tickets service killed right after and
 * restarted — resolves the 20 children and schedules 20 callbacks, each once; reporting counts
 * one incident for 20 callers and lists it in the month's report.
 */
// A long poll: the children are resolved by the pass run when the restarted service boots.
const tickets = new ServiceProcess('tickets', 5702, { SLA_TIMER_POLL_MS: '60000' });
const intake = new ServiceProcess('intake', 5701);
const callbacks = new ServiceProcess('callbacks', 5703);
const notifications = new ServiceProcess('notifications', 5704, { NOTIFICATION_DELIVERY_POLL_MS: '100' });
const reporting = new ServiceProcess('reporting', 5705);
const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-INC-${run}`;
const OTHER = `E2E-INCX-${run}`;
const CALLERS = 20;
const RESOLUTION = '更换曳引机编码器，3栋1号电梯已恢复运行';
const from = new Date(Date.now() - 3_600_000).toISOString();

const t = (path: string) => `${tickets.baseUrl}${path}`;
const gateway = new WebhookReceiver('');

let admin: string;
let supervisor: string;
let agent: string;
let otherSupervisor: string;
let manager: string;

interface Incident {
  id: string;
  number: string;
  status: string;
  childCount: number;
  openChildren: number;
  childrenOwedResolution: number;
  declaredAt: string;
  updates: { recipients: number }[];
}
interface Child {
  ticketId: string;
  customerId: string;
  status: string;
}
interface Ticket {
  id: string;
  customerId: string;
  status: string;
  resolution?: string;
  incidentId?: string;
  history: { action: string }[];
}

async function contactAboutTheLift(i: number): Promise<string> {
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token: agent,
    body: {
      channel: 'phone',
      content: '3栋电梯停在12楼，按了没反应',
      itemCode: 'repair.public_area',
      customer: { name: '业主', phone: newMobile('137'), projectCode: PROJECT, building: '3', room: `${i + 1}01` },
    },
  });
  expect(contact.status).toBe(201);
  return contact.body.id;
}

async function ticketOf(contactId: string): Promise<string> {
  return eventually(async () => {
    const list = await callJson<{ items: { id: string }[] }>(t(`/v1/tickets?contactId=${contactId}`), { token: agent });
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0]!.id;
  }, 60_000);
}

beforeAll(async () => {
  admin = await devToken({ roles: ['admin', 'supervisor'], sub: `admin-inc-${run}` });
  supervisor = await devToken({ roles: 'supervisor', sub: `sup-inc-${run}`, projects: [PROJECT] });
  agent = await devToken({ roles: 'agent', sub: `agent-inc-${run}`, projects: [PROJECT] });
  otherSupervisor = await devToken({ roles: 'supervisor', sub: `sup-incx-${run}`, projects: [OTHER] });
  manager = await devToken({ roles: 'manager', sub: `mgr-inc-${run}`, projects: [PROJECT] });
  await prepareDatabaseAndTopics(['intake', 'tickets', 'callbacks', 'notifications', 'reporting']);
  await Promise.all([intake.start(), tickets.start(), callbacks.start(), notifications.start(), reporting.start()]);

  const url = `${await gateway.start()}/sms/incidents`;
  const subscription = await callJson<{ secret: string }>(`${notifications.baseUrl}/v1/webhook-subscriptions`, {
    token: admin,
    body: { name: '短信/微信网关', url, eventTypes: ['incident_update'], projectCode: PROJECT },
  });
  expect(subscription.status).toBe(201);
  gateway.secret = subscription.body.secret;

  // 报修 is called back one working day after it is handled; the calendar reaches callbacks by event.
  await eventually(async () => {
    const put = await callJson(`${callbacks.baseUrl}/v1/callback-policies`, {
      method: 'PUT',
      token: admin,
      body: {
        policies: [
          {
            id: `repair-${run}`,
            name: '报修处理完毕1个工作日内回访',
            match: { sections: ['repair'], projects: [PROJECT] },
            dueWorkingDays: 1,
            calendarId: 'default',
            method: 'phone',
            attemptsAllowed: 3,
            retrySpacingMinutes: 60,
            assignTo: 'first_contact_owner',
          },
        ],
      },
    });
    expect(put.status).toBe(200);
  }, 60_000);
}, 180_000);

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop(), callbacks.stop(), notifications.stop(), reporting.stop()]);
  await gateway.stop();
});

describe('one lift, twenty callers, one incident', () => {
  let incident: Incident;
  let children: string[];
  let customers: string[];

  it('a supervisor declares the incident for building 3; another project sees nothing of it', async () => {
    const declared = await callJson<Incident>(t('/v1/incidents'), {
      token: supervisor,
      body: { projectCode: PROJECT, building: '3', itemCode: 'repair.public_area', title: '3栋1号电梯停运', description: '3栋1号电梯停在12楼，维保单位已通知' },
    });
    expect([declared.status, declared.body.status]).toEqual([201, 'open']);
    incident = declared.body;
    expect((await callJson(t(`/v1/incidents/${incident.id}`), { token: otherSupervisor })).status).toBe(404);
    const desk = await callJson<{ items: { id: string }[] }>(t(`/v1/incidents?projectCode=${PROJECT}&building=3&status=open`), { token: agent });
    expect(desk.body.items.map((i) => i.id)).toEqual([incident.id]);
  });

  it('20 contacts about the lift become 20 tickets offered to the incident, and one call joins them as its children', async () => {
    const contacts = await Promise.all(Array.from({ length: CALLERS }, (_, i) => contactAboutTheLift(i)));
    children = await Promise.all(contacts.map(ticketOf));
    const offered = await callJson<{ items: Child[] }>(t(`/v1/incidents/${incident.id}/candidates`), { token: agent });
    expect(offered.body.items.map((c) => c.ticketId).sort()).toEqual([...children].sort());

    const joined = await callJson<Incident>(t(`/v1/incidents/${incident.id}/children`), { token: agent, body: { ticketIds: children } });
    expect([joined.status, joined.body.childCount, joined.body.openChildren]).toEqual([200, CALLERS, CALLERS]);
    const listed = await callJson<{ items: Child[] }>(t(`/v1/incidents/${incident.id}/children`), { token: agent });
    expect(listed.body.items.map((c) => c.ticketId).sort()).toEqual([...children].sort());
    customers = listed.body.items.map((c) => c.customerId);
    expect(new Set(customers).size).toBe(CALLERS);
    const child = await callJson<Ticket>(t(`/v1/tickets/${children[0]}`), { token: agent });
    expect(child.body.incidentId).toBe(incident.id);
  });

  it('an update reaches the subscribed gateway once per child customer, signed', async () => {
    const updated = await callJson<Incident>(t(`/v1/incidents/${incident.id}/updates`), { token: supervisor, body: { message: '维保单位已到场，预计 16:00 恢复' } });
    expect([updated.status, updated.body.updates[0]?.recipients]).toEqual([200, CALLERS]);
    const messages = await eventually(() => {
      const got = gateway.received.filter((r) => r.event === 'incident_update');
      expect(got).toHaveLength(CALLERS);
      return got;
    }, 60_000);
    expect(messages.every((m) => m.valid)).toBe(true);
    const bodies = messages.map((m) => JSON.parse(m.body) as { customerId: string; ticketId: string; incidentId: string; message: string });
    expect(bodies.map((b) => b.customerId).sort()).toEqual([...customers].sort());
    expect(bodies.every((b) => b.incidentId === incident.id && b.message === '维保单位已到场，预计 16:00 恢复' && children.includes(b.ticketId))).toBe(true);
    // Retried deliveries would repeat an X-CS-Delivery; none did, and none arrives later.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(gateway.received.filter((r) => r.event === 'incident_update')).toHaveLength(CALLERS);
    expect(new Set(messages.map((m) => m.delivery)).size).toBe(CALLERS);
  });

  it('resolving the parent — the service killed right after and restarted — resolves the 20 children once each and schedules 20 callbacks', async () => {
    const resolved = await callJson<Incident>(t(`/v1/incidents/${incident.id}/resolve`), { token: supervisor, body: { resolution: RESOLUTION } });
    expect([resolved.status, resolved.body.status]).toEqual([200, 'resolved']);
    await tickets.kill();
    await tickets.start();

    await eventually(async () => {
      const after = await callJson<Incident>(t(`/v1/incidents/${incident.id}`), { token: agent });
      expect([after.body.openChildren, after.body.childrenOwedResolution]).toEqual([0, 0]);
    }, 60_000);
    for (const id of children) {
      const child = await callJson<Ticket>(t(`/v1/tickets/${id}`), { token: agent });
      expect([child.body.status, child.body.resolution]).toEqual(['resolved', RESOLUTION]);
      expect(child.body.history.filter((h) => h.action === 'resolve')).toHaveLength(1);
    }
    const scheduled = await eventually(async () => {
      const queue = await callJson<{ items: { ticketId: string }[] }>(`${callbacks.baseUrl}/v1/callbacks?status=due&limit=200`, { token: agent });
      const ours = queue.body.items.filter((c) => children.includes(c.ticketId));
      expect(ours).toHaveLength(CALLERS);
      return ours;
    }, 60_000);
    expect(new Set(scheduled.map((c) => c.ticketId)).size).toBe(CALLERS);
  });

  it('reporting counts one incident for 20 callers, not 20 faults, and lists it with its duration in the month’s report', async () => {
    const kpis = await eventually(async () => {
      const body = (await callJson<{ total: Record<string, unknown> }>(`${reporting.baseUrl}/v1/kpis?project=${PROJECT}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`, { token: manager })).body;
      expect(body.total).toMatchObject({ received: CALLERS, resolved: CALLERS, incidents: 1, incidentChildren: CALLERS, distinctMatters: 1 });
      return body.total;
    }, 60_000);
    expect(kpis['resolutionOnTimeRate']).toBe(1);
    const month = new Date(new Date(incident.declaredAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    const report = await callJson<{ incidents: { number: string; children: number; durationMinutes: number | null; resolvedAt: string | null }[] }>(
      `${reporting.baseUrl}/v1/reports/monthly?month=${month}&project=${PROJECT}`,
      { token: manager },
    );
    expect(report.status).toBe(200);
    expect(report.body.incidents).toEqual([expect.objectContaining({ number: incident.number, children: CALLERS, resolvedAt: expect.any(String), durationMinutes: expect.any(Number) })]);
  });
});
