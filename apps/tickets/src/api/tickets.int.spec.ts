import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { LOGGER, OUTBOX, ProblemDetailsFilter, installRequestInput } from '@cs/platform';
import { InjectOptions, InjectedResponse, ThrowawaySchema, buildHttpTestApp, injectJson, throwawaySchema } from '@cs/testing';
import { BusinessCalendars } from '../application/business-calendars';
import { CALENDAR_SOURCE } from '../application/calendar-source';
import { FindTickets } from '../application/find-tickets';
import { ReopenOnCallback } from '../application/reopen-on-callback';
import { RunTicketCommand } from '../application/run-ticket-command';
import { TicketWriter } from '../application/ticket-writer';
import { DEFAULT_POLICIES } from '../domain/sla-policy';
import { Ticket, openTicket } from '../domain/ticket';
import { startClocks } from '../domain/ticket-sla';
import { CalendarStore } from '../infrastructure/calendar-store';
import { MIGRATIONS } from '../infrastructure/migrations';
import { SlaPolicyRepository } from '../infrastructure/sla-policy.repository';
import { SlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { TicketsController } from './tickets.controller';

let db: ThrowawaySchema;
let app: NestFastifyApplication;
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
  // The platform's real request parsing, auth guard and problem filter; the outbox is only
  // written, as no relay runs to publish the test's events to the shared broker.
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [TicketsController],
    providers: [
      { provide: LOGGER, useValue: createLogger('tickets', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: OUTBOX, useValue: new OutboxWriter(db.schema, '/cs/tickets') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: CALENDAR_SOURCE, useExisting: CalendarStore },
      CalendarStore,
      BusinessCalendars,
      TicketRepository,
      SlaPolicyRepository,
      SlaTimerRepository,
      TicketWriter,
      RunTicketCommand,
      FindTickets,
      ReopenOnCallback,
    ],
    configure: installRequestInput,
  });
  for (const minutes of [1, 2, 3]) await seedTicket(new Date(Date.UTC(2026, 10, 24, 1, minutes)));
});

afterAll(async () => {
  await app?.close();
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
    return seedTicket(opened.createdAt, { ...opened, status: 'in_progress', policyId: consultationPolicy.id, clocks: startClocks(consultationPolicy, opened) });
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
