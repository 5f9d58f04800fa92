import { randomUUID } from 'node:crypto';
import { EventData, SlaWarningV1, TicketEscalatedV1, validateEventData } from '@cs/contracts';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { Reader, audienceIncludes } from '../domain/audience';
import type { WebhookKind } from '../domain/outbound-message';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { DECLARED_BY, HANDLED_BY, incidentTimerAlerts } from '../testing/incident-alerts';
import { feedMessageOf, heardOf } from './feed-item';
import { RecordNotification } from './record-notification';

let db: ThrowawaySchema;
const notifications = new NotificationRepository();
const subscriptions = new WebhookSubscriptionRepository();
const record = new RecordNotification(notifications, subscriptions, new WebhookDeliveryRepository());

const ticket = (projectCode: string) => ({
  ticketId: randomUUID(),
  number: 'TK-20261008-000123',
  customerId: randomUUID(),
  status: 'dispatched' as const,
  itemCode: 'complaint.construction_quality',
  projectCode,
  at: '2026-10-08T02:15:00.000Z',
  by: 'system',
});

function majorComplaint(projectCode: string): EventData<typeof TicketEscalatedV1> {
  const data: EventData<typeof TicketEscalatedV1> = {
    ...ticket(projectCode),
    level: 1,
    reason: 'major_complaint',
    notify: { roles: ['supervisor', 'manager'], projectCode, department: 'engineering', userIds: ['agent-owner'] },
  };
  expect(validateEventData(TicketEscalatedV1, data)).toEqual([]);
  return data;
}

function warning(projectCode: string): EventData<typeof SlaWarningV1> {
  return {
    ...ticket(projectCode),
    clock: 'resolution',
    thresholdPercent: 75,
    dueAt: '2026-10-09T09:30:00.000Z',
    notify: { roles: ['agent', 'handler'], projectCode, department: 'engineering', userIds: [] },
  };
}

async function subscribe(eventTypes: WebhookKind[], projectCode?: string): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await db.dataSource.transaction((tx) =>
    subscriptions.insert(
      tx,
      { id, name: 'gateway', url: 'http://127.0.0.1:9/hook', eventTypes, ...(projectCode ? { projectCode } : {}), active: true, createdBy: 'admin', createdAt: now, updatedAt: now },
      'whsec_x',
    ),
  );
  return id;
}

const count = async (sql: string, params: unknown[] = []) => ((await db.dataSource.query(sql, params)) as { n: number }[])[0]!.n;

beforeAll(async () => {
  db = await throwawaySchema('notifications_record', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

describe('notifications from ticket events, against Postgres', () => {
  it('given a major complaint delivered twice, then one notification and one delivery per matching subscription exist', async () => {
    const wanted = await subscribe(['major_complaint'], 'P1');
    const everywhere = await subscribe(['major_complaint']);
    await subscribe(['major_complaint'], 'P2');
    await subscribe(['sla_warning'], 'P1');
    const eventId = randomUUID();
    const data = majorComplaint('P1');

    await db.dataSource.transaction((tx) => record.execute(tx, eventId, { type: 'ticket.escalated.v1', data }));
    await db.dataSource.transaction((tx) => record.execute(tx, eventId, { type: 'ticket.escalated.v1', data }));

    expect(await count('SELECT count(*)::int AS n FROM notifications WHERE ticket_id = $1', [data.ticketId])).toBe(1);
    const deliveries = (await db.dataSource.query(
      `SELECT subscription_id::text AS id, status, payload FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.ticket_id = $1`,
      [data.ticketId],
    )) as { id: string; status: string; payload: string }[];
    expect(deliveries.map((d) => d.id).sort()).toEqual([wanted, everywhere].sort());
    expect(deliveries.every((d) => d.status === 'pending')).toBe(true);
    const payload = JSON.parse(deliveries[0]!.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ kind: 'major_complaint', level: 1, ticket: { number: data.number, projectCode: 'P1' }, audience: { roles: ['supervisor', 'manager'] } });
    expect(JSON.stringify(payload)).not.toContain('agent-owner');
    expect(JSON.stringify(payload)).not.toContain(data.customerId);
  });

  it('given a chunk of alerts recorded together, one already recorded, then each new one is a notification in the chunk’s order with its own deliveries', async () => {
    const complaints = await subscribe(['major_complaint'], 'P7');
    const warnings = await subscribe(['sla_warning']);
    const seen = { eventId: randomUUID(), alert: { type: 'sla.warning.v1' as const, data: warning('P7') } };
    await db.dataSource.transaction((tx) => record.execute(tx, seen.eventId, seen.alert));
    const chunk = [
      { eventId: randomUUID(), alert: { type: 'ticket.escalated.v1' as const, data: majorComplaint('P7') } },
      seen,
      { eventId: randomUUID(), alert: { type: 'sla.warning.v1' as const, data: warning('P8') } },
      { eventId: randomUUID(), alert: { type: 'ticket.escalated.v1' as const, data: majorComplaint('P8') } },
    ];
    await db.dataSource.transaction((tx) => record.executeAll(tx, chunk));

    const tickets = chunk.map((c) => c.alert.data.ticketId);
    const rows = (await db.dataSource.query(
      `SELECT n.ticket_id::text AS ticket, n.kind, array_remove(array_agg(d.subscription_id::text ORDER BY d.subscription_id), NULL) AS subscriptions
         FROM notifications n LEFT JOIN webhook_deliveries d ON d.notification_id = n.id AND d.subscription_id = ANY($2::uuid[])
        WHERE n.ticket_id = ANY($1::uuid[]) GROUP BY n.ticket_id, n.kind, n.seq ORDER BY n.seq`,
      // The earlier tests' subscriptions (one for every project's major complaints) match too.
      [tickets, [complaints, warnings]],
    )) as { ticket: string; kind: string; subscriptions: string[] }[];
    expect(rows).toEqual([
      { ticket: tickets[1], kind: 'sla_warning', subscriptions: [warnings] },
      { ticket: tickets[0], kind: 'major_complaint', subscriptions: [complaints] },
      { ticket: tickets[2], kind: 'sla_warning', subscriptions: [warnings] },
      { ticket: tickets[3], kind: 'major_complaint', subscriptions: [] },
    ]);
  });

  it('given a rolled-back handler, then nothing of it remains and the redelivery records it', async () => {
    const eventId = randomUUID();
    const data = majorComplaint('P1');
    await expect(
      db.dataSource.transaction(async (tx) => {
        await record.execute(tx, eventId, { type: 'ticket.escalated.v1', data });
        throw new Error('the inbox transaction failed after the handler');
      }),
    ).rejects.toThrow('inbox transaction failed');
    expect(await count('SELECT count(*)::int AS n FROM notifications WHERE source_event_id = $1', [eventId])).toBe(0);

    await db.dataSource.transaction((tx) => record.execute(tx, eventId, { type: 'ticket.escalated.v1', data }));
    expect(await count('SELECT count(*)::int AS n FROM notifications WHERE source_event_id = $1', [eventId])).toBe(1);
  });

  it('given readers of every kind, then the inbox query reaches exactly whom the audience rule reaches', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    const major = majorComplaint(project);
    const warned = warning(project);
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), { type: 'ticket.escalated.v1', data: major }));
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), { type: 'sla.warning.v1', data: warned }));

    const readers: Reader[] = [
      { sub: 's1', roles: ['supervisor'], projects: [project] },
      { sub: 's2', roles: ['supervisor'], projects: ['ELSEWHERE'] },
      { sub: 'm1', roles: ['manager'] },
      { sub: 'agent-owner', roles: ['agent'], projects: [project] },
      { sub: 'a2', roles: ['agent'], projects: [project] },
      { sub: 'h1', roles: ['handler'], department: 'engineering', projects: [project] },
      { sub: 'h2', roles: ['handler'], department: 'cleaning', projects: [project] },
      { sub: 'q1', roles: ['quality', 'admin'], projects: [project] },
    ];
    for (const reader of readers) {
      const inbox = (await notifications.page(db.dataSource.manager, reader, [], { unreadOnly: false, limit: 500 }))
        .filter((s) => s.notification.ticket?.projectCode === project)
        .map((s) => s.notification.ticket?.id)
        .sort();
      const expected = [
        ...(audienceIncludes({ roles: ['supervisor', 'manager'], projectCode: project, department: 'engineering', userIds: ['agent-owner'] }, reader) ? [major.ticketId] : []),
        ...(audienceIncludes({ roles: ['agent', 'handler'], projectCode: project, department: 'engineering', userIds: [] }, reader) ? [warned.ticketId] : []),
      ].sort();
      expect({ reader: reader.sub, inbox }).toEqual({ reader: reader.sub, inbox: expected });
    }
  });

  it('given a read mark, then it is the reader’s alone and unread=true leaves the notification out for them only', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    const data = majorComplaint(project);
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), { type: 'ticket.escalated.v1', data }));
    const first: Reader = { sub: 'sup-1', roles: ['supervisor'], projects: [project] };
    const second: Reader = { sub: 'sup-2', roles: ['supervisor'], projects: [project] };
    const [mine] = await notifications.page(db.dataSource.manager, first, [], { unreadOnly: true, limit: 10 });

    await db.dataSource.transaction((tx) => notifications.markRead(tx, mine!.notification.id, first.sub, new Date('2026-10-08T03:00:00Z')));
    await db.dataSource.transaction((tx) => notifications.markRead(tx, mine!.notification.id, first.sub, new Date('2026-10-08T04:00:00Z')));

    expect(await notifications.page(db.dataSource.manager, first, [], { unreadOnly: true, limit: 10 })).toEqual([]);
    expect((await notifications.find(db.dataSource.manager, mine!.notification.id, first, []))?.readAt).toEqual(new Date('2026-10-08T03:00:00Z'));
    expect(await notifications.unreadCount(db.dataSource.manager, second, [], 100)).toBe(1);
  });
});

describe('notifications from an incident’s timer events, against Postgres', () => {
  const INCIDENT_KINDS: WebhookKind[] = ['incident_escalated', 'incident_sla_warning', 'incident_sla_breached'];
  const newProject = () => `P-${randomUUID().slice(0, 6)}`;

  it('given each of the three events delivered twice, then each is one notification of its kind and one delivery per subscription of that kind', async () => {
    const project = newProject();
    const incidentKinds = await subscribe(INCIDENT_KINDS, project);
    const breachesOnly = await subscribe(['incident_sla_breached']);
    const ticketKinds = await subscribe(['escalated', 'sla_warning', 'sla_breached'], project);
    const otherProject = await subscribe(INCIDENT_KINDS, newProject());
    const alerts = incidentTimerAlerts(project);
    const handled = Object.values(alerts).map((alert) => ({ eventId: randomUUID(), alert }));

    for (let delivery = 0; delivery < 2; delivery++) {
      for (const { eventId, alert } of handled) await db.dataSource.transaction((tx) => record.execute(tx, eventId, alert));
    }

    const rows = (await db.dataSource.query(
      `SELECT kind, source_event_id, ticket_id, incident_number, project_code FROM notifications WHERE incident_id = $1 ORDER BY kind`,
      [alerts.warning.data.incidentId],
    )) as { kind: string; source_event_id: string; ticket_id: string | null; incident_number: string; project_code: string }[];
    expect(rows).toEqual(
      [
        { kind: 'incident_escalated', source_event_id: handled[2]!.eventId },
        { kind: 'incident_sla_breached', source_event_id: handled[1]!.eventId },
        { kind: 'incident_sla_warning', source_event_id: handled[0]!.eventId },
      ].map((row) => ({ ...row, ticket_id: null, incident_number: 'INC-20261124-0007', project_code: project })),
    );
    const deliveries = (await db.dataSource.query(
      `SELECT d.subscription_id::text AS id, d.event_type, d.payload FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.incident_id = $1`,
      [alerts.warning.data.incidentId],
    )) as { id: string; event_type: string; payload: string }[];
    expect(deliveries.map((d) => `${d.event_type} ${d.id}`).sort()).toEqual(
      [`incident_escalated ${incidentKinds}`, `incident_sla_breached ${incidentKinds}`, `incident_sla_breached ${breachesOnly}`, `incident_sla_warning ${incidentKinds}`].sort(),
    );
    expect(deliveries.map((d) => d.id)).not.toContain(ticketKinds);
    expect(deliveries.map((d) => d.id)).not.toContain(otherProject);
    for (const { payload } of deliveries) {
      expect(JSON.parse(payload)).toMatchObject({ incident: { id: alerts.warning.data.incidentId, projectCode: project } });
      expect(JSON.parse(payload)).not.toHaveProperty('ticket');
      expect(payload).not.toContain(DECLARED_BY);
      expect(payload).not.toContain(HANDLED_BY);
    }
  });

  it('given the three events, then each reaches exactly whom it names: the supervisors of its project, the manager on the escalation, the people it names', async () => {
    const project = newProject();
    const alerts = incidentTimerAlerts(project);
    for (const alert of Object.values(alerts)) await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), alert));
    const kindsFor = async (reader: Reader) =>
      (await notifications.page(db.dataSource.manager, reader, [], { unreadOnly: false, limit: 500 }))
        .filter((s) => s.notification.incident?.id === alerts.warning.data.incidentId)
        .map((s) => s.notification.kind)
        .sort();

    expect(await kindsFor({ sub: 's1', roles: ['supervisor'], projects: [project] })).toEqual(['incident_escalated', 'incident_sla_breached', 'incident_sla_warning']);
    expect(await kindsFor({ sub: 'm1', roles: ['manager'] })).toEqual(['incident_escalated']);
    expect(await kindsFor({ sub: 'h1', roles: ['handler'], department: 'engineering', projects: [project] })).toEqual(['incident_sla_warning']);
    expect(await kindsFor({ sub: HANDLED_BY, roles: ['handler'], department: 'engineering', projects: [project] })).toEqual([
      'incident_escalated',
      'incident_sla_breached',
      'incident_sla_warning',
    ]);
    expect(await kindsFor({ sub: 'h2', roles: ['handler'], department: 'cleaning', projects: [project] })).toEqual([]);
    expect(await kindsFor({ sub: 'a1', roles: ['agent'], projects: [project] })).toEqual([]);
    expect(await kindsFor({ sub: 'q1', roles: ['quality', 'admin'], projects: [project] })).toEqual([]);
  });

  it('given an incident of another project, then a supervisor of a different project sees it nowhere: inbox, count, by id or on the stream', async () => {
    const project = newProject();
    const alerts = incidentTimerAlerts(project);
    for (const alert of Object.values(alerts)) await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), alert));
    const elsewhere: Reader = { sub: 's-elsewhere', roles: ['supervisor', 'manager'], projects: [newProject()] };
    const ours: Reader = { sub: 's-ours', roles: ['supervisor'], projects: [project] };
    const [one] = await notifications.page(db.dataSource.manager, ours, [], { unreadOnly: false, limit: 1 });

    expect(one?.notification.incident?.projectCode).toBe(project);
    expect(await notifications.page(db.dataSource.manager, elsewhere, [], { unreadOnly: false, limit: 500 })).toEqual([]);
    expect(await notifications.unreadCount(db.dataSource.manager, elsewhere, [], 100)).toBe(0);
    expect(await notifications.find(db.dataSource.manager, one!.notification.id, elsewhere, [])).toBeUndefined();
    await db.dataSource.transaction((tx) => notifications.claimForFeed(tx, 500));
    expect(await notifications.feedAfter(db.dataSource.manager, elsewhere, [], 0, 500)).toEqual([]);
    expect((await notifications.feedAfter(db.dataSource.manager, ours, [], 0, 500)).map((s) => s.notification.kind).sort()).toEqual([
      'incident_escalated',
      'incident_sla_breached',
      'incident_sla_warning',
    ]);
  });

  it('given an incident’s notification on the live feed, then the relay carries it to the replicas with its incident', async () => {
    const alerts = incidentTimerAlerts(newProject());
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), alerts.breached));

    const claimed = (await db.dataSource.transaction((tx) => notifications.claimForFeed(tx, 500))).filter((s) => s.notification.incident?.id === alerts.breached.data.incidentId);

    expect(claimed).toHaveLength(1);
    const item = { ...claimed[0]!, feedSeq: claimed[0]!.feedSeq! };
    expect(item.notification).toMatchObject({ kind: 'incident_sla_breached', incident: { number: 'INC-20261124-0007' }, dueAt: new Date(alerts.breached.data.dueAt) });
    expect(heardOf(feedMessageOf(item))).toEqual({ item, readBefore: false });
  });

  it('given an inbox row naming a ticket and an incident both, then the table refuses it', async () => {
    await expect(
      db.dataSource.query(
        `INSERT INTO notifications (id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, incident_id, incident_number, incident_status,
           item_code, roles, project_code, occurred_at)
         VALUES ($1, $2, 'incident_sla_breached', 't', $3, 'TK-20261008-000123', 'dispatched', $4, 'INC-20261124-0007', 'open', 'repair.public_area', '{supervisor}', 'P1', now())`,
        [randomUUID(), randomUUID(), randomUUID(), randomUUID()],
      ),
    ).rejects.toThrow('notifications_subject_check');
  });
});
