import { randomUUID } from 'node:crypto';
import { CallbackCompletedV1, CallbackFailedV1, CallbackScheduledV1, EventData, EventDefinition, KnowledgeAnswerPublishedV1, TOPICS } from '@cs/contracts';
import { KafkaRecordPublisher, kafkaFromEnv, newEvent, toKafkaRecord } from '@cs/messaging';
import { ServiceProcess, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * A known set of matters driven through the intake and tickets REST APIs, callbacks published
 * as the callbacks service publishes them, and the KPIs the reporting service computed from the
 * events compared with the figures worked out by hand below.
 */
const intake = new ServiceProcess('intake', 5301);
const tickets = new ServiceProcess('tickets', 5302);
const reporting = new ServiceProcess('reporting', 5303);
const run = randomUUID().slice(0, 6);
const PROJECT = `RPT-${run}`;
const OTHER = `RPT-X-${run}`;
const A1 = `agent-1-${run}`;
const A2 = `agent-2-${run}`;
const from = new Date(Date.now() - 3_600_000).toISOString();
const to = new Date(Date.now() + 3_600_000).toISOString();

interface TicketView {
  id: string;
  status: string;
  reopenCount: number;
  escalationLevel: number;
}

let agent1: string;
let agent2: string;
let supervisor: string;
let manager: string;
let otherManager: string;
let handlerToken: string;
let admin: string;

async function openTicket(itemCode: string, token: string, channel: string, grade?: string): Promise<TicketView> {
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token,
    body: {
      channel,
      content: '来电',
      itemCode,
      ...(grade ? { grade } : {}),
      customer: { name: '测试', phone: newMobile('135'), projectCode: PROJECT },
    },
  });
  expect(contact.status).toBe(201);
  return eventually(async () => {
    const list = await callJson<{ items: TicketView[] }>(`${tickets.baseUrl}/v1/tickets?contactId=${contact.body.id}`, { token });
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0]!;
  });
}

async function act(id: string, path: string, body: object, token = supervisor): Promise<void> {
  const response = await callJson(`${tickets.baseUrl}/v1/tickets/${id}/${path}`, { token, body });
  expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status: 200 });
}

type Published = { definition: EventDefinition; subject: string; data: unknown };

/** Events of a service this test does not run, straight onto its topic. */
async function publishAs(service: 'callbacks' | 'knowledge', events: Published[]): Promise<void> {
  const publisher = new KafkaRecordPublisher(kafkaFromEnv(`e2e-reporting-${run}`));
  try {
    await publisher.publish(
      events.map((e) => toKafkaRecord(TOPICS[service], newEvent(e.definition, { source: `/cs/${service}`, subject: e.subject, data: e.data as EventData<EventDefinition> }))),
    );
  } finally {
    await publisher.disconnect();
  }
}

const publishCallbacks = (events: Published[]) => publishAs('callbacks', events);

/** Unified answers the knowledge service would have published: tickets refuses a reply citing an unknown one. */
const ANSWERS = [`ans-e2e-1-${run}`, `ans-e2e-2-${run}`];
async function publishAnswers(): Promise<void> {
  const at = new Date().toISOString();
  await publishAs(
    'knowledge',
    ANSWERS.map((answerId) => ({
      definition: KnowledgeAnswerPublishedV1,
      subject: answerId,
      data: { answerId, version: 1, title: '统一答复', projects: null, approvedBy: 'sup-e2e', at },
    })),
  );
}

/** A command citing an answer, once the tickets service has learnt of the answer. */
const actCiting = (id: string, path: string, body: object, token = supervisor) => eventually(() => act(id, path, body, token));

function callbackTask(ticketId: string, assignee: string, dueAt: string) {
  return {
    callbackId: randomUUID(),
    kind: 'ticket' as const,
    method: 'phone' as const,
    ticketId,
    customerId: randomUUID(),
    projectCode: PROJECT,
    assignee,
    dueAt,
    at: new Date().toISOString(),
    by: assignee,
  };
}

beforeAll(async () => {
  agent1 = await devToken({ roles: 'agent', sub: A1, projects: [PROJECT] });
  agent2 = await devToken({ roles: 'agent', sub: A2, projects: [PROJECT] });
  supervisor = await devToken({ roles: 'supervisor', sub: `sup-${run}`, projects: [PROJECT] });
  manager = await devToken({ roles: 'manager', sub: `mgr-${run}`, projects: [PROJECT] });
  otherManager = await devToken({ roles: 'manager', sub: `mgr-x-${run}`, projects: [OTHER] });
  handlerToken = await devToken({ roles: 'handler', sub: `handler-${run}` });
  admin = await devToken({ roles: 'admin', sub: `admin-${run}` });
  await prepareDatabaseAndTopics(['intake', 'tickets', 'reporting']);
  await Promise.all([intake.start(), tickets.start(), reporting.start()]);
});

afterAll(async () => {
  await Promise.all([intake.stop(), tickets.stop(), reporting.stop()]);
});

/**
 * - t1 (agent 1, complaint, phone): valid, dispatched, answered with a unified answer, resolved, closed;
 *   callback completed satisfied on time.
 * - t2 (agent 1, repair, wechat): dispatched unjudged, which for a repair is its valid decision (ADR 0163), replied, extended once, resolved; callback completed
 *   dissatisfied and late, which reopens it.
 * - t3 (agent 2, complaint, phone, graded major): escalated as a major complaint; callback failed.
 * - t4 (agent 2, complaint, phone): judged invalid with a unified answer (which resolves it), closed.
 * `escalated` is t3 plus any ticket the SLA timers escalated, which depends on the time of day the
 * test runs (a same-day dispatch clock opened after hours): it is taken from the tickets service.
 */
const EXPECTED = {
  received: 4,
  valid: 3,
  invalid: 1,
  outOfScope: 0,
  dispatched: 2,
  resolved: 2,
  closed: 2,
  reopened: 1,
  majorComplaints: 1,
  extensions: 1,
  resolutionRate: 2 / 4,
  firstResponseOnTimeRate: 1,
  resolutionOnTimeRate: 1,
  satisfactionRate: 1 / 2,
  callbackCompletionRate: 2 / 3,
  callbackOnTimeRate: 1 / 2,
  reopenRate: 1 / 3,
  knowledgeAnswerUsageRate: 2 / 3,
};

describe('KPIs from a known set of matters', () => {
  it('equal the hand-computed figures, per project and per agent, and are hidden from another project’s manager', async () => {
    await publishAnswers();
    const t1 = await openTicket('complaint.service_quality', agent1, 'phone');
    await act(t1.id, 'validity', { decision: 'valid' });
    await act(t1.id, 'dispatch', { department: `engineering-${run}` });
    await actCiting(t1.id, 'replies', { message: '已受理，今天处理', answerId: ANSWERS[0] }, agent1);
    await act(t1.id, 'resolve', { resolution: '已处理' });
    await act(t1.id, 'close', {});

    const t2 = await openTicket('repair.public_area', agent1, 'wechat');
    await act(t2.id, 'dispatch', { department: `engineering-${run}` });
    await act(t2.id, 'replies', { message: '师傅下午上门' }, agent1);
    await act(t2.id, 'extensions', { workingDays: 1, reason: '等待配件', customerInformedAt: new Date().toISOString() });
    await act(t2.id, 'resolve', { resolution: '已修复' });

    const t3 = await openTicket('complaint.service_quality', agent2, 'phone', 'major');
    await act(t3.id, 'validity', { decision: 'valid' });

    const t4 = await openTicket('complaint.facilities', agent2, 'phone');
    await actCiting(t4.id, 'validity', { decision: 'invalid', answerId: ANSWERS[1] });
    await act(t4.id, 'close', {});

    const soon = new Date(Date.now() + 1_800_000).toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    const c1 = callbackTask(t1.id, A1, soon);
    const c2 = callbackTask(t2.id, A1, earlier);
    const c3 = callbackTask(t3.id, A2, soon);
    const completion = (task: ReturnType<typeof callbackTask>, satisfied: boolean) => ({
      callbackId: task.callbackId,
      ticketId: task.ticketId,
      customerId: task.customerId,
      satisfied,
      satisfaction: satisfied ? 'satisfied' : 'dissatisfied',
      completedAt: new Date().toISOString(),
      by: task.assignee,
      kind: 'ticket',
      method: 'phone',
      attempts: 1,
      dueAt: task.dueAt,
      onTime: Date.now() <= Date.parse(task.dueAt),
      projectCode: PROJECT,
      assignee: task.assignee,
    });
    await publishCallbacks([
      { definition: CallbackScheduledV1, subject: c1.callbackId, data: { ...c1, attemptsAllowed: 3 } },
      { definition: CallbackCompletedV1, subject: c1.callbackId, data: completion(c1, true) },
      { definition: CallbackScheduledV1, subject: c2.callbackId, data: { ...c2, attemptsAllowed: 3 } },
      { definition: CallbackCompletedV1, subject: c2.callbackId, data: completion(c2, false) },
      { definition: CallbackScheduledV1, subject: c3.callbackId, data: { ...c3, attemptsAllowed: 3 } },
      { definition: CallbackFailedV1, subject: c3.callbackId, data: { ...c3, attempts: 3, lastOutcome: 'no_answer' } },
    ]);
    // The dissatisfied callback reopens t2 in the tickets service.
    await eventually(async () => {
      const now = (await callJson<TicketView>(`${tickets.baseUrl}/v1/tickets/${t2.id}`, { token: supervisor })).body;
      expect(now.reopenCount).toBe(1);
    });

    const views = await Promise.all([t1, t2, t3, t4].map(async (t) => (await callJson<TicketView>(`${tickets.baseUrl}/v1/tickets/${t.id}`, { token: supervisor })).body));
    const escalated = views.filter((v) => v.escalationLevel > 0).length;
    expect(escalated).toBeGreaterThanOrEqual(1);

    const query = new URLSearchParams({ from, to, project: PROJECT });
    const total = await eventually(async () => {
      const response = await callJson<{ total: Record<string, unknown> }>(`${reporting.baseUrl}/v1/kpis?${query.toString()}`, { token: manager });
      expect(response.status).toBe(200);
      expect(response.body.total).toMatchObject({ ...EXPECTED, escalated });
      return response.body.total;
    }, 60_000);
    const minutes = total['firstResponseMinutes'] as { p50: number | null; p90: number | null };
    expect(typeof minutes.p50).toBe('number');

    const byAgent = await callJson<{ groups: { key: string; received: number; callbackCompletionRate: number | null; satisfactionRate: number | null }[] }>(
      `${reporting.baseUrl}/v1/kpis?${query.toString()}&groupBy=agent`,
      { token: manager },
    );
    expect(byAgent.body.groups.map((g) => [g.key, g.received, g.callbackCompletionRate, g.satisfactionRate])).toEqual([
      [A1, 2, 1, 0.5],
      [A2, 2, 0, null],
    ]);

    const hidden = await callJson<{ total: { received: number }; groups: unknown[] }>(`${reporting.baseUrl}/v1/kpis?${query.toString()}`, { token: otherManager });
    expect(hidden.body.total.received).toBe(0);
    expect(hidden.body.groups).toEqual([]);

    expect((await callJson(`${reporting.baseUrl}/v1/kpis?${query.toString()}`, { token: agent1 })).status).toBe(403);
    expect((await callJson(`${reporting.baseUrl}/v1/kpis?${query.toString()}`, { token: handlerToken })).status).toBe(403);

    // Rebuilt from the start of the topics, the read model gives the same figures.
    const started = await callJson<{ status: string }>(`${reporting.baseUrl}/v1/projections/rebuild`, { token: admin, body: {} });
    expect(started.status).toBe(202);
    await eventually(async () => {
      const progress = await callJson<{ status: string; eventsApplied: number; eventsTotal: number }>(`${reporting.baseUrl}/v1/projections/rebuild`, { token: admin });
      expect(progress.body.status).toBe('completed');
      expect(progress.body.eventsApplied).toBeGreaterThanOrEqual(progress.body.eventsTotal);
    }, 120_000);
    const rebuilt = await callJson<{ total: Record<string, unknown> }>(`${reporting.baseUrl}/v1/kpis?${query.toString()}`, { token: manager });
    expect(rebuilt.body.total).toEqual(total);
  });
});
