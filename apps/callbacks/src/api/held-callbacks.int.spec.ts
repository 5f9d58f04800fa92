import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica, LOGGER, ProblemDetailsFilter, consumeInOneTransaction, createValidationPipe } from '@cs/platform';
import { type InjectedResponse, ThrowawaySchema, buildHttpTestApp, injectJson, throwawaySchema } from '@cs/testing';
import { CallbackWriter } from '../application/callback-writer';
import { FindCallbacks } from '../application/find-callbacks';
import { followTicket } from '../application/follow-ticket';
import { RecordAttempt } from '../application/record-attempt';
import { ResumeHeldCallbacks } from '../application/resume-held-callbacks';
import { ScheduleAfterResolution } from '../application/schedule-after-resolution';
import { ScheduleOrHold } from '../application/schedule-or-hold';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { FollowedTicketsRepository } from '../infrastructure/followed-tickets.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { type FollowedTicketFixture, ticketCreatedEvent, ticketResolvedEvent } from '../testing/ticket-events';
import { CallbacksController } from './callbacks.controller';
import { transactionTellingOnCommit } from '../testing/told-on-commit';

const cst = (local: string) => new Date(`${local}+08:00`);
const day = (): [string, string][] => [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const weekdays = { timezone: 'Asia/Shanghai', workingHours: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] }, holidays: [], workingDays: [] };
/** No weekday hours, and its one 调休 day long past: no working time left to count by. */
const ranOut = { ...weekdays, workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, workingDays: [{ date: '2024-02-04', name: '春节调休', hours: day() }] };

let db: ThrowawaySchema;
let app: NestFastifyApplication;
let replica: CalendarReplica;
let schedule: ScheduleAfterResolution;
let resume: ResumeHeldCallbacks;

const publish = (calendarId: string, version: number, document: typeof weekdays | typeof ranOut) =>
  db.dataSource.transaction((tx) => replica.apply(tx, { calendarId, version, document, at: new Date().toISOString() }));

beforeAll(async () => {
  db = await throwawaySchema('callbacks_held_http', MIGRATIONS);
  const silent = createLogger('callbacks', 'silent');
  const callbacks = new CallbackRepository();
  const plans = new CallbackPlanRepository();
  const policies = new CallbackPolicyRepository();
  const missed = new MissedCallbacksRepository();
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 3600 } });
  const writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, missed, new OutboxWriter(db.schema, '/cs/callbacks'));
  replica = new CalendarReplica(db.dataSource);
  const holds = new ScheduleOrHold(writer, silent);
  schedule = new ScheduleAfterResolution(callbacks, policies, replica, writer, holds);
  resume = new ResumeHeldCallbacks(db.dataSource, plans, replica, holds, silent);
  await publish('closing', 1, ranOut);
  await publish('other', 1, ranOut);
  await db.dataSource.transaction(async (tx) => {
    const common = { method: 'phone' as const, attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'first_contact_owner' as const, required: true, dueWorkingDays: 2 };
    await policies.replace(
      tx,
      [
        { ...common, id: 'noise', name: 'noise', calendarId: 'closing', match: { sections: ['noise'] } },
        { ...common, id: 'repair', name: 'repair', calendarId: 'other', match: { sections: ['repair'] } },
      ],
      (await policies.list(tx)).version,
    );
  });
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [CallbacksController],
    providers: [
      { provide: LOGGER, useValue: silent },
      { provide: DataSource, useValue: db.dataSource },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: RecordAttempt, useValue: {} },
      CallbackRepository,
      FollowedTicketsRepository,
      MissedCallbacksRepository,
      CallbackPlanRepository,
      FindCallbacks,
    ],
    pipes: [createValidationPipe()],
  });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** A ticket of `project` and `sectionCode`, followed and resolved at `at`. */
async function resolved(project: string, sectionCode: string, at: Date): Promise<FollowedTicketFixture> {
  const { ticket, created } = ticketCreatedEvent({ project, sectionCode, ownerId: 'agent-7', createdAt: cst('2026-10-12T09:00:00') });
  await consumeInOneTransaction(db.dataSource, [[created, (context) => followTicket(created, context)]]);
  await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => schedule.handle(ticketResolvedEvent(ticket, at), tx, onCommit));
  return ticket;
}

const asSupervisorOf = async (projects?: string[]) => ({
  authorization: `Bearer ${await signDevToken({ roles: 'supervisor', sub: 'sup-1', ...(projects ? { projects } : {}) }, DEV_JWT_SECRET)}`,
});
const heldList = async (query: string, projects?: string[]) => injectJson(app, 'GET', `/v1/callbacks/held${query}`, { headers: await asSupervisorOf(projects) });
const ticketsOf = (response: InjectedResponse) => (response.body['items'] as { ticketId: string }[]).map((i) => i.ticketId);

describe('GET /v1/callbacks/held', () => {
  it('Given a resolution’s callback its calendar cannot count, When a supervisor of its project lists held callbacks, Then it is there with what it waits for; a supervisor of another project sees none; When the corrected calendar schedules it, Then it is gone', async () => {
    const t = await resolved('P001', 'noise', cst('2026-10-16T10:00:00'));

    const listed = await heldList('', ['P001']);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [
        {
          callbackId: expect.any(String),
          kind: 'ticket',
          method: 'phone',
          ticketId: t.ticketId,
          customerId: t.customerId,
          projectCode: 'P001',
          sectionCode: 'noise',
          itemCode: 'noise.other',
          assignee: 'agent-7',
          policyId: 'noise',
          calendarId: 'closing',
          calendarVersion: 1,
          refusal: 'CALENDAR.NO_WORKING_TIME',
          owedFrom: cst('2026-10-16T10:00:00').toISOString(),
          dueWorkingDays: 2,
          heldAt: cst('2026-10-16T10:00:00').toISOString(),
        },
      ],
    });
    expect(ticketsOf(await heldList('', ['P002']))).toEqual([]);
    expect(ticketsOf(await heldList('?projectCode=P001', ['P002']))).toEqual([]);

    await publish('closing', 2, weekdays);
    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(1);

    expect(ticketsOf(await heldList('', ['P001']))).toEqual([]);
  });

  it('Given holds of two calendars and projects (one calendar corrected, then failing again), When listed by calendar, by project and a page at a time, Then each filter holds and the pages follow one another', async () => {
    const a = await resolved('P001', 'repair', cst('2026-10-20T10:00:00'));
    const b = await resolved('P002', 'repair', cst('2026-10-20T11:00:00'));
    await publish('closing', 3, ranOut);
    const d = await resolved('P002', 'noise', cst('2026-10-20T13:00:00'));

    expect(ticketsOf(await heldList('?calendarId=other'))).toEqual([a.ticketId, b.ticketId]);
    expect(ticketsOf(await heldList('?projectCode=P002'))).toEqual([b.ticketId, d.ticketId]);
    expect(ticketsOf(await heldList('?calendarId=other', ['P002']))).toEqual([b.ticketId]);

    const first = await heldList('?limit=1');
    expect(ticketsOf(first)).toEqual([a.ticketId]);
    const second = await heldList(`?limit=1&cursor=${String(first.body['nextCursor'])}`);
    expect(ticketsOf(second)).toEqual([b.ticketId]);
    const rest = await heldList(`?limit=5&cursor=${String(second.body['nextCursor'])}`);
    expect(ticketsOf(rest)).toEqual([d.ticketId]);
    expect(rest.body['nextCursor']).toBeUndefined();
  });

  it.each([
    ['a calendar id of another shape', '?calendarId=Not%20A%20Calendar', 400, 'calendarId'],
    ['a limit past the maximum', '?limit=201', 400, 'limit'],
    ['a cursor no page gave', '?cursor=not-a-cursor', 400, 'cursor'],
  ])('Given %s, When listed, Then it is refused as problem+json naming the field', async (_what, query, status, field) => {
    const response = await heldList(query);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect((response.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual([field]);
  });

  it('Given an agent, When listing held callbacks, Then it is 403', async () => {
    expect((await injectJson(app, 'GET', '/v1/callbacks/held', { role: 'agent' })).status).toBe(403);
  });
});
