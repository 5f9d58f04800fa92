import { randomUUID } from 'node:crypto';
import { CallbackScheduledV1, EventData, IncidentUpdatedV1, ReportGeneratedV1, validateEventData } from '@cs/contracts';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, eventually, throwawaySchema } from '@cs/testing';
import type { Reader } from '../domain/audience';
import { WebhookKind, incidentUpdateMessagesOf, questionnaireMessageOf, reportMessageOf } from '../domain/outbound-message';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { DeliverWebhooks } from './deliver-webhooks';
import { RecordOutboundMessage } from './record-outbound-message';

const SECRET = 'whsec_outbound-test';
/** The events below happen on 2026-10-08; their links expire a week later. */
const NOW = new Date('2026-10-08T03:00:00.000Z');

let db: ThrowawaySchema;
let receiver: WebhookReceiver;
let base: string;
let worker: DeliverWebhooks;
const notifications = new NotificationRepository();
const subscriptions = new WebhookSubscriptionRepository();
const deliveries = new WebhookDeliveryRepository();
const record = new RecordOutboundMessage(notifications, subscriptions, deliveries);

function questionnaireCallback(projectCode: string | undefined): EventData<typeof CallbackScheduledV1> {
  const callbackId = randomUUID();
  const data: EventData<typeof CallbackScheduledV1> = {
    callbackId,
    kind: 'ticket',
    method: 'questionnaire',
    ticketId: randomUUID(),
    customerId: randomUUID(),
    ...(projectCode ? { projectCode } : {}),
    dueAt: '2026-10-10T02:00:00.000Z',
    at: '2026-10-08T02:00:00.000Z',
    by: 'system',
    attemptsAllowed: 1,
    questionnaire: { url: `https://survey.example.com/q/${callbackId}?sig=abc`, expiresAt: '2026-10-15T02:00:00.000Z' },
  };
  expect(validateEventData(CallbackScheduledV1, data)).toEqual([]);
  return data;
}

function monthlyReport(): EventData<typeof ReportGeneratedV1> {
  const reportId = randomUUID();
  const data: EventData<typeof ReportGeneratedV1> = {
    reportId,
    kind: 'monthly',
    period: '2026-10',
    from: '2026-09-30T16:00:00.000Z',
    to: '2026-10-31T16:00:00.000Z',
    generatedAt: '2026-11-02T01:00:00.000Z',
    url: `/v1/reports/${reportId}`,
    formats: ['application/json', 'text/csv'],
    headline: { received: 120, resolutionRate: 0.9, satisfactionRate: 0.85, callbackCompletionRate: 0.7, majorComplaints: 2 },
  };
  expect(validateEventData(ReportGeneratedV1, data)).toEqual([]);
  return data;
}

async function subscribe(path: string, eventTypes: WebhookKind[], projectCode?: string): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await db.dataSource.transaction((tx) =>
    subscriptions.insert(
      tx,
      { id, name: path, url: `${base}${path}`, eventTypes, ...(projectCode ? { projectCode } : {}), active: true, createdBy: 'admin', createdAt: now, updatedAt: now },
      SECRET,
    ),
  );
  return id;
}

async function deliveriesOf(subjectId: string): Promise<{ subscription: string; event_type: string; status: string; payload: string }[]> {
  return (await db.dataSource.query(
    `SELECT d.subscription_id::text AS subscription, d.event_type, d.status, d.payload
       FROM webhook_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.subject_id = $1`,
    [subjectId],
  )) as { subscription: string; event_type: string; status: string; payload: string }[];
}

beforeAll(async () => {
  db = await throwawaySchema('notifications_outbound', MIGRATIONS);
  receiver = new WebhookReceiver(SECRET);
  base = await receiver.start();
  const config = loadServiceConfig('notifications', { NODE_ENV: 'test', NOTIFICATION_DELIVERY_TIMEOUT_MS: '2000' });
  worker = new DeliverWebhooks(db.dataSource, deliveries, createLogger('notifications', 'silent'), config);
});

afterAll(async () => {
  await receiver?.stop();
  await db?.drop();
});

describe('questionnaire links and reports for webhook subscribers, against Postgres', () => {
  it('given a questionnaire callback handled twice, then one message and one delivery per subscription of that kind and project', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    const ofProject = await subscribe('/sms-project', ['callback_questionnaire'], project);
    const everywhere = await subscribe('/sms-all', ['callback_questionnaire']);
    await subscribe('/sms-other', ['callback_questionnaire'], 'ELSEWHERE');
    await subscribe('/alerts', ['major_complaint'], project);
    const data = questionnaireCallback(project);
    const eventId = randomUUID();

    for (let i = 0; i < 2; i++) await db.dataSource.transaction((tx) => record.execute(tx, eventId, questionnaireMessageOf(randomUUID(), data, NOW)!));

    const found = await deliveriesOf(data.callbackId);
    expect(found.map((d) => d.subscription).sort()).toEqual([ofProject, everywhere].sort());
    expect(found.every((d) => d.event_type === 'callback_questionnaire' && d.status === 'pending')).toBe(true);
    expect(JSON.parse(found[0]!.payload)).toEqual({
      id: expect.any(String),
      kind: 'callback_questionnaire',
      title: '回访问卷链接',
      callbackId: data.callbackId,
      customerId: data.customerId,
      projectCode: project,
      method: 'questionnaire',
      url: data.questionnaire!.url,
      expiresAt: data.questionnaire!.expiresAt,
      occurredAt: data.at,
    });
  });

  it('given a company-wide report, then only unrestricted subscriptions of that kind receive it', async () => {
    const everywhere = await subscribe('/reports-all', ['report_generated', 'major_complaint']);
    await subscribe('/reports-project', ['report_generated'], 'P1');
    await subscribe('/questionnaires', ['callback_questionnaire']);
    const data = monthlyReport();

    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), reportMessageOf(randomUUID(), data)));

    const found = await deliveriesOf(data.reportId);
    expect(found.map((d) => d.subscription)).toEqual([everywhere]);
    expect(JSON.parse(found[0]!.payload)).toMatchObject({
      kind: 'report_generated',
      title: '月报 2026-10',
      reportId: data.reportId,
      reportKind: 'monthly',
      period: '2026-10',
      url: data.url,
      links: [
        { href: data.url, accept: 'application/json' },
        { href: data.url, accept: 'text/csv' },
      ],
      headline: data.headline,
    });
  });

  it('given outbound messages, then no staff inbox, unread count or live feed sees them', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), questionnaireMessageOf(randomUUID(), questionnaireCallback(project), NOW)!));
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), reportMessageOf(randomUUID(), monthlyReport())));
    const everyone: Reader = { sub: 'boss', roles: ['supervisor', 'manager', 'agent', 'admin'] };

    expect(await notifications.page(db.dataSource.manager, everyone, [], { unreadOnly: false, limit: 500 })).toEqual([]);
    expect(await notifications.unreadCount(db.dataSource.manager, everyone, [], 100)).toBe(0);
    expect(await db.dataSource.transaction((tx) => notifications.claimForFeed(tx, 500))).toEqual([]);
    expect(await notifications.feedAfter(db.dataSource.manager, everyone, [], 0, 500)).toEqual([]);
  });

  it('given a staff alert about neither a ticket nor an incident, then the table refuses it', async () => {
    await expect(
      db.dataSource.query(`INSERT INTO notifications (id, source_event_id, kind, title, roles, occurred_at) VALUES ($1, $2, 'major_complaint', 't', '{supervisor}', now())`, [
        randomUUID(),
        randomUUID(),
      ]),
    ).rejects.toThrow('notifications_subject_check');
  });

  it('given pending messages of both kinds, then the delivery worker POSTs each once, signed, with its kind in X-CS-Event', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    const gateway = await subscribe('/gateway', ['callback_questionnaire', 'report_generated']);
    const callback = questionnaireCallback(project);
    const report = monthlyReport();
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), questionnaireMessageOf(randomUUID(), callback, NOW)!));
    await db.dataSource.transaction((tx) => record.execute(tx, randomUUID(), reportMessageOf(randomUUID(), report)));

    const received = await eventually(async () => {
      await worker.deliverDue();
      const atGateway = receiver.received.filter((r) => r.path === '/gateway');
      expect(atGateway).toHaveLength(2);
      return atGateway;
    });

    const byKind = new Map(received.map((r) => [r.event, JSON.parse(r.body) as Record<string, unknown>]));
    expect(received.every((r) => r.valid)).toBe(true);
    expect(byKind.get('callback_questionnaire')).toMatchObject({ callbackId: callback.callbackId, customerId: callback.customerId, url: callback.questionnaire!.url });
    expect(byKind.get('report_generated')).toMatchObject({ reportId: report.reportId, period: '2026-10' });
    const log = (await db.dataSource.query('SELECT id::text, status FROM webhook_deliveries WHERE subscription_id = $1', [gateway])) as { id: string; status: string }[];
    expect(log.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(log.map((d) => d.id).sort()).toEqual(received.map((r) => r.delivery).sort());
  });
});

describe('an incident’s update for the customers who called about it, against Postgres', () => {
  function update(projectCode: string, customers: number): EventData<typeof IncidentUpdatedV1> {
    const data: EventData<typeof IncidentUpdatedV1> = {
      incidentId: randomUUID(),
      number: 'INC-20261008-0001',
      status: 'open',
      projectCode,
      building: '3',
      itemCode: 'repair.public_area',
      at: '2026-10-08T02:30:00.000Z',
      by: 'supervisor-1',
      updateId: randomUUID(),
      sequence: 1,
      title: '3栋1号电梯停运',
      message: '维保单位已到场，预计 16:00 恢复',
      expectedRestoreAt: '2026-10-08T08:00:00.000Z',
      recipients: Array.from({ length: customers }, () => ({ customerId: randomUUID(), ticketId: randomUUID() })),
    };
    expect(validateEventData(IncidentUpdatedV1, data)).toEqual([]);
    return data;
  }
  const recordAll = (eventId: string, data: EventData<typeof IncidentUpdatedV1>) =>
    db.dataSource.transaction((tx) => record.executeAll(tx, incidentUpdateMessagesOf(eventId, data, randomUUID)));

  it('given an update naming a thousand customers handled twice, then each customer’s message goes once to the project’s subscription', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    const ofProject = await subscribe('/wechat-project', ['incident_update'], project);
    const data = update(project, 1000);
    const eventId = randomUUID();

    await recordAll(eventId, data);
    await recordAll(eventId, data);

    const found = await deliveriesOf(data.incidentId);
    expect(found.filter((d) => d.subscription === ofProject)).toHaveLength(1000);
    expect(new Set(found.map((d) => (JSON.parse(d.payload) as { customerId: string }).customerId)).size).toBe(1000);
  });

  it('given an update naming 3 customers handled twice, then each customer’s message goes once to each subscription of the project or of every project', async () => {
    const project = `P-${randomUUID().slice(0, 6)}`;
    const ofProject = await subscribe('/wechat-project', ['incident_update'], project);
    const everywhere = await subscribe('/wechat-all', ['incident_update', 'callback_questionnaire']);
    await subscribe('/wechat-other', ['incident_update'], 'ELSEWHERE');
    await subscribe('/questionnaires-only', ['callback_questionnaire'], project);
    const data = update(project, 3);
    const eventId = randomUUID();

    await recordAll(eventId, data);
    await recordAll(eventId, data);

    const found = await deliveriesOf(data.incidentId);
    expect(found).toHaveLength(6);
    expect(found.filter((d) => d.subscription === ofProject)).toHaveLength(3);
    expect(found.filter((d) => d.subscription === everywhere)).toHaveLength(3);
    const bodies = found.filter((d) => d.subscription === ofProject).map((d) => JSON.parse(d.payload) as Record<string, unknown>);
    expect(bodies.map((b) => b['customerId']).sort()).toEqual(data.recipients.map((r) => r.customerId).sort());
    expect(bodies[0]).toEqual({
      id: expect.any(String),
      kind: 'incident_update',
      title: '3栋1号电梯停运',
      incidentId: data.incidentId,
      number: data.number,
      updateId: data.updateId,
      sequence: 1,
      customerId: expect.any(String),
      ticketId: data.recipients.find((r) => r.customerId === bodies[0]!['customerId'])!.ticketId,
      projectCode: project,
      building: '3',
      itemCode: 'repair.public_area',
      message: data.message,
      expectedRestoreAt: data.expectedRestoreAt,
      occurredAt: data.at,
    });
  });
});
