import { randomUUID } from 'node:crypto';
import { OFFICE_WEEK } from '@cs/business-calendar';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';

/**
 * Tickets and SLA through the REST API: every transition and the refusal of illegal ones,
 * business calendars with 调休 and holiday weeks, promised replies, pauses and extensions, and
 * durable timers that fire once — across a restart and with two replicas.
 */
const intake = new ServiceProcess('intake', 4301);
const timerEnv = { SLA_TIMER_POLL_MS: '200' };
const tickets = new ServiceProcess('tickets', 4302, timerEnv);
const ticketsReplica = new ServiceProcess('tickets', 4303, timerEnv);
const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-${run}`;
const OTHER_PROJECT = `E2E-X-${run}`;

let admin: string;
let agent: string;
let otherAgent: string;
let handler: string;

interface Clock {
  kind: string;
  dueAt: string;
  state: string;
  pausedMinutes: number;
  breachedAt?: string;
}
interface TicketView {
  id: string;
  occurredAt: string;
  status: string;
  reopenCount: number;
  escalationLevel: number;
  clocks: Clock[];
  history: { action: string }[];
  code?: string;
}
interface Problem {
  status: number;
  code: string;
  errors?: { field: string }[];
}

const CHINA_2026 = {
  timezone: 'Asia/Shanghai',
  workingHours: OFFICE_WEEK,
  holidays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, name: '国庆节' })),
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};
const allDay = [['00:00', '24:00']];
/** Every minute is working time: SLA arithmetic in these tests does not depend on when CI runs. */
const ALWAYS = {
  timezone: 'Asia/Shanghai',
  workingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
  workingDays: [],
};
const minutes = (amount: number) => ({ amount, unit: 'minutes', basis: 'working' });

const t = (path: string) => `${tickets.baseUrl}${path}`;

async function openTicket(body: Record<string, unknown>, token = agent): Promise<TicketView> {
  const contact = await callJson<{ id: string }>(`${intake.baseUrl}/v1/contacts`, {
    token,
    body: { channel: 'phone', content: '咨询', customer: { name: '测试', phone: newMobile('136'), projectCode: PROJECT }, ...body },
  });
  expect(contact.status).toBe(201);
  return eventually(async () => {
    const list = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?contactId=${contact.body.id}`), { token: admin });
    expect(list.body.items).toHaveLength(1);
    return (await callJson<TicketView>(t(`/v1/tickets/${list.body.items[0]!.id}`), { token: admin })).body;
  });
}

async function act(id: string, action: string, body: object = {}, token = agent, headers: Record<string, string> = {}) {
  return callJson<TicketView & Problem>(t(`/v1/tickets/${id}/${action}`), { token, body, headers });
}

const clock = (ticket: TicketView, kind: string) => ticket.clocks.find((c) => c.kind === kind)!;

let originalPolicies: unknown[];

beforeAll(async () => {
  admin = await devToken({ roles: ['admin', 'supervisor'], sub: 'admin-e2e' });
  agent = await devToken({ roles: 'agent', sub: 'agent-e2e', projects: [PROJECT] });
  otherAgent = await devToken({ roles: 'agent', sub: 'agent-other', projects: [OTHER_PROJECT] });
  handler = await devToken({ roles: 'handler', sub: 'handler-e2e', department: 'engineering' });
  await prepareDatabaseAndTopics(['intake', 'tickets']);
  await Promise.all([intake.start(), tickets.start()]);

  expect((await callJson(t(`/v1/calendars/cn-2026-${run}`), { method: 'PUT', token: admin, body: CHINA_2026 })).status).toBe(201);
  expect((await callJson(t(`/v1/calendars/always-${run}`), { method: 'PUT', token: admin, body: ALWAYS })).status).toBe(201);
  const current = await callJson<{ policies: unknown[] }>(t('/v1/sla-policies'), { token: admin });
  originalPolicies = current.body.policies;
  const policies = [
    {
      id: `e2e-consult-${run}`,
      name: 'e2e consultations on the 2026 China calendar',
      match: { projects: [PROJECT], sections: ['consultation'] },
      targets: { first_response: { amount: 1, unit: 'days', basis: 'working' }, resolution: { amount: 3, unit: 'days', basis: 'working' } },
      warnAt: [75, 90],
      calendarId: `cn-2026-${run}`,
    },
    {
      id: `e2e-fast-${run}`,
      name: 'e2e: a one-minute resolution target, all day long',
      match: { projects: [PROJECT], sections: ['repair'] },
      targets: { resolution: minutes(1) },
      warnAt: [90],
      escalateToManagerAfter: minutes(1),
      calendarId: `always-${run}`,
    },
    {
      id: `e2e-slow-${run}`,
      name: 'e2e: an hour, all day long',
      match: { projects: [PROJECT], sections: ['complaint'] },
      targets: { resolution: minutes(60), first_response: minutes(30) },
      warnAt: [75, 90],
      calendarId: `always-${run}`,
    },
    ...originalPolicies,
  ];
  expect((await callJson(t('/v1/sla-policies'), { method: 'PUT', token: admin, body: { policies } })).status).toBe(200);
});

afterAll(async () => {
  await callJson(t('/v1/sla-policies'), { method: 'PUT', token: admin, body: { policies: originalPolicies } });
  await Promise.all([intake.stop(), tickets.stop(), ticketsReplica.stop()]);
});

describe('business calendars', () => {
  it.each([
    ['2026-09-30T10:00:00+08:00', 'workingDays=2', '2026-10-09T17:30:00+08:00'],
    ['2026-09-30T10:00:00+08:00', 'workingDays=3', '2026-10-10T17:30:00+08:00'],
    ['2026-09-25T10:00:00+08:00', 'workingDays=1', '2026-09-27T17:30:00+08:00'],
    ['2026-11-27T10:00:00+08:00', 'workingDays=1', '2026-11-30T17:30:00+08:00'],
    ['2026-11-24T17:25:00+08:00', 'workingMinutes=30', '2026-11-25T08:55:00+08:00'],
    ['2026-11-24T11:50:00+08:00', 'workingMinutes=20', '2026-11-24T13:40:00+08:00'],
    ['2026-09-30T16:00:00+08:00', 'workingHours=2', '2026-10-08T09:00:00+08:00'],
  ])('from %s, %s is due %s', async (from, amount, due) => {
    const response = await callJson<{ due: string }>(t(`/v1/calendars/cn-2026-${run}/add?from=${encodeURIComponent(from)}&${amount}`), { token: agent });
    expect(response.body.due).toBe(due);
  });

  it('a malformed calendar is refused naming the fields', async () => {
    const response = await callJson<Problem>(t(`/v1/calendars/bad-${run}`), {
      method: 'PUT',
      token: admin,
      body: { ...CHINA_2026, timezone: 'Mars/Olympus', workingHours: { ...CHINA_2026.workingHours, mon: [['09:00', '08:00']] } },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['timezone', 'workingHours.mon[0]']));
  });
});

describe('the ticket lifecycle', () => {
  it('walks every transition and refuses illegal ones with 409', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.service_quality' });
    expect(ticket.status).toBe('new');
    const closeEarly = await act(ticket.id, 'close');
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body.code).toBe('TICKET.ILLEGAL_TRANSITION');

    const steps: [string, object, string, string?][] = [
      ['validity', { decision: 'valid' }, 'new'],
      ['dispatch', { department: 'engineering', handler: 'handler-e2e' }, 'dispatched'],
      ['arrival', { note: '师傅已到达' }, 'in_progress'],
      ['replies', { message: '已安排师傅' }, 'in_progress'],
      ['pause', { reason: '业主不在家' }, 'awaiting_customer'],
      ['resume', {}, 'in_progress'],
      ['resolve', { resolution: '已处理' }, 'resolved'],
      ['close', {}, 'closed'],
      // Reopening a closed ticket is the supervisor's call, not the agent's.
      ['reopen', { reason: '回访不满意' }, 'in_progress', admin],
      ['resolve', { resolution: '再次处理完毕' }, 'resolved'],
    ];
    for (const [action, body, status, token] of steps) {
      if (action === 'reopen') {
        const byAgent = await act(ticket.id, action, body);
        expect([byAgent.status, byAgent.body.code]).toEqual([403, 'TICKET.NOT_ALLOWED']);
      }
      const response = await act(ticket.id, action, body, token);
      expect([action, response.status, response.body.status]).toEqual([action, 200, status]);
    }
    const final = (await callJson<TicketView>(t(`/v1/tickets/${ticket.id}`), { token: agent })).body;
    expect(final.reopenCount).toBe(1);
    expect(final.history.map((h) => h.action)).toEqual(['created', 'decide_validity', 'dispatch', 'arrive', 'reply', 'pause', 'resume', 'resolve', 'close', 'reopen', 'resolve']);
    expect((await act(ticket.id, 'arrival', {})).status).toBe(409);
    expect((await act(ticket.id, 'pause', { reason: 'x' })).status).toBe(409);
  });

  it('a handler acts on tickets of their department; another project’s agent gets 404', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.environment' });
    expect((await callJson<Problem>(t(`/v1/tickets/${ticket.id}`), { token: otherAgent })).status).toBe(404);
    expect((await act(ticket.id, 'dispatch', { department: 'x' }, otherAgent)).status).toBe(404);
    expect((await act(ticket.id, 'replies', { message: 'hi' }, handler)).status).toBe(404);
    await act(ticket.id, 'dispatch', { department: 'engineering' });
    expect((await act(ticket.id, 'replies', { message: '处理中' }, handler)).status).toBe(200);
    expect((await act(ticket.id, 'dispatch', { department: 'cleaning' }, handler)).status).toBe(403);
  });

  it('a major complaint escalates to leaders at once', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.construction_quality', grade: 'major' });
    expect(ticket.escalationLevel).toBe(1);
    const [row] = await adminQuery<{ payload: string }>(
      `SELECT payload FROM tickets.outbox WHERE message_key = $1 AND event_type = 'ticket.escalated.v1'`,
      [ticket.id],
    );
    expect(JSON.parse(row!.payload)).toMatchObject({ level: 1, reason: 'major_complaint', notify: { roles: ['supervisor', 'manager'] } });
  });

  it('a manual escalation without a level goes one level up each time; past the supervisor it is the supervisor’s call', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.facilities' });
    const first = await act(ticket.id, 'escalations', { note: '业主情绪激动' });
    const byAgent = await act(ticket.id, 'escalations', {});
    const second = await act(ticket.id, 'escalations', {}, admin);
    expect([first.body.escalationLevel, byAgent.status, second.body.escalationLevel]).toEqual([1, 403, 2]);
  });

  it('a stale If-Match is refused with 412', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.facilities' });
    const read = await callJson<TicketView>(t(`/v1/tickets/${ticket.id}`), { token: agent });
    const etag = read.headers.get('etag')!;
    expect((await act(ticket.id, 'validity', { decision: 'valid' }, agent, { 'if-match': etag })).status).toBe(200);
    expect((await act(ticket.id, 'dispatch', { department: 'engineering' }, agent, { 'if-match': etag })).status).toBe(412);
  });
});

describe('listing tickets', () => {
  it('filters, sorts by due time and pages with a cursor', async () => {
    const opened = await Promise.all([1, 2, 3].map(() => openTicket({ itemCode: 'complaint.other' })));
    await act(opened[0]!.id, 'dispatch', { department: 'cleaning' });
    const byDepartment = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?project=${PROJECT}&department=cleaning`), { token: agent });
    expect(byDepartment.body.items.map((i) => i.id)).toEqual([opened[0]!.id]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let previousDue = -Infinity;
    do {
      const page = await callJson<{ items: (TicketView & { status: string })[]; nextCursor?: string }>(
        t(`/v1/tickets?project=${PROJECT}&status=new,dispatched&sort=due&limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        { token: agent },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items) {
        expect(['new', 'dispatched']).toContain(item.status);
        const next = Math.min(...item.clocks.filter((c) => c.state === 'running').map((c) => Date.parse(c.dueAt)));
        if (Number.isFinite(next)) {
          expect(next).toBeGreaterThanOrEqual(previousDue);
          previousDue = next;
        }
        seen.push(item.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const ticket of opened) expect(seen).toContain(ticket.id);

    const others = await callJson<{ items: TicketView[] }>(t(`/v1/tickets?project=${PROJECT}`), { token: otherAgent });
    expect(others.body.items).toHaveLength(0);
    expect((await callJson<Problem>(t('/v1/tickets?cursor=garbage'), { token: agent })).body.errors?.[0]?.field).toBe('cursor');
  });
});

describe('SLA clocks', () => {
  it('a consultation promised 2 working days is due as its calendar counts them from when it was received (the National Day case is the calendar’s, above)', async () => {
    // Received an hour ago: intake refuses a contact dated further back than it records late ones.
    const ticket = await openTicket({ itemCode: 'consultation.property_service', promisedReply: '2d', occurredAt: new Date(Date.now() - 3_600_000).toISOString() });
    const expected = async (amount: string) =>
      (await callJson<{ due: string }>(t(`/v1/calendars/cn-2026-${run}/add?from=${encodeURIComponent(ticket.occurredAt)}&${amount}`), { token: agent })).body.due;
    expect(Date.parse(clock(ticket, 'first_response').dueAt)).toBe(Date.parse(await expected('workingDays=2')));
    expect(Date.parse(clock(ticket, 'resolution').dueAt)).toBe(Date.parse(await expected('workingDays=3')));
  });

  it('a reply promised later with POST /promise sets the first-response deadline; more than 3 working days is refused', async () => {
    const ticket = await openTicket({ itemCode: 'consultation.daily_life' });
    const expected = async (amount: string) =>
      (await callJson<{ due: string }>(t(`/v1/calendars/cn-2026-${run}/add?from=${encodeURIComponent(ticket.occurredAt)}&${amount}`), { token: agent })).body.due;
    expect(Date.parse(clock(ticket, 'first_response').dueAt)).toBe(Date.parse(await expected('workingDays=1')));
    const promised = await act(ticket.id, 'promise', { tier: '3d' });
    expect(promised.status).toBe(200);
    expect(Date.parse(clock(promised.body, 'first_response').dueAt)).toBe(Date.parse(await expected('workingDays=3')));
    const tooLong = await act(ticket.id, 'promise', { tier: '5d' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors?.[0]?.field).toBe('tier');
  });

  it('pausing moves the deadline by the paused time; an extension by exactly its amount', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.repair' });
    await act(ticket.id, 'dispatch', { department: 'engineering' });
    const before = Date.parse(clock((await act(ticket.id, 'replies', { message: 'x' })).body, 'resolution').dueAt);
    await act(ticket.id, 'pause', { reason: '等待业主确认' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const resumed = (await act(ticket.id, 'resume')).body;
    const paused = clock(resumed, 'resolution');
    const shifted = Date.parse(paused.dueAt) - before;
    expect(shifted).toBeGreaterThanOrEqual(3_000);
    expect(Math.abs(shifted - paused.pausedMinutes * 60_000)).toBeLessThan(1_000);

    const extended = await act(ticket.id, 'extensions', { workingHours: 2, reason: '需要厂家配件', customerInformedAt: new Date().toISOString() });
    expect(extended.status).toBe(200);
    expect(Date.parse(clock(extended.body, 'resolution').dueAt) - Date.parse(paused.dueAt)).toBe(2 * 3_600_000);
    expect((await act(ticket.id, 'extensions', { workingDays: 1, workingHours: 1, reason: 'x', customerInformedAt: new Date().toISOString() })).status).toBe(422);
  });

  it('a ticket left alone breaches and escalates at the computed time, once, across a restart and two replicas', async () => {
    await ticketsReplica.start();
    // Recorded as calls that came in 44 s ago (entered late): the clocks count from then, so the
    // one-minute target is due in 16 s and the escalation to the manager, a minute after the
    // breach, in 76 s. The warning at 90 % comes in 10 s: opening the three and stopping one
    // replica take about 3 s, so nothing is due before it is down.
    const occurredAt = new Date(Date.now() - 44_000).toISOString();
    const opened = await Promise.all([1, 2, 3].map(() => openTicket({ itemCode: 'repair.public_area', occurredAt })));
    // One replica goes down before anything is due and comes back after: its timers must not be lost or doubled.
    await tickets.stop();
    // Back once the replica left running has breached all three; the manager's escalation is still a minute off.
    await eventually(
      async () => {
        const [row] = await adminQuery<{ n: number }>(
          `SELECT count(DISTINCT message_key)::int AS n FROM tickets.outbox WHERE message_key = ANY($1::text[]) AND event_type = 'sla.breached.v1'`,
          [opened.map((o) => o.id)],
        );
        expect(row!.n).toBe(opened.length);
      },
      60_000,
      500,
    );
    await tickets.start();
    await eventually(
      async () => {
        for (const ticket of opened) {
          const rows = await adminQuery<{ event_type: string; n: number }>(
            `SELECT event_type, count(*)::int AS n FROM tickets.outbox WHERE message_key = $1
               AND event_type IN ('sla.warning.v1', 'sla.breached.v1', 'ticket.escalated.v1') GROUP BY 1 ORDER BY 1`,
            [ticket.id],
          );
          expect(rows).toEqual([
            { event_type: 'sla.breached.v1', n: 1 },
            { event_type: 'sla.warning.v1', n: 1 },
            { event_type: 'ticket.escalated.v1', n: 2 },
          ]);
        }
      },
      150_000,
      1_000,
    );
    for (const ticket of opened) {
      const now = (await callJson<TicketView>(t(`/v1/tickets/${ticket.id}`), { token: admin })).body;
      const resolution = clock(now, 'resolution');
      expect(resolution.state).toBe('breached');
      expect(resolution.breachedAt).toBe(resolution.dueAt);
      expect(now.escalationLevel).toBe(2);
      const [levels] = await adminQuery<{ levels: number[] }>(
        `SELECT array_agg((payload::jsonb ->> 'level')::int ORDER BY seq) AS levels FROM tickets.outbox
          WHERE message_key = $1 AND event_type = 'ticket.escalated.v1'`,
        [ticket.id],
      );
      expect(levels!.levels).toEqual([1, 2]);
    }
  });

  it('a dissatisfied callback reopens the ticket', async () => {
    const ticket = await openTicket({ itemCode: 'complaint.other' });
    await act(ticket.id, 'resolve', { resolution: '已处理' });
    const { KafkaRecordPublisher, kafkaFromEnv, newEvent, toKafkaRecord } = await import('@cs/messaging');
    const { CallbackCompletedV1, TOPICS } = await import('@cs/contracts');
    // In the services' namespace (KAFKA_TOPIC_PREFIX): without it the event would reach another copy of the platform.
    const kafka = kafkaFromEnv('e2e-callbacks');
    const publisher = new KafkaRecordPublisher(kafka);
    const completed = newEvent(CallbackCompletedV1, {
      source: '/cs/callbacks',
      subject: randomUUID(),
      data: {
        callbackId: randomUUID(),
        ticketId: ticket.id,
        customerId: randomUUID(),
        satisfied: false,
        comment: '问题依旧',
        completedAt: new Date().toISOString(),
        by: 'agent-callback',
      },
    });
    await publisher.publish([toKafkaRecord(TOPICS.callbacks, completed)]);
    await publisher.disconnect();
    await eventually(async () => {
      const now = (await callJson<TicketView>(t(`/v1/tickets/${ticket.id}`), { token: admin })).body;
      expect(now).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    });
  });
});
