import { randomUUID } from 'node:crypto';
import { OFFICE_WEEK, parseCalendar } from '@cs/business-calendar';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET, Role, actorIdOf, signDevToken } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { installRequestInput } from '@cs/platform';
import { createRedisClient, destroyRedisClient } from '@cs/persistence';
import { InjectOptions, InjectedResponse, ThrowawaySchema, buildHttpTestApp, eventually, injectJson, throwawaySchema } from '@cs/testing';
import { BusinessCalendars } from '../application/business-calendars';
import { PublishedAnswers } from '../application/published-answers';
import { FireOpinionDeadlines } from '../application/fire-opinion-deadlines';
import { MergeTickets } from '../application/merge-tickets';
import { ReopenOnCallback } from '../application/reopen-on-callback';
import { RunTicketCommand } from '../application/run-ticket-command';
import { DEFAULT_POLICIES } from '../domain/sla-policy';
import type { Actor } from '../domain/ticket-access';
import { Ticket, openTicket } from '../domain/ticket';
import { startClocks } from '../domain/ticket-sla';
import { MIGRATIONS } from '../infrastructure/migrations';
import { OpinionDeadlineRepository } from '../infrastructure/opinion-deadline.repository';
import { PublishedAnswersRepository } from '../infrastructure/published-answers.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { dueWorkFailures } from '../testing/due-work';
import { ticketRouteProviders } from '../testing/ticket-route-providers';
import { ComplaintResearchController } from './complaint-research.controller';
import { SuggestionsController } from './suggestions.controller';
import { TicketMergesController } from './ticket-merges.controller';
import { TicketsController } from './tickets.controller';

let db: ThrowawaySchema;
let app: NestFastifyApplication;
// Presence is shown on GET /v1/tickets/{id}; this suite never connects it, so it is empty.
const redis = createRedisClient('redis://127.0.0.1:1', 'tickets-http');
const seeded: Ticket[] = [];

function newTicket(at: Date, itemCode = 'complaint.service_quality'): Ticket {
  return openTicket({
    id: randomUUID(),
    number: `TK-20261124-${String(seeded.length + 1).padStart(6, '0')}`,
    contactId: randomUUID(),
    customerId: randomUUID(),
    customerName: '张*',
    channel: 'phone',
    itemCode,
    unit: { projectCode: 'P001' },
    ownerId: 'agent-1',
    at,
  });
}

async function seedTicket(at: Date, change: Partial<Ticket> = {}): Promise<Ticket> {
  const ticket: Ticket = { ...newTicket(at), ...change };
  await app.get(TicketRepository).insert(db.dataSource.manager, ticket, undefined);
  seeded.push(ticket);
  return ticket;
}

beforeAll(async () => {
  db = await throwawaySchema('tickets_http', MIGRATIONS);
  // The platform's real request parsing, auth guard and problem filter.
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [TicketsController, SuggestionsController, ComplaintResearchController, TicketMergesController],
    providers: [...ticketRouteProviders(db, redis, 'tickets-routes'), BusinessCalendars, ReopenOnCallback, PublishedAnswersRepository, PublishedAnswers, MergeTickets],
    configure: installRequestInput,
  });
  for (const minutes of [1, 2, 3]) await seedTicket(new Date(Date.UTC(2026, 10, 24, 1, minutes)));
});

afterAll(async () => {
  await app?.close();
  destroyRedisClient(redis);
  await db?.drop();
});

const call = (method: 'GET' | 'POST', url: string, options?: InjectOptions) => injectJson(app, method, url, options);
const statusOf = async (id: string) => (await app.get(TicketRepository).find(db.dataSource.manager, id))?.status;
const tampered = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectFieldError(response: InjectedResponse, code: string, field: string): void {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
}

describe('GET /v1/tickets cursors', () => {
  it('given the cursor of a page, when reading on, then the next page follows it', async () => {
    const first = await call('GET', '/v1/tickets?limit=2', { role: 'agent' });
    expect(first.status).toBe(200);
    const cursor = String(first.body['nextCursor']);
    const next = await call('GET', `/v1/tickets?limit=2&cursor=${cursor}`, { role: 'agent' });
    expect(next.status).toBe(200);
    expect((next.body['items'] as { id: string }[]).map((t) => t.id)).toEqual([seeded[0]!.id]);
    // Read in another order, the page's cursor would start from a key of another column.
    expectFieldError(await call('GET', `/v1/tickets?limit=2&sort=due&cursor=${cursor}`, { role: 'agent' }), 'TICKET.BAD_CURSOR', 'cursor');
  });

  it.each([
    ['year 0', tampered({ k: '0000-01-01T00:00:00.000Z', id: randomUUID() })],
    ['a signed six-digit year', tampered({ k: '-271821-04-20T00:00:00.000Z', id: randomUUID() })],
  ])('given a cursor whose key is %s, which Postgres cannot read, then it is 400 naming cursor, not 500', async (_case, cursor) => {
    expectFieldError(await call('GET', `/v1/tickets?cursor=${cursor}`, { role: 'agent' }), 'TICKET.BAD_CURSOR', 'cursor');
  });

  it.each([
    ['an id that is not a UUID', 'created', tampered({ k: '2026-11-24T01:02:00.000Z', id: 'not-a-uuid' })],
    ['a key that is not a timestamp', 'created', tampered({ k: 'soon', id: randomUUID() })],
    ['a key that is not a timestamp', 'due', tampered({ k: '2026-02-30T00:00:00.000Z', id: randomUUID() })],
    ['bytes that are not JSON', 'due', 'AAAA'],
  ])('given a cursor with %s (sort=%s), when listing, then it is 400 TICKET.BAD_CURSOR naming cursor', async (_case, sort, cursor) => {
    expectFieldError(await call('GET', `/v1/tickets?sort=${sort}&cursor=${cursor}`, { role: 'agent' }), 'TICKET.BAD_CURSOR', 'cursor');
  });
});

describe('crafted request bodies', () => {
  it('given a reply nested 4,000 deep, then it is 400 naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/v1/tickets/${seeded[0]!.id}/replies`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signDevToken({ roles: 'agent', sub: 'agent-1' }, DEV_JWT_SECRET)}` },
      payload: `{"message":${'['.repeat(4_000)}${']'.repeat(4_000)}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [expect.objectContaining({ field: expect.stringMatching(/^message\[0\]/) })] });
  });

  it('given a lone surrogate in a reply, then it is 400 naming the field and the ticket is unchanged', async () => {
    const response = await call('POST', `/v1/tickets/${seeded[0]!.id}/replies`, { role: 'agent', body: { message: 'ok \ud800' } });
    expectFieldError(response, 'VALIDATION.FAILED', 'message');
    expect((await app.get(TicketRepository).find(db.dataSource.manager, seeded[0]!.id))?.version).toBe(1);
  });
});

describe('what each role may do to a ticket', () => {
  it('given a ticket with the supervisor, when an agent takes it to the leaders, then it is 403 TICKET.NOT_ALLOWED', async () => {
    const ticket = await seedTicket(new Date(), { escalationLevel: 1, status: 'in_progress' });
    const { status, headers, body } = await call('POST', `/v1/tickets/${ticket.id}/escalations`, { role: 'agent', body: {} });
    expect(status).toBe(403);
    expect(headers['content-type']).toContain('application/problem+json');
    expect(body).toMatchObject({ code: 'TICKET.NOT_ALLOWED', detail: 'your role may not escalate this ticket to level 2' });
    const bySupervisor = await call('POST', `/v1/tickets/${ticket.id}/escalations`, { role: 'supervisor', body: {} });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body['escalationLevel']).toBe(2);
  });

  it('given a closed ticket, when an agent reopens it, then it is 403; a supervisor reopens it', async () => {
    const ticket = await seedTicket(new Date(), { status: 'closed', resolution: 'fixed', resolvedAt: new Date(), closedAt: new Date() });
    const byAgent = await call('POST', `/v1/tickets/${ticket.id}/reopen`, { role: 'agent', body: { reason: '客户再次来电' } });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body).toMatchObject({ code: 'TICKET.NOT_ALLOWED', detail: 'your role may not reopen a closed ticket' });
    expect(await statusOf(ticket.id)).toBe('closed');
    const bySupervisor = await call('POST', `/v1/tickets/${ticket.id}/reopen`, { role: 'supervisor', body: { reason: '客户再次来电' } });
    expect(bySupervisor.status).toBe(200);
    expect(await statusOf(ticket.id)).toBe('in_progress');
  });

  it('given a closed ticket, when the customer is dissatisfied at the callback, then it is reopened', async () => {
    const ticket = await seedTicket(new Date(), { status: 'closed', resolution: 'fixed', resolvedAt: new Date(), closedAt: new Date() });
    const completedAt = new Date().toISOString();
    await db.dataSource.transaction((tx) =>
      app.get(ReopenOnCallback).handle(
        {
          id: randomUUID(),
          type: 'callback.completed.v1',
          source: '/cs/callbacks',
          subject: randomUUID(),
          time: completedAt,
          data: { callbackId: randomUUID(), ticketId: ticket.id, customerId: ticket.customerId, satisfied: false, completedAt, by: 'agent-7' },
        },
        tx,
      ),
    );
    expect(await statusOf(ticket.id)).toBe('in_progress');
  });
});

describe('the consultation reply cap', () => {
  const consultationPolicy = DEFAULT_POLICIES.find((p) => p.id === 'consultation')!;
  async function consultation(): Promise<Ticket> {
    const opened = newTicket(new Date(), 'consultation.property_service');
    return seedTicket(opened.createdAt, { ...opened, status: 'in_progress', policyId: consultationPolicy.id, clocks: startClocks(consultationPolicy, opened, parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK })) });
  }
  const extension = (clock: string, extra: object = {}) => ({
    clock,
    workingDays: 6,
    reason: '需法务部出具意见',
    customerInformedAt: new Date().toISOString(),
    ...extra,
  });
  const exception = { exception: { reason: '历史遗留问题，经主管批准，客户电话 13812345678 已告知' } };

  it('given a consultation, when its first reply is extended past 3 working days without approval, then it is 422 naming the field and the cap', async () => {
    const ticket = await consultation();
    const { status, headers, body } = await call('POST', `/v1/tickets/${ticket.id}/extensions`, { role: 'agent', body: extension('first_response') });
    expect(status).toBe(422);
    expect(headers['content-type']).toContain('application/problem+json');
    expect(body).toMatchObject({
      code: 'TICKET.CAP_EXCEEDED',
      errors: [expect.objectContaining({ field: 'workingDays' })],
      cap: 'consultation_reply',
      limit: { amount: 3, unit: 'days', basis: 'working' },
      exceptionAllowed: true,
    });
  });

  it('given a consultation, when an agent sends an exception, then it is 403 naming the field: only a supervisor approves one', async () => {
    const ticket = await consultation();
    const { status, body } = await call('POST', `/v1/tickets/${ticket.id}/extensions`, { role: 'agent', body: extension('first_response', exception) });
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: 'TICKET.NOT_ALLOWED', errors: [expect.objectContaining({ field: 'exception' })] });
  });

  it("given the resolution was extended, when a supervisor approves an exception, then the reply moves and history keeps the redacted reason", async () => {
    const ticket = await consultation();
    expect((await call('POST', `/v1/tickets/${ticket.id}/extensions`, { role: 'supervisor', body: extension('resolution') })).status).toBe(200);
    const { status, body } = await call('POST', `/v1/tickets/${ticket.id}/extensions`, { role: 'supervisor', body: extension('first_response', exception) });
    expect(status).toBe(200);
    const history = body['history'] as { action: string; details: { capException?: { reason: string; approvedBy: string } } }[];
    const recorded = history.find((h) => h.action === 'extend' && h.details.capException)?.details.capException;
    expect(recorded?.approvedBy).toBeTruthy();
    expect(recorded?.reason).toContain('经主管批准');
    expect(recorded?.reason).not.toContain('13812345678');
  });
});

/** A token with the claims a test needs: projects, a department, its own user id. */
async function as(claims: Omit<Actor, 'roles'> & { roles: Role[] }): Promise<Record<string, string>> {
  const token = await signDevToken({ sub: claims.sub, roles: claims.roles, ...(claims.department ? { department: claims.department } : {}), ...(claims.projects ? { projects: [...claims.projects] } : {}) }, DEV_JWT_SECRET);
  return { authorization: `Bearer ${token}` };
}
const ids = (response: InjectedResponse) => (response.body['items'] as { id: string }[]).map((t) => t.id).sort();
const outboxTypes = async (ticketId: string) =>
  ((await db.dataSource.query(`SELECT event_type FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [ticketId])) as { event_type: string }[]).map((r) => r.event_type);

describe('queues: GET /v1/tickets filters and GET /v1/tickets/counts', () => {
  const now = Date.now();
  const minutes = (n: number) => new Date(now + n * 60_000);
  const queue: Record<string, Ticket> = {};

  async function seedQueued(name: string, project: string, change: Partial<Ticket>, nextDueAt?: Date): Promise<void> {
    const ticket = await seedTicket(new Date(now - 60 * 60_000), { unit: { projectCode: project }, ...change });
    await app.get(TicketRepository).update(db.dataSource.manager, ticket, nextDueAt);
    queue[name] = ticket;
  }

  beforeAll(async () => {
    await seedQueued('overdueMajor', 'Q-A', { grade: 'major', escalationLevel: 1, ownerId: 'agent-q', status: 'in_progress', department: 'eng', handler: 'h-q' }, minutes(-10));
    await seedQueued('dueSoon', 'Q-A', { ownerId: 'agent-q2', status: 'dispatched', department: 'eng', handler: 'sup-q' }, minutes(30));
    await seedQueued('mineLater', 'Q-A', { escalationLevel: 2, ownerId: 'sup-q', status: 'new' }, minutes(300));
    await seedQueued('resolved', 'Q-A', { status: 'resolved', ownerId: 'agent-q' });
    await seedQueued('otherProject', 'Q-B', { grade: 'major', escalationLevel: 1, ownerId: 'agent-q', status: 'in_progress', handler: 'h-q' }, minutes(-10));
  });

  const supervisorOfA = () => as({ sub: 'sup-q', roles: ['supervisor'], projects: ['Q-A'] });
  const list = async (query: string) => call('GET', `/v1/tickets?${query}`, { headers: await supervisorOfA() });

  it.each([
    ['grade=major', ['overdueMajor']],
    ['escalationLevel=1', ['overdueMajor']],
    ['escalationLevel=2', ['mineLater']],
    ['owner=agent-q', ['overdueMajor', 'resolved']],
    ['handler=h-q', ['overdueMajor']],
    ['overdue=true', ['overdueMajor']],
    ['overdue=false&status=new,dispatched', ['dueSoon', 'mineLater']],
    ['dueWithinMinutes=60', ['dueSoon']],
    ['dueWithinMinutes=600', ['dueSoon', 'mineLater']],
    ['mine=true', ['dueSoon', 'mineLater']],
    ['mine=true&escalationLevel=2', ['mineLater']],
  ])('given tickets in two projects, when a supervisor of one lists ?%s, then only that project’s matching tickets come back', async (query, expected) => {
    const response = await list(query);
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(expected.map((name) => queue[name]!.id).sort());
  });

  it('given the same tickets, when the supervisor counts the queue, then every status, grade and level is tallied within the project', async () => {
    const response = await call('GET', '/v1/tickets/counts?project=Q-A', { headers: await supervisorOfA() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      total: 4,
      byStatus: { new: 1, dispatched: 1, in_progress: 1, awaiting_customer: 0, resolved: 1, closed: 0 },
      byGrade: { general: 3, major: 1 },
      byEscalationLevel: { '0': 2, '1': 1, '2': 1 },
    });
    const overdue = await call('GET', '/v1/tickets/counts?overdue=true', { headers: await supervisorOfA() });
    expect(overdue.body).toMatchObject({ total: 1, byGrade: { major: 1 } });
  });

  it('given a queue of another project, when its own agent counts major ones, then only that project’s ticket is counted', async () => {
    const response = await call('GET', '/v1/tickets/counts?grade=major', { headers: await as({ sub: 'agent-b', roles: ['agent'], projects: ['Q-B'] }) });
    expect(response.body).toMatchObject({ total: 1, byStatus: { in_progress: 1 } });
  });

  it('given a handler, when counting, then only the department’s tickets are counted', async () => {
    const response = await call('GET', '/v1/tickets/counts', { headers: await as({ sub: 'h-q', roles: ['handler'], department: 'eng' }) });
    expect(response.body).toMatchObject({ total: 2, byStatus: { in_progress: 1, dispatched: 1 } });
  });

  it.each([
    ['/v1/tickets?status=bogus', 'status'],
    ['/v1/tickets?status=new,bogus', 'status'],
    ['/v1/tickets?grade=huge', 'grade'],
    ['/v1/tickets?escalationLevel=5', 'escalationLevel'],
    ['/v1/tickets?escalationLevel=one', 'escalationLevel'],
    ['/v1/tickets?dueWithinMinutes=1.5', 'dueWithinMinutes'],
    ['/v1/tickets?dueWithinMinutes=0', 'dueWithinMinutes'],
    ['/v1/tickets?mine=yes', 'mine'],
    ['/v1/tickets/counts?overdue=maybe', 'overdue'],
    ['/v1/tickets/counts?status=open', 'status'],
  ])('given %s, then it is 400 naming %s', async (url, field) => {
    expectFieldError(await call('GET', url, { role: 'supervisor' }), 'VALIDATION.FAILED', field);
  });
});

describe('a user whose identity provider issues subjects longer than the 64 characters an event records', () => {
  it('given such a user, then they read the queue and a ticket, and their reply is recorded in history and its event by the id derived from their subject', async () => {
    const ticket = await seedTicket(new Date(), { status: 'in_progress' });
    const subject = 'https://idp.example.com/tenants/7f3c2a/users/00u1a2b3c4d5e6f7g8h9-property-services-east-region';
    const token = await signDevToken({ sub: subject, name: '王客服', roles: 'agent', projects: ['P001'] }, DEV_JWT_SECRET);
    const headers = { authorization: `Bearer ${token}` };

    expect((await call('GET', '/v1/tickets?limit=1', { headers })).status).toBe(200);
    expect((await call('GET', `/v1/tickets/${ticket.id}`, { headers })).status).toBe(200);
    const replied = await call('POST', `/v1/tickets/${ticket.id}/replies`, { headers, body: { message: '已联系物业处理' } });

    expect(replied.status).toBe(200);
    const by = actorIdOf(subject);
    expect(replied.body['history']).toEqual([expect.objectContaining({ action: 'reply', actor: by })]);
    const [event] = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq DESC LIMIT 1`, [ticket.id])) as { payload: unknown }[];
    expect(JSON.stringify(event)).toContain(by);
    expect(JSON.stringify(event)).not.toContain(subject);
  });
});

describe('a suggestion handled through the API', () => {
  it('given a suggestion, when it goes evaluate → forward → implemented → rewarded, then each step is in the history and the outbox, its text redacted', async () => {
    const ticket = await seedTicket(new Date(), { itemCode: 'suggestion.general', sectionCode: 'suggestion', unit: { projectCode: 'S-1' } });
    const agent = await as({ sub: 'agent-s', roles: ['agent'], projects: ['S-1'] });
    const url = (step: string) => `/v1/tickets/${ticket.id}/suggestion/${step}`;

    const early = await call('POST', url('forward'), { headers: agent, body: { department: 'property' } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', detail: 'evaluate the suggestion before forwarding it' });

    const byQuality = await call('POST', url('evaluation'), { role: 'quality', body: { reasonable: true, feasible: true, valuable: true, comment: 'ok' } });
    expect(byQuality.status).toBe(403);
    const byOtherProject = await call('POST', url('evaluation'), { headers: await as({ sub: 'agent-x', roles: ['agent'], projects: ['S-2'] }), body: { reasonable: true, feasible: true, valuable: true, comment: 'ok' } });
    expect(byOtherProject.status).toBe(404);

    const evaluated = await call('POST', url('evaluation'), { headers: agent, body: { reasonable: true, feasible: true, valuable: true, comment: '业主13700137003建议增设快递柜' } });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body['suggestion']).toMatchObject({ evaluation: { valuable: true, comment: '业主137****7003建议增设快递柜', by: 'agent-s' } });

    const forwarded = await call('POST', url('forward'), { headers: agent, body: { department: 'property' } });
    expect(forwarded.body).toMatchObject({ status: 'dispatched', department: 'property', suggestion: { forwardedTo: { department: 'property' } } });

    const otherDepartment = await call('POST', url('implementation'), { headers: await as({ sub: 'h-x', roles: ['handler'], department: 'security' }), body: { status: 'in_progress' } });
    expect(otherDepartment.status).toBe(404);
    const handler = await as({ sub: 'h-p', roles: ['handler'], department: 'property' });
    const noResult = await call('POST', url('implementation'), { headers: handler, body: { status: 'implemented' } });
    expect(noResult.status).toBe(422);
    expect(noResult.body).toMatchObject({ code: 'TICKET.RESULT_REQUIRED', errors: [expect.objectContaining({ field: 'result' })] });
    const implemented = await call('POST', url('implementation'), { headers: handler, body: { status: 'implemented', result: '已在大堂增设快递柜' } });
    expect(implemented.body['suggestion']).toMatchObject({ implementation: { status: 'implemented', by: 'h-p' } });

    const rewardByHandler = await call('POST', url('reward'), { headers: handler, body: { kind: 'points', description: '积分' } });
    expect(rewardByHandler.status).toBe(403);
    const rewarded = await call('POST', url('reward'), { headers: agent, body: { kind: 'points', description: '感谢建议，赠送积分', value: 200 } });
    expect(rewarded.status).toBe(200);
    expect(rewarded.body['suggestion']).toMatchObject({ reward: { kind: 'points', value: 200 } });
    const again = await call('POST', url('reward'), { headers: agent, body: { kind: 'gift', description: '礼品' } });
    expect(again.status).toBe(409);

    expect((rewarded.body['history'] as { action: string }[]).map((h) => h.action)).toEqual([
      'suggestion_evaluated',
      'suggestion_forwarded',
      'suggestion_implementation_recorded',
      'suggestion_rewarded',
    ]);
    expect(await outboxTypes(ticket.id)).toEqual([
      'ticket.suggestion_evaluated.v1',
      'ticket.suggestion_forwarded.v1',
      'ticket.dispatched.v1',
      'ticket.suggestion_implementation_recorded.v1',
      'ticket.suggestion_rewarded.v1',
    ]);
    const [published] = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq LIMIT 1`, [ticket.id])) as { payload: unknown }[];
    expect(JSON.stringify(published)).not.toContain('13700137003');
  });
});

describe('a complaint without a unified answer', () => {
  it('given an invalid complaint answered in the agent’s words, when closed, then it needs the supervisor’s approved reply', async () => {
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'C-1' } });
    const agent = await as({ sub: 'agent-c', roles: ['agent'], projects: ['C-1'] });
    expect((await call('POST', `/v1/tickets/${ticket.id}/validity`, { headers: agent, body: { decision: 'invalid', reason: '不属于物业责任范围' } })).status).toBe(200);

    const refused = await call('POST', `/v1/tickets/${ticket.id}/close`, { headers: agent, body: {} });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'TICKET.REPLY_APPROVAL_REQUIRED' });
    expect(await statusOf(ticket.id)).toBe('resolved');

    const byAgent = await call('POST', `/v1/tickets/${ticket.id}/reply-approval`, { headers: agent, body: { text: '经核实不属于物业责任范围' } });
    expect(byAgent.status).toBe(403);
    const byOtherSupervisor = await call('POST', `/v1/tickets/${ticket.id}/reply-approval`, { headers: await as({ sub: 'sup-x', roles: ['supervisor'], projects: ['C-2'] }), body: { text: '答复' } });
    expect(byOtherSupervisor.status).toBe(404);
    const approved = await call('POST', `/v1/tickets/${ticket.id}/reply-approval`, { headers: await as({ sub: 'sup-c', roles: ['supervisor'], projects: ['C-1'] }), body: { text: '经核实不属于物业责任范围' } });
    expect(approved.body).toMatchObject({ approvedReply: { text: '经核实不属于物业责任范围', by: 'sup-c' } });

    const closed = await call('POST', `/v1/tickets/${ticket.id}/close`, { headers: agent, body: {} });
    expect(closed.status).toBe(200);
    expect(closed.body['status']).toBe('closed');
    expect(await outboxTypes(ticket.id)).toEqual(['ticket.validity_decided.v1', 'ticket.resolved.v1', 'ticket.reply_approved.v1', 'ticket.closed.v1']);
  });

  it('given an opinion’s deadline its offset carries past the year 9999, then it is 400 naming dueAt and nothing is asked', async () => {
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'C-1' } });
    const agent = await as({ sub: 'agent-c', roles: ['agent'], projects: ['C-1'] });

    const asked = await call('POST', `/v1/tickets/${ticket.id}/opinions`, { headers: agent, body: { from: 'legal', question: '是否有合同依据？', dueAt: '9999-12-31T23:59:59-14:00' } });

    expectFieldError(asked, 'VALIDATION.FAILED', 'dueAt');
    expect(await outboxTypes(ticket.id)).toEqual([]);
  });

  it('given an opinion asked of legal counsel, when its deadline passes unanswered, then it is reported overdue once; recorded later, it is late', async () => {
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'C-1' } });
    const agent = await as({ sub: 'agent-c', roles: ['agent'], projects: ['C-1'] });
    const dueAt = new Date(Date.now() + 60 * 60_000);
    const missingDepartment = await call('POST', `/v1/tickets/${ticket.id}/opinions`, { headers: agent, body: { from: 'department', question: '是否属实？', dueAt: dueAt.toISOString() } });
    expect(missingDepartment.status).toBe(422);
    expect(missingDepartment.body).toMatchObject({ errors: [expect.objectContaining({ field: 'department' })] });

    const asked = await call('POST', `/v1/tickets/${ticket.id}/opinions`, { headers: agent, body: { from: 'legal', question: '业主电话13700137003，要求赔偿是否有依据？', dueAt: dueAt.toISOString() } });
    expect(asked.status).toBe(200);
    const [opinion] = asked.body['opinions'] as { id: string; question: string; dueAt: string }[];
    expect(opinion).toMatchObject({ question: '业主电话137****7003，要求赔偿是否有依据？', dueAt: dueAt.toISOString() });

    const fire = new FireOpinionDeadlines(db.dataSource, app.get(TicketRepository), app.get(OpinionDeadlineRepository), app.get(RunTicketCommand), dueWorkFailures(db.dataSource), createLogger('tickets', 'silent'), loadServiceConfig('tickets', { NODE_ENV: 'test' }));
    expect(await fire.fireDue(new Date())).toBe(0);
    const afterDeadline = new Date(dueAt.getTime() + 60_000);
    expect(await fire.fireDue(afterDeadline)).toBe(1);
    expect(await fire.fireDue(afterDeadline)).toBe(0);
    expect((await outboxTypes(ticket.id)).filter((t) => t === 'ticket.opinion_overdue.v1')).toHaveLength(1);

    // The ids in capitals, as RFC 9562 allows: the same ticket and opinion.
    const recorded = await call('POST', `/v1/tickets/${ticket.id.toUpperCase()}/opinions/${opinion!.id.toUpperCase()}`, { headers: agent, body: { text: '合同无此约定' } });
    expect(recorded.status).toBe(200);
    expect(recorded.body['opinions']).toEqual([expect.objectContaining({ answer: expect.objectContaining({ text: '合同无此约定' }), overdueAt: afterDeadline.toISOString() })]);
    const twice = await call('POST', `/v1/tickets/${ticket.id}/opinions/${opinion!.id}`, { headers: agent, body: { text: '再次' } });
    expect(twice.status).toBe(409);
    expect((recorded.body['history'] as { action: string }[]).map((h) => h.action)).toEqual(['opinion_requested', 'opinion_overdue', 'opinion_recorded']);
  });
});

describe('a department holding personal data', () => {
  const refusedNamingDepartment = (response: InjectedResponse) => {
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'TICKET.PERSONAL_DATA', errors: [expect.objectContaining({ field: 'department' })] });
    expect(JSON.stringify(response.body)).not.toMatch(/13700137003|li\.lei@example\.com|11010519491231002X/);
  };
  const historyActions = async (ticketId: string) =>
    ((await db.dataSource.query(`SELECT action FROM ${db.schema}.ticket_history WHERE ticket_id = $1 ORDER BY id`, [ticketId])) as { action: string }[]).map((r) => r.action);

  it('given a dispatch to a department holding a phone number, then it is 422 naming department and nothing is written; a handler id that is a phone number is taken as given', async () => {
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'D-1' } });
    const agent = await as({ sub: 'agent-d', roles: ['agent'], projects: ['D-1'] });
    await call('POST', `/v1/tickets/${ticket.id}/validity`, { headers: agent, body: { decision: 'valid' } });
    const before = await outboxTypes(ticket.id);

    refusedNamingDepartment(await call('POST', `/v1/tickets/${ticket.id}/dispatch`, { headers: agent, body: { department: '工程部13700137003' } }));
    expect(await outboxTypes(ticket.id)).toEqual(before);
    expect(await historyActions(ticket.id)).not.toContain('dispatch');

    const dispatched = await call('POST', `/v1/tickets/${ticket.id}/dispatch`, { headers: agent, body: { department: 'engineering', handler: '13700137003' } });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ department: 'engineering', handler: '13700137003' });
  });

  it('given a suggestion forwarded to a department holding an e-mail address, then it is 422 naming department and it is not forwarded', async () => {
    const ticket = await seedTicket(new Date(), { itemCode: 'suggestion.general', sectionCode: 'suggestion', unit: { projectCode: 'D-1' } });
    const agent = await as({ sub: 'agent-d', roles: ['agent'], projects: ['D-1'] });
    const url = (step: string) => `/v1/tickets/${ticket.id}/suggestion/${step}`;
    expect((await call('POST', url('evaluation'), { headers: agent, body: { reasonable: true, feasible: true, valuable: true, comment: 'ok' } })).status).toBe(200);

    refusedNamingDepartment(await call('POST', url('forward'), { headers: agent, body: { department: 'li.lei@example.com' } }));
    expect(await outboxTypes(ticket.id)).toEqual(['ticket.suggestion_evaluated.v1']);
    expect(await statusOf(ticket.id)).toBe(ticket.status);
  });

  it('given an opinion asked of a department holding an ID number, then it is 422 naming department and nothing is asked', async () => {
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'D-1' } });
    const agent = await as({ sub: 'agent-d', roles: ['agent'], projects: ['D-1'] });
    const dueAt = new Date(Date.now() + 60 * 60_000).toISOString();

    refusedNamingDepartment(await call('POST', `/v1/tickets/${ticket.id}/opinions`, { headers: agent, body: { from: 'department', department: '11010519491231002X', question: '是否属实？', dueAt } }));
    expect(await outboxTypes(ticket.id)).toEqual([]);
    expect(await historyActions(ticket.id)).toEqual([]);
  });
});

describe('record completeness (处理记录是否完整)', () => {
  const closedEventOf = async (ticketId: string) =>
    ((await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.closed.v1'`, [ticketId])) as { payload: string }[]).map(
      (r) => JSON.parse(r.payload) as Record<string, unknown>,
    );

  it('given a repair recorded without its room and never dispatched, then the desk sees what is missing and its close says so; one recorded whole closes complete', async () => {
    const agent = await as({ sub: 'agent-r', roles: ['agent'], projects: ['R-1'] });
    const lacking = await seedTicket(new Date(), { itemCode: 'repair.own_unit', sectionCode: 'repair', unit: { projectCode: 'R-1', building: '3栋' } });
    const seen = await call('GET', `/v1/tickets/${lacking.id}`, { headers: agent });
    expect(seen.body['recordGaps']).toEqual(['room', 'validity']);
    expect((await call('POST', `/v1/tickets/${lacking.id}/validity`, { headers: agent, body: { decision: 'valid' } })).body['recordGaps']).toEqual(['room', 'department']);
    expect((await call('POST', `/v1/tickets/${lacking.id}/resolve`, { headers: agent, body: { resolution: '已修好' } })).status).toBe(200);
    const closed = await call('POST', `/v1/tickets/${lacking.id}/close`, { headers: agent, body: {} });
    expect(closed.body).toMatchObject({ status: 'closed', recordGaps: ['room', 'department'] });
    expect(await closedEventOf(lacking.id)).toEqual([expect.objectContaining({ recordGaps: ['room', 'department'] })]);

    const whole = await seedTicket(new Date(), { itemCode: 'repair.own_unit', sectionCode: 'repair', unit: { projectCode: 'R-1', building: '3栋', room: '1202' } });
    expect((await call('POST', `/v1/tickets/${whole.id}/dispatch`, { headers: agent, body: { department: 'engineering' } })).body['recordGaps']).toEqual([]);
    await call('POST', `/v1/tickets/${whole.id}/resolve`, { headers: agent, body: { resolution: '已修好' } });
    expect((await call('POST', `/v1/tickets/${whole.id}/close`, { headers: agent, body: {} })).status).toBe(200);
    expect(await closedEventOf(whole.id)).toEqual([expect.objectContaining({ recordGaps: [] })]);
  });

  it('given a ticket recorded without its item and room, when the desk completes the record, then the gaps close, the history and the event say what changed, and it closes complete', async () => {
    const agent = await as({ sub: 'agent-r', roles: ['agent'], projects: ['R-1'] });
    const unclassified = await seedTicket(new Date(), { itemCode: undefined, sectionCode: undefined, unit: { projectCode: 'R-1', building: '3栋' } });
    expect((await call('GET', `/v1/tickets/${unclassified.id}`, { headers: agent })).body['recordGaps']).toEqual(['item']);

    const classified = await call('POST', `/v1/tickets/${unclassified.id}/record`, { headers: agent, body: { itemCode: 'repair.own_unit' } });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({ itemCode: 'repair.own_unit', sectionCode: 'repair', recordGaps: ['room', 'validity'] });
    const placed = await call('POST', `/v1/tickets/${unclassified.id}/record`, { headers: { ...agent, 'if-match': classified.headers['etag'] as string }, body: { room: '1202' } });
    expect(placed.body).toMatchObject({ building: '3栋', room: '1202', recordGaps: ['validity'] });
    expect((placed.body['history'] as { action: string; details: object }[]).filter((h) => h.action === 'amend_record').map((h) => h.details)).toEqual([
      { itemCode: 'repair.own_unit', previous: {} },
      { room: '1202', previous: {} },
    ]);
    const amended = ((await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.record_amended.v1' ORDER BY seq`, [unclassified.id])) as { payload: string }[]).map(
      (r) => JSON.parse(r.payload) as Record<string, unknown>,
    );
    expect(amended).toEqual([
      expect.objectContaining({ itemCode: 'repair.own_unit', sectionCode: 'repair', amended: { itemCode: 'repair.own_unit' }, previous: {} }),
      expect.objectContaining({ itemCode: 'repair.own_unit', amended: { room: '1202' }, previous: {} }),
    ]);
    // The queue finds it under its new item.
    expect(((await call('GET', '/v1/tickets?item=repair.own_unit&project=R-1', { headers: agent })).body['items'] as { id: string }[]).map((t) => t.id)).toContain(unclassified.id);

    await call('POST', `/v1/tickets/${unclassified.id}/dispatch`, { headers: agent, body: { department: 'engineering' } });
    await call('POST', `/v1/tickets/${unclassified.id}/resolve`, { headers: agent, body: { resolution: '已修好' } });
    await call('POST', `/v1/tickets/${unclassified.id}/close`, { headers: agent, body: {} });
    expect(await closedEventOf(unclassified.id)).toEqual([expect.objectContaining({ recordGaps: [] })]);
    const late = await call('POST', `/v1/tickets/${unclassified.id}/record`, { headers: agent, body: { room: '1203' } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION' });
  });

  it('given a ticket classified by an item the catalogue no longer holds, when the desk sends its whole record with the room, then the room is taken and the item kept', async () => {
    const agent = await as({ sub: 'agent-r', roles: ['agent'], projects: ['R-1'] });
    const ticket = await seedTicket(new Date(), { itemCode: 'repair.retired_item', sectionCode: 'repair', unit: { projectCode: 'R-1', building: '3栋' } });
    const amended = await call('POST', `/v1/tickets/${ticket.id}/record`, { headers: agent, body: { itemCode: 'repair.retired_item', building: '3栋', room: '1202' } });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ itemCode: 'repair.retired_item', room: '1202' });
  });

  it('given an amendment naming no field, an item the catalogue does not hold, another project’s ticket or a handler, then it is refused and nothing changes', async () => {
    const ticket = await seedTicket(new Date(), { itemCode: 'repair.own_unit', sectionCode: 'repair', unit: { projectCode: 'R-2' }, status: 'dispatched', validity: 'valid', department: 'engineering' });
    const agent = await as({ sub: 'agent-s', roles: ['agent'], projects: ['R-2'] });
    for (const [body, code] of [[{}, 'TICKET.NOTHING_TO_AMEND'], [{ itemCode: 'repair.no_such_item' }, 'TICKET.UNKNOWN_ITEM']] as const) {
      const refused = await call('POST', `/v1/tickets/${ticket.id}/record`, { headers: agent, body });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code, errors: [expect.objectContaining({ field: 'itemCode' })] });
    }
    expectFieldError(await call('POST', `/v1/tickets/${ticket.id}/record`, { headers: agent, body: { room: 'x'.repeat(41) } }), 'VALIDATION.FAILED', 'room');
    const phone = await call('POST', `/v1/tickets/${ticket.id}/record`, { headers: agent, body: { building: '3栋', room: '13812345678' } });
    expect([phone.status, phone.body['code'], phone.body['errors']]).toEqual([422, 'TICKET.PERSONAL_DATA', [expect.objectContaining({ field: 'room' })]]);
    const elsewhere = await call('POST', `/v1/tickets/${ticket.id}/record`, { headers: await as({ sub: 'agent-t', roles: ['agent'], projects: ['R-3'] }), body: { room: '1202' } });
    expect(elsewhere.status).toBe(404);
    const byHandler = await call('POST', `/v1/tickets/${ticket.id}/record`, { headers: await as({ sub: 'handler-1', roles: ['handler'], department: 'engineering', projects: ['R-2'] }), body: { room: '1202' } });
    expect(byHandler.status).toBe(403);
    const unchanged = await call('GET', `/v1/tickets/${ticket.id}`, { headers: agent });
    expect(unchanged.body).toMatchObject({ itemCode: 'repair.own_unit', version: ticket.version });
    expect(unchanged.body['room']).toBeUndefined();
  });
});

describe('on site (上门)', () => {
  const repairs = { ...DEFAULT_POLICIES.find((p) => p.id === 'consultation')!, id: 'repairs-on-site', targets: { on_site: { amount: 24, unit: 'hours' as const, basis: 'calendar' as const } } };
  async function dispatchedRepair(): Promise<Ticket> {
    const opened = { ...newTicket(new Date(Date.now() - 60 * 60_000), 'repair.own_unit'), unit: { projectCode: 'OS-1', building: '3栋', room: '1202' } };
    const clocks = startClocks(repairs, opened, parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK }));
    return seedTicket(opened.createdAt, { ...opened, status: 'dispatched', validity: 'valid', department: 'engineering', handler: 'h-os', dispatchedAt: new Date(Date.now() - 50 * 60_000), clocks });
  }
  const handler = (department: string) => as({ sub: `handler-${department}`, roles: ['handler'], department, projects: ['OS-1'] });

  it('given a dispatched repair, when its department’s handler reports the arrival, then the on-site clock is met when he arrived, work starts, and the history and the event say so', async () => {
    const ticket = await dispatchedRepair();
    const arrivedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const arrived = await call('POST', `/v1/tickets/${ticket.id}/arrival`, { headers: await handler('engineering'), body: { arrivedAt, note: '已到达，业主电话13812345678' } });
    expect(arrived.status).toBe(200);
    expect(arrived.body).toMatchObject({ status: 'in_progress', onSiteAt: arrivedAt });
    expect((arrived.body['clocks'] as { kind: string; state: string; metAt?: string }[]).find((c) => c.kind === 'on_site')).toMatchObject({ state: 'met', metAt: arrivedAt });
    expect((arrived.body['history'] as { action: string; details: object }[]).at(-1)).toMatchObject({ action: 'arrive', details: { arrivedAt, note: '已到达，业主电话138****5678' } });
    const [event] = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.on_site.v1'`, [ticket.id])) as { payload: string }[];
    expect(JSON.parse(event!.payload)).toMatchObject({ ticketId: ticket.id, status: 'in_progress', arrivedAt, department: 'engineering', breached: false });

    const again = await call('POST', `/v1/tickets/${ticket.id}/arrival`, { headers: await handler('engineering'), body: {} });
    expect([again.status, again.body['code']]).toEqual([409, 'TICKET.ILLEGAL_TRANSITION']);
  });

  it('given a complaint whose policy times its dispatch, when dispatched, then the event says it was in time (转发及时率); a ticket under no dispatch clock tells nothing', async () => {
    const complaints = DEFAULT_POLICIES.find((p) => p.targets.dispatch !== undefined && p.match.sections?.includes('complaint'))!;
    // Opened now, not minutes ago: its dispatch is due by the close of the day, and a ticket opened
    // minutes before 17:30 would be dispatched after it, late.
    const opened = { ...newTicket(new Date()), unit: { projectCode: 'OS-1' } };
    const timed = await seedTicket(opened.createdAt, { ...opened, clocks: startClocks(complaints, opened, parseCalendar({ timezone: 'Asia/Shanghai', workingHours: OFFICE_WEEK })) });
    const untimed = await seedTicket(new Date(), { unit: { projectCode: 'OS-1' } });
    const dispatchedEvent = async (id: string) => {
      expect((await call('POST', `/v1/tickets/${id}/dispatch`, { role: 'agent', body: { department: 'engineering' } })).status).toBe(200);
      const [event] = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.dispatched.v1'`, [id])) as { payload: string }[];
      return JSON.parse(event!.payload) as Record<string, unknown>;
    };
    expect(await dispatchedEvent(timed.id)).toMatchObject({ ticketId: timed.id, department: 'engineering', breached: false });
    expect(await dispatchedEvent(untimed.id)).not.toHaveProperty('breached');
  });

  it('given an arrival told by another department’s handler, in the future, before the dispatch or not a date, then it is refused and nothing changes', async () => {
    const ticket = await dispatchedRepair();
    // Another department's handler, or another project's agent, does not see the ticket at all.
    expect((await call('POST', `/v1/tickets/${ticket.id}/arrival`, { headers: await handler('cleaning'), body: {} })).status).toBe(404);
    expect((await call('POST', `/v1/tickets/${ticket.id}/arrival`, { headers: await as({ sub: 'agent-os2', roles: ['agent'], projects: ['OS-2'] }), body: {} })).status).toBe(404);
    const future = await call('POST', `/v1/tickets/${ticket.id}/arrival`, { role: 'agent', body: { arrivedAt: new Date(Date.now() + 3_600_000).toISOString() } });
    expect([future.status, future.body['code'], future.body['errors']]).toEqual([422, 'TICKET.ARRIVAL_IN_FUTURE', [expect.objectContaining({ field: 'arrivedAt' })]]);
    const early = await call('POST', `/v1/tickets/${ticket.id}/arrival`, { role: 'agent', body: { arrivedAt: new Date(Date.now() - 55 * 60_000).toISOString() } });
    expect([early.status, early.body['code']]).toEqual([422, 'TICKET.ARRIVAL_BEFORE_DISPATCH']);
    expectFieldError(await call('POST', `/v1/tickets/${ticket.id}/arrival`, { role: 'agent', body: { arrivedAt: 'yesterday' } }), 'VALIDATION.FAILED', 'arrivedAt');
    const unchanged = await call('GET', `/v1/tickets/${ticket.id}`, { role: 'agent' });
    expect(unchanged.body).toMatchObject({ status: 'dispatched', version: ticket.version });
    expect(unchanged.body['onSiteAt']).toBeUndefined();
  });
});

/** The `ticket.dispatched.v1` payloads the ticket's commands put in the outbox, in order. */
async function dispatchesOf(ticketId: string): Promise<Record<string, unknown>[]> {
  const rows = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.dispatched.v1' ORDER BY seq`, [ticketId])) as { payload: string }[];
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

describe('a dispatch as a validity decision (ADR 0081, 0163)', () => {
  it('given a matter judged invalid and reopened, when dispatched, then the event says the dispatch took it as valid (ADR 0163); a dispatch of a valid matter says it did not', async () => {
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'OS-1' } });
    expect((await call('POST', `/v1/tickets/${ticket.id}/validity`, { role: 'agent', body: { decision: 'invalid', reason: '不属于报修' } })).status).toBe(200);
    expect((await call('POST', `/v1/tickets/${ticket.id}/reopen`, { role: 'supervisor', body: { reason: '客户不认可' } })).status).toBe(200);
    expect((await call('POST', `/v1/tickets/${ticket.id}/dispatch`, { role: 'agent', body: { department: 'engineering' } })).status).toBe(200);
    expect((await call('POST', `/v1/tickets/${ticket.id}/dispatch`, { role: 'agent', body: { department: 'cleaning' } })).status).toBe(200);
    expect(await dispatchesOf(ticket.id)).toEqual([
      expect.objectContaining({ department: 'engineering', takenAsValid: true }),
      expect.objectContaining({ department: 'cleaning', takenAsValid: false }),
    ]);
    // The reopening withdrew the invalid judgement, and says so (ADR 0166).
    const [reopened] = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.reopened.v1'`, [ticket.id])) as { payload: string }[];
    expect(JSON.parse(reopened!.payload)).toMatchObject({ reopenCount: 1, validityWithdrawn: true });
  });

  it('given a consultation dispatched and a suggestion forwarded unjudged, then both show valid on the desk, and neither dispatch is a judged valid decision (ADR 0163)', async () => {
    const consultation = await seedTicket(new Date(), { itemCode: 'consultation.property_service', sectionCode: 'consultation', unit: { projectCode: 'OS-1' } });
    const dispatched = await call('POST', `/v1/tickets/${consultation.id}/dispatch`, { role: 'agent', body: { department: 'engineering' } });
    expect(dispatched.body).toMatchObject({ status: 'dispatched', validity: 'valid' });
    const suggestion = await seedTicket(new Date(), { itemCode: 'suggestion.general', sectionCode: 'suggestion', unit: { projectCode: 'OS-1' } });
    const evaluation = { reasonable: true, feasible: true, valuable: true, comment: '建议增设快递柜' };
    expect((await call('POST', `/v1/tickets/${suggestion.id}/suggestion/evaluation`, { role: 'agent', body: evaluation })).status).toBe(200);
    const forwarded = await call('POST', `/v1/tickets/${suggestion.id}/suggestion/forward`, { role: 'agent', body: { department: 'property' } });
    expect(forwarded.body).toMatchObject({ status: 'dispatched', validity: 'valid' });
    expect(await dispatchesOf(consultation.id)).toEqual([expect.objectContaining({ department: 'engineering', takenAsValid: false })]);
    expect(await dispatchesOf(suggestion.id)).toEqual([expect.objectContaining({ department: 'property', takenAsValid: false })]);
  });
});

describe('a reclassification after a dispatch (补录, ADR 0166)', () => {
  it('given a consultation dispatched, when reclassified a repair, then the amendment tells that the dispatch is its valid decision; one never dispatched tells it is not', async () => {
    const payloadsOf = async (ticketId: string) =>
      ((await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = 'ticket.record_amended.v1' ORDER BY seq`, [ticketId])) as { payload: string }[]).map(
        (r) => JSON.parse(r.payload) as Record<string, unknown>,
      );
    const consultation = () => seedTicket(new Date(), { itemCode: 'consultation.property_service', sectionCode: 'consultation', unit: { projectCode: 'RC-1' } });
    const dispatched = await consultation();
    expect((await call('POST', `/v1/tickets/${dispatched.id}/dispatch`, { role: 'agent', body: { department: 'engineering' } })).status).toBe(200);
    const pending = await consultation();

    for (const { id } of [dispatched, pending]) {
      expect((await call('POST', `/v1/tickets/${id}/record`, { role: 'supervisor', body: { itemCode: 'repair.public_area' } })).status).toBe(200);
    }
    expect(await payloadsOf(dispatched.id)).toEqual([expect.objectContaining({ itemCode: 'repair.public_area', sectionCode: 'repair', takenAsValid: true })]);
    expect(await payloadsOf(pending.id)).toEqual([expect.objectContaining({ itemCode: 'repair.public_area', takenAsValid: false })]);
    expect((await call('GET', `/v1/tickets/${pending.id}`, { role: 'agent' })).body).toMatchObject({ validity: 'pending' });
  });
});

describe('a validity decision on a matter whose validity is not judged (ADR 0166)', () => {
  it('given a consultation, new or dispatched, and a suggestion, when judged, then it is 422 problem+json naming decision and nothing is written; reclassified a repair, it is judged', async () => {
    const consultation = await seedTicket(new Date(), { itemCode: 'consultation.property_service', sectionCode: 'consultation', unit: { projectCode: 'NJ-1' } });
    const suggestion = await seedTicket(new Date(), { itemCode: 'suggestion.general', sectionCode: 'suggestion', unit: { projectCode: 'NJ-1' } });
    const judge = (id: string, body: Record<string, string>) => call('POST', `/v1/tickets/${id}/validity`, { role: 'agent', body });
    const refusedNamingDecision = (response: InjectedResponse) => {
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'TICKET.VALIDITY_NOT_JUDGED', errors: [expect.objectContaining({ field: 'decision' })] });
    };

    refusedNamingDecision(await judge(consultation.id, { decision: 'invalid', reason: '已按统一答复解释' }));
    refusedNamingDecision(await judge(suggestion.id, { decision: 'valid' }));
    expect(await outboxTypes(consultation.id)).toEqual([]);
    expect(await outboxTypes(suggestion.id)).toEqual([]);
    const unchanged = await call('GET', `/v1/tickets/${consultation.id}`, { role: 'agent' });
    expect(unchanged.body).toMatchObject({ status: 'new', validity: 'pending', history: [] });

    expect((await call('POST', `/v1/tickets/${consultation.id}/dispatch`, { role: 'agent', body: { department: 'engineering' } })).status).toBe(200);
    refusedNamingDecision(await judge(consultation.id, { decision: 'out_of_scope', redirectTo: '供电局' }));
    expect(await outboxTypes(consultation.id)).toEqual(['ticket.dispatched.v1']);

    const repair = await seedTicket(new Date(), { itemCode: 'consultation.property_service', sectionCode: 'consultation', unit: { projectCode: 'NJ-1' } });
    expect((await call('POST', `/v1/tickets/${repair.id}/record`, { role: 'agent', body: { itemCode: 'repair.public_area' } })).status).toBe(200);
    expect((await judge(repair.id, { decision: 'valid' })).body).toMatchObject({ validity: 'valid' });
  });
});

describe('a history written by a newer release', () => {
  it('given an action this release does not know (a newer one rolling out wrote it), then the ticket is still read and shows it as it is', async () => {
    const ticket = await seedTicket(new Date());
    await db.dataSource.query(`INSERT INTO ${db.schema}.ticket_history (ticket_id, at, actor, action, details) VALUES ($1, now(), 'handler-1', 'inspect_meter', '{"reading": 42}')`, [ticket.id]);
    const read = await call('GET', `/v1/tickets/${ticket.id}`, { role: 'agent' });
    expect(read.status).toBe(200);
    expect((read.body['history'] as { action: string; details: object }[]).at(-1)).toMatchObject({ action: 'inspect_meter', details: { reading: 42 } });
  });
});

describe('extension amounts', () => {
  it('given a fractional number of working hours, then it is 400 naming workingHours: the event carries whole units', async () => {
    const ticket = await seedTicket(new Date(), { status: 'in_progress' });
    const response = await call('POST', `/v1/tickets/${ticket.id}/extensions`, {
      role: 'supervisor',
      body: { workingHours: 2.5, reason: '等待配件', customerInformedAt: new Date().toISOString() },
    });
    expectFieldError(response, 'VALIDATION.FAILED', 'workingHours');
  });
});

describe('a unified answer cited by its id in capitals (the same UUID, RFC 9562)', () => {
  it('given an answer in force, when a reply and a validity decision cite it in capitals, then each cites it as in lower case, in the ticket, its history and its events', async () => {
    const answerId = randomUUID();
    await app.get(PublishedAnswersRepository).published(db.dataSource.manager, answerId, 2, null, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    // Only a repair or complaint is judged (ADR 0166).
    const ticket = await seedTicket(new Date(), { itemCode: 'complaint.service_quality', sectionCode: 'complaint' });

    const replied = await call('POST', `/v1/tickets/${ticket.id}/replies`, { role: 'agent', body: { message: '请参考统一答复', answerId: answerId.toUpperCase() } });
    expect(replied.status).toBe(200);
    const decided = await call('POST', `/v1/tickets/${ticket.id}/validity`, { role: 'agent', body: { decision: 'invalid', answerId: answerId.toUpperCase() } });
    expect(decided.status).toBe(200);

    expect(decided.body['unifiedAnswerId']).toBe(answerId);
    const events = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [ticket.id])) as { payload: unknown }[];
    const cited = JSON.stringify([events, decided.body['history']]);
    expect(cited).toContain(answerId);
    expect(cited).not.toContain(answerId.toUpperCase());
  });
});

describe('a merge naming its duplicate in capitals (the same UUID, RFC 9562)', () => {
  it('given two people merging one pair each way at once, one naming the duplicate in capitals, then both lock the pair in one order: one merge happens and the other is refused, without a deadlock', async () => {
    // In lower case a sorts before b; in capitals B sorts before a: the id as sent must not change the order the rows are locked in.
    const customerId = randomUUID();
    const a = await seedTicket(new Date(), { id: `a${randomUUID().slice(1)}`, customerId });
    const b = await seedTicket(new Date(), { id: `b${randomUUID().slice(1)}`, customerId });
    let release!: () => void;
    let holder!: number;
    const holding = db.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT id FROM ${db.schema}.tickets WHERE id = $1 FOR UPDATE`, [b.id]);
      holder = ((await tx.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]!.pid;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await eventually(async () => expect(release).toBeDefined());
    // Those waiting behind the holder, directly or behind another waiting: other suites' sessions on the same database are not counted.
    const waiting = async () =>
      ((await db.dataSource.query(
        `WITH RECURSIVE behind(pid) AS (SELECT $1::int UNION SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY(pg_blocking_pids(a.pid)))
         SELECT count(*)::int - 1 AS n FROM behind`,
        [holder],
      )) as { n: number }[])[0]!.n;

    const intoA = call('POST', `/v1/tickets/${a.id}/merges`, { role: 'agent', body: { ticketId: b.id.toUpperCase() } });
    await eventually(async () => expect(await waiting()).toBe(1));
    const intoB = call('POST', `/v1/tickets/${b.id}/merges`, { role: 'agent', body: { ticketId: a.id } });
    await eventually(async () => expect(await waiting()).toBe(2));
    release();
    await holding;

    const answers = await Promise.all([intoA, intoB]);
    expect(answers.map((r) => [r.status, r.body['code']])).toEqual([
      [200, undefined],
      [409, 'TICKET.MERGED'],
    ]);
  });
});

describe('a stale ETag', () => {
  it('given a ticket changed since its ETag was read, when a command is sent with it, then it is 412 TICKET.VERSION_CONFLICT naming If-Match with the current version, and nothing changes', async () => {
    const agent = await as({ sub: 'agent-e', roles: ['agent'], projects: ['E-1'] });
    const ticket = await seedTicket(new Date(), { unit: { projectCode: 'E-1', building: '3栋' } });
    const read = await call('GET', `/v1/tickets/${ticket.id}`, { headers: agent });
    const stale = await call('POST', `/v1/tickets/${ticket.id}/dispatch`, { headers: { ...agent, 'if-match': `W/"${Number(read.body['version']) - 1}"` }, body: { department: 'engineering' } });

    expect([stale.status, stale.headers['content-type']]).toEqual([412, expect.stringContaining('application/problem+json')]);
    expect(stale.body).toMatchObject({ code: 'TICKET.VERSION_CONFLICT', currentVersion: read.body['version'], errors: [expect.objectContaining({ field: 'If-Match' })] });
    expect(await outboxTypes(ticket.id)).toEqual([]);
  });
});
