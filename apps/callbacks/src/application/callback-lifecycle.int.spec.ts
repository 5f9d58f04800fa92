import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { CustomerErasedV1, CustomerMergedV1, TicketClosedV1, TicketMergedV1, TicketReopenedV1, TicketResolvedV1, type EventData } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import { OutboxWriter, newEvent } from '@cs/messaging';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { CalendarReplica, DueWorkFailures, DueWorkPostponementRepository, ProblemDetailsFilter, consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, eventually, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import type { CallbackPolicy } from '../domain/callback-policy';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { FollowedTicketsRepository } from '../infrastructure/followed-tickets.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { FollowedTicketFixture, ticketCreatedEvent, ticketResolvedEvent } from '../testing/ticket-events';
import { ReportMissedCallbacks } from './report-missed-callbacks';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { AnswerQuestionnaire } from './answer-questionnaire';
import { CallbackDueRecount } from './callback-due-recount';
import { CallbackWriter } from './callback-writer';
import { CancelOnReopen } from './cancel-on-reopen';
import { FindCallbacks } from './find-callbacks';
import { FireCallbackDeadlines } from './fire-callback-deadlines';
import { FollowCustomerMerge } from './follow-customer-merge';
import { followTicket } from './follow-ticket';
import { ForgetErasedCustomer } from './forget-erased-customer';
import { ManageCallbackPolicies } from './manage-callback-policies';
import { RecordAttempt } from './record-attempt';
import { ScheduleAfterResolution } from './schedule-after-resolution';
import { ResumeHeldCallbacks } from './resume-held-callbacks';
import { ScheduleOrHold } from './schedule-or-hold';
import { transactionTellingOnCommit } from '../testing/told-on-commit';

let db: ThrowawaySchema;
let schedule: ScheduleAfterResolution;
let cancel: CancelOnReopen;
let record: RecordAttempt;
let find: FindCallbacks;
let fire: FireCallbackDeadlines;
let manage: ManageCallbackPolicies;
let replica: CalendarReplica;
let questionnaires: AnswerQuestionnaire;
let report: ReportMissedCallbacks;
let merges: FollowCustomerMerge;
let erasures: ForgetErasedCustomer;
let resume: ResumeHeldCallbacks;
/** The clock questionnaire links are issued by: the wall clock unless a test says otherwise. */
let linkClock: () => Date = () => new Date();

const cst = (local: string) => new Date(`${local}+08:00`);
const day = (): [string, string][] => [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
/** 2026 National Day: 1–7 October off, Sunday 27 September and Saturday 10 October worked (调休). */
const NATIONAL_DAY_2026 = {
  timezone: 'Asia/Shanghai',
  workingHours: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] },
  holidays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2026-10-0${d}`, name: '国庆节' })),
  workingDays: [
    { date: '2026-09-27', name: '国庆节调休' },
    { date: '2026-10-10', name: '国庆节调休' },
  ],
};

const policy = (p: Partial<CallbackPolicy> & Pick<CallbackPolicy, 'id' | 'match' | 'dueWorkingDays'>): CallbackPolicy => ({
  name: p.id,
  calendarId: 'cn-2026',
  method: 'phone',
  attemptsAllowed: 3,
  retrySpacingMinutes: 60,
  assignTo: 'first_contact_owner',
  required: true,
  ...p,
});

function ticketEvent<D extends typeof TicketResolvedV1 | typeof TicketReopenedV1 | typeof TicketClosedV1>(definition: D, data: EventData<D>) {
  return newEvent(definition, { source: '/cs/tickets', subject: data.ticketId, data });
}

async function outboxTypes(callbackId: string): Promise<string[]> {
  const rows = (await db.dataSource.query(`SELECT event_type FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [callbackId])) as { event_type: string }[];
  return rows.map((r) => r.event_type);
}
async function outboxData(callbackId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY seq`, [callbackId, type])) as { payload: string }[];
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

type OpenedTicket = FollowedTicketFixture;

async function openTicket(project = 'P001', sectionCode = 'complaint', scheduleId?: string, customerId?: string): Promise<OpenedTicket> {
  const { ticket, created } = ticketCreatedEvent({ project, sectionCode, ownerId: 'agent-7', createdAt: cst('2026-09-29T09:00:00'), ...presentProps({ scheduleId, customerId }) });
  await consumeInOneTransaction(db.dataSource, [[created, (context) => followTicket(created, context)]]);
  return ticket;
}

async function resolve(t: OpenedTicket, at: Date): Promise<void> {
  const event = ticketResolvedEvent(t, at);
  await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => schedule.handle(event, tx, onCommit));
}

async function reopen(t: OpenedTicket, at: Date): Promise<void> {
  const event = ticketEvent(TicketReopenedV1, {
    ticketId: t.ticketId,
    number: 'TK-20260930-000001',
    customerId: t.customerId,
    status: 'in_progress',
    projectCode: t.project,
    at: at.toISOString(),
    by: 'system',
    reason: '回访不满意',
    reopenCount: 1,
  });
  await db.dataSource.transaction((tx) => cancel.handle(event, tx));
}

function closedEvent(t: OpenedTicket, at: Date, itemCode = 'complaint.other') {
  return ticketEvent(TicketClosedV1, {
    ticketId: t.ticketId,
    number: 'TK-20260930-000001',
    customerId: t.customerId,
    status: 'closed',
    itemCode,
    projectCode: t.project,
    at: at.toISOString(),
    by: 'agent-7',
  });
}

async function close(t: OpenedTicket, at: Date, itemCode = 'complaint.other'): Promise<void> {
  const event = closedEvent(t, at, itemCode);
  await db.dataSource.transaction((tx) => report.ticketClosed(event, tx));
}

/** The ticket as the missed-callback report lists it, if it does. */
/** Every item of a paged read, page after page: a first page alone would miss rows once the schema holds more. */
async function everyPage<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const listed = async (t: OpenedTicket, projects?: string[]) =>
  (await everyPage((cursor) => find.missed({ limit: 200, ...(cursor ? { cursor } : {}) }, projects))).filter((m) => m.ticketId === t.ticketId);

async function callbackOf(t: OpenedTicket, status?: 'due' | 'overdue' | 'done' | 'failed' | 'cancelled') {
  const page = await find.list({ ticketId: t.ticketId, limit: 10, ...(status ? { status } : {}) }, undefined);
  return page.items;
}

beforeAll(async () => {
  db = await throwawaySchema('callbacks_lifecycle', MIGRATIONS);
  const callbacks = new CallbackRepository();
  const timers = new CallbackTimerRepository();
  const policies = new CallbackPolicyRepository();
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 72 * 3600 } }, () => linkClock());
  const missed = new MissedCallbacksRepository();
  const writer = new CallbackWriter(callbacks, timers, links, missed, new OutboxWriter(db.schema, '/cs/callbacks'));
  report = new ReportMissedCallbacks(policies, missed);
  questionnaires = new AnswerQuestionnaire(db.dataSource, links, callbacks, writer);
  replica = new CalendarReplica(db.dataSource);
  const silent = createLogger('callbacks', 'silent');
  const holds = new ScheduleOrHold(writer, silent);
  schedule = new ScheduleAfterResolution(callbacks, policies, replica, writer, holds);
  cancel = new CancelOnReopen(callbacks, writer);
  record = new RecordAttempt(db.dataSource, callbacks, writer);
  find = new FindCallbacks(db.dataSource, callbacks, new FollowedTicketsRepository(db.dataSource), missed, new CallbackPlanRepository());
  const failures = new DueWorkFailures(db.dataSource, new DueWorkPostponementRepository(), new ServiceMetrics('callbacks'), silent);
  fire = new FireCallbackDeadlines(db.dataSource, callbacks, timers, writer, new CallbackDueRecount(callbacks, replica, writer, silent), failures, silent, loadServiceConfig('callbacks', { NODE_ENV: 'test' }));
  manage = new ManageCallbackPolicies(db.dataSource, policies, replica);
  const plans = new CallbackPlanRepository();
  erasures = new ForgetErasedCustomer(callbacks, plans, links, writer);
  merges = new FollowCustomerMerge(plans, erasures, writer);
  resume = new ResumeHeldCallbacks(db.dataSource, plans, replica, holds, silent);
  await db.dataSource.transaction((tx) => replica.apply(tx, { calendarId: 'cn-2026', version: 1, document: NATIONAL_DAY_2026, at: new Date().toISOString() }));
  await manage.replace(
    [
      policy({ id: 'complaint', match: { sections: ['complaint'] }, dueWorkingDays: 3 }),
      policy({ id: 'repair', match: { sections: ['repair'] }, dueWorkingDays: 1, assignTo: 'project_pool', attemptsAllowed: 2 }),
      policy({ id: 'value-added', match: { sections: ['value_added'] }, dueWorkingDays: 2, method: 'questionnaire' }),
    ],
    undefined,
  );
});

afterAll(async () => {
  await db?.drop();
});

describe('callback policies', () => {
  it('refuses a policy naming a calendar never received, naming the field', async () => {
    await expect(manage.replace([policy({ id: 'x', match: {}, dueWorkingDays: 1, calendarId: 'nowhere' })], undefined)).rejects.toMatchObject({
      code: 'CALLBACK_POLICY.UNKNOWN_CALENDAR',
      field: 'policies[0].calendarId',
    });
  });

  it('refuses a stale version with 412 naming If-Match and the current version', async () => {
    const { version, policies } = await manage.list();
    await expect(manage.replace(policies, version - 1)).rejects.toMatchObject({ code: 'CALLBACK_POLICY.VERSION_CONFLICT', kind: 'precondition_failed', field: 'If-Match', details: { currentVersion: version } });
  });
});

describe('a callback after resolution', () => {
  it('Given a complaint resolved on 30 September, Then it is due at the close of 10 October (the holiday skipped, the 调休 Saturday counted)', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    // 30 Sep is the start day; 1–7 Oct are holidays; 8 (Thu), 9 (Fri), 10 (调休 Sat) are the three working days.
    expect(task).toMatchObject({ status: 'due', dueAt: cst('2026-10-10T17:30:00'), assignee: 'agent-7', policyId: 'complaint', method: 'phone' });
    const [scheduled] = await outboxData(task!.id, 'callback.scheduled.v1');
    expect(scheduled).toMatchObject({ callbackId: task!.id, ticketId: t.ticketId, projectCode: 'P001', sectionCode: 'complaint', dueAt: '2026-10-10T09:30:00.000Z', attemptsAllowed: 3 });
  });

  it('Given a repair policy with a pool, Then the callback has no assignee and the same resolution redelivered schedules nothing more', async () => {
    const t = await openTicket('P001', 'repair');
    await resolve(t, cst('2026-09-30T10:00:00'));
    await resolve(t, cst('2026-09-30T10:00:00'));
    const tasks = await callbackOf(t);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.assignee).toBeUndefined();
    expect(tasks[0]!.dueAt).toEqual(cst('2026-10-08T17:30:00'));
  });

  it('Given no matching policy, Then no callback is scheduled', async () => {
    const t = await openTicket('P001', 'consultation');
    await resolve(t, cst('2026-09-30T10:00:00'));
    expect(await callbackOf(t)).toEqual([]);
  });

  it('Given three unanswered attempts, Then the callback fails with callback.failed', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await record.execute(task!.id, { outcome: 'no_answer' }, ['P001'], 'agent-7');
    await record.execute(task!.id, { outcome: 'busy' }, ['P001'], 'agent-7');
    const failed = await record.execute(task!.id, { outcome: 'no_answer' }, ['P001'], 'agent-7');
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await outboxTypes(task!.id)).toEqual(['callback.scheduled.v1', 'callback.attempted.v1', 'callback.attempted.v1', 'callback.attempted.v1', 'callback.failed.v1']);
    const [failure] = await outboxData(task!.id, 'callback.failed.v1');
    expect(failure).toMatchObject({ attempts: 3, lastOutcome: 'no_answer', assignee: 'agent-7' });
    expect((await find.byId(task!.id, ['P001'])).attempts.map((a) => a.outcome)).toEqual(['no_answer', 'busy', 'no_answer']);
  });

  it('Given an unanswered attempt, Then the queue of calls to make now leaves the callback out until its next attempt; an earlier attempt is recorded all the same (ADR 0082)', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    const callableNow = async (at: Date) => (await find.list({ ticketId: t.ticketId, callableAt: at, limit: 10 }, undefined)).items.map((c) => c.id);
    expect(await callableNow(new Date())).toEqual([task!.id]);
    const tried = await record.execute(task!.id, { outcome: 'busy' }, ['P001'], 'agent-7');
    const next = tried.nextAttemptAt!;
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(await callableNow(new Date())).toEqual([]);
    expect(await callableNow(next)).toEqual([task!.id]);
    expect((await callbackOf(t)).map((c) => c.id)).toEqual([task!.id]);
    // The customer asked to be called in ten minutes: the call is made and recorded before the spacing.
    expect(await record.execute(task!.id, { outcome: 'reached', satisfaction: 'satisfied' }, ['P001'], 'agent-7')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('Given more callbacks than a page, Then the queue pages through them by due time with its cursor, each once; a forged cursor is a 400 naming cursor', async () => {
    const project = `PG${randomUUID().slice(0, 6)}`;
    const opened: OpenedTicket[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = await openTicket(project);
      opened.push(t);
      await resolve(t, cst(`2026-09-30T1${i}:00:00`));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await find.list({ limit: 2, ...(cursor ? { cursor } : {}) }, [project]);
      seen.push(...page.items.map((item) => item.ticketId ?? 'a plan task'));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // Each once: callbacks due at the same time are ordered by id, so compare as sets of five.
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual(opened.map((t) => t.ticketId).sort());
    expect(pages).toBe(3);
    const forged = Buffer.from(JSON.stringify({ k: 'yesterday', id: randomUUID() })).toString('base64url');
    await expect(find.list({ limit: 2, cursor: forged }, [project])).rejects.toMatchObject({
      code: 'CALLBACK.BAD_CURSOR',
      errors: [{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' } }],
    });
  });

  it('Given a callback of project P001, Then a P002 user neither sees it nor may record on it', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await expect(find.byId(task!.id, ['P002'])).rejects.toMatchObject({ kind: 'not_found' });
    await expect(record.execute(task!.id, { outcome: 'no_answer' }, ['P002'], 'agent-x')).rejects.toMatchObject({ kind: 'not_found' });
    expect((await find.list({ ticketId: t.ticketId, limit: 10 }, ['P002'])).items).toEqual([]);
    expect((await find.byId(task!.id, ['P001'])).task.attempts).toBe(0);
  });

  it('Given a dissatisfied answer, Then callback.completed says so, redacted; reopening cancels nothing done; the next resolution schedules anew and settles the promises', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [first] = await callbackOf(t);
    const now = cst('2026-10-08T10:00:00');
    await record.execute(
      first!.id,
      {
        outcome: 'reached',
        satisfaction: 'dissatisfied',
        score: 2,
        comment: '还是漏水，联系13812345678',
        nextCallbackAt: cst('2026-10-15T10:00:00'),
        departmentDeadline: cst('2026-10-12T17:30:00'),
      },
      ['P001'],
      'agent-7',
      now,
    );
    const [completed] = await outboxData(first!.id, 'callback.completed.v1');
    expect(completed).toMatchObject({ satisfied: false, satisfaction: 'dissatisfied', satisfactionScore: 2, onTime: true, attempts: 1, departmentDeadline: '2026-10-12T09:30:00.000Z' });
    expect(String(completed!.comment)).not.toContain('13812345678');
    await reopen(t, now);
    expect((await find.byId(first!.id, undefined)).task.status).toBe('done');
    await resolve(t, cst('2026-10-09T16:00:00'));
    const open = await callbackOf(t, 'due');
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(first!.id);
    expect((await find.byId(first!.id, undefined)).task.followUps.map((f) => f.state)).toEqual(['settled', 'settled']);
  });

  it('Given an open callback, When the ticket reopens, Then it is cancelled', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await reopen(t, cst('2026-10-08T10:00:00'));
    expect((await find.byId(task!.id, undefined)).task.status).toBe('cancelled');
    expect((await outboxData(task!.id, 'callback.cancelled.v1'))[0]).toMatchObject({ reason: 'ticket_reopened' });
  });
});

describe('tickets merged, or opened by a schedule', () => {
  async function merge(t: OpenedTicket, at: Date): Promise<void> {
    const merged = newEvent(TicketMergedV1, {
      source: '/cs/tickets',
      subject: t.ticketId,
      data: {
        ticketId: t.ticketId,
        number: 'TK-20260930-000001',
        customerId: t.customerId,
        status: 'closed',
        projectCode: t.project,
        at: at.toISOString(),
        by: 'agent-7',
        mergedTicketId: t.ticketId,
        survivorTicketId: randomUUID(),
        survivorNumber: 'TK-20260930-000002',
        contactsMoved: 1,
      },
    });
    await db.dataSource.transaction((tx) => cancel.handleMerge(merged, tx));
  }

  it('Given an open callback, When its ticket is merged into another (工单合并), Then it is cancelled as ticket_merged', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await merge(t, cst('2026-10-08T10:00:00'));
    expect((await find.byId(task!.id, undefined)).task.status).toBe('cancelled');
    expect((await outboxData(task!.id, 'callback.cancelled.v1'))[0]).toMatchObject({ reason: 'ticket_merged' });
  });

  it('Given a dissatisfied callback’s promises, When the reopened ticket is merged into another, Then they are settled and never fire overdue', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await record.execute(
      task!.id,
      { outcome: 'reached', satisfaction: 'dissatisfied', nextCallbackAt: cst('2026-10-15T10:00:00'), departmentDeadline: cst('2026-10-12T17:30:00') },
      undefined,
      'agent-7',
      cst('2026-10-08T10:00:00'),
    );
    await reopen(t, cst('2026-10-08T10:00:00'));
    await merge(t, cst('2026-10-09T10:00:00'));
    expect((await find.byId(task!.id, undefined)).task.followUps.map((f) => f.state)).toEqual(['settled', 'settled']);
    await fire.fireDue(cst('2026-10-20T09:00:00'));
    expect(await outboxData(task!.id, 'callback.overdue.v1')).toEqual([]);
  });

  it('Given a ticket a recurring schedule opened (周期工单), When it is resolved, Then nobody is called back', async () => {
    const t = await openTicket('P001', 'complaint', randomUUID());
    await resolve(t, cst('2026-09-30T10:00:00'));
    expect(await callbackOf(t)).toEqual([]);
  });
});

describe('callback deadlines', () => {
  it('Given a callback and a rectification deadline past, Then each fires callback.overdue once, however often the loop runs', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    const after = cst('2026-10-12T09:00:00');
    await fire.fireDue(after);
    await fire.fireDue(after);
    expect((await find.byId(task!.id, undefined)).task.status).toBe('overdue');
    await record.execute(task!.id, { outcome: 'reached', satisfaction: 'very_dissatisfied', departmentDeadline: cst('2026-10-13T17:30:00') }, undefined, 'agent-7', cst('2026-10-12T10:00:00'));
    const [completed] = await outboxData(task!.id, 'callback.completed.v1');
    expect(completed).toMatchObject({ onTime: false });
    await fire.fireDue(cst('2026-10-14T09:00:00'));
    await fire.fireDue(cst('2026-10-14T09:00:00'));
    const overdue = await outboxData(task!.id, 'callback.overdue.v1');
    expect(overdue.map((o) => [o.deadline, o.deadlineAt])).toEqual([
      ['callback', '2026-10-10T09:30:00.000Z'],
      ['rectification', '2026-10-13T09:30:00.000Z'],
    ]);
  });
});

describe('questionnaire callbacks', () => {
  async function questionnaireFor(resolvedAt = cst('2026-09-30T10:00:00')): Promise<{ callbackId: string; token: string; url: string; expiresAt: string }> {
    const t = await openTicket('P001', 'value_added');
    await resolve(t, resolvedAt);
    const [task] = await callbackOf(t);
    const [scheduled] = await outboxData(task!.id, 'callback.scheduled.v1');
    const q = scheduled!.questionnaire as { url: string; expiresAt: string };
    return { callbackId: task!.id, token: q.url.split('/').pop()!, ...q };
  }

  it('Given a questionnaire callback, Then callback.scheduled carries a signed link naming no customer data', async () => {
    const q = await questionnaireFor();
    expect(q.url).toMatch(/^https:\/\/cs\.example\.com\/v1\/questionnaires\/[\w-]+\.[\w-]+$/);
    // The callback id, a nonce and the expiry, in 30 bytes: nothing about the customer, short enough for an SMS.
    const claim = Buffer.from(q.token.split('.')[0]!, 'base64url');
    expect(claim).toHaveLength(30);
    expect(claim.subarray(0, 16).toString('hex')).toBe(q.callbackId.replace(/-/g, ''));
    expect(q.token.length).toBeLessThan(100);
  });

  describe('a link’s lifetime', () => {
    const resolvedAt = cst('2026-09-30T10:00:00');
    const lifetime = 72 * 3600_000;
    afterEach(() => {
      linkClock = () => new Date();
    });

    it('Given a resolution handled as it happens, Then its link expires 72 hours after the resolution', async () => {
      linkClock = () => resolvedAt;
      const q = await questionnaireFor(resolvedAt);
      expect(new Date(q.expiresAt)).toEqual(new Date(resolvedAt.getTime() + lifetime));
    });

    it('Given a resolution stamped by a clock a few seconds ahead of this one, Then its link still lives 72 hours from the resolution', async () => {
      linkClock = () => new Date(resolvedAt.getTime() - 5000);
      const q = await questionnaireFor(resolvedAt);
      expect(new Date(q.expiresAt)).toEqual(new Date(resolvedAt.getTime() + lifetime));
    });

    it('Given a resolution handled seven weeks after it happened (replayed from the dead-letter topic), Then the link sent for it can be answered for its full 72 hours from then, and not after', async () => {
      const handledAt = cst('2026-11-20T10:00:00');
      linkClock = () => handledAt;
      const q = await questionnaireFor(resolvedAt);
      expect(new Date(q.expiresAt)).toEqual(new Date(handledAt.getTime() + lifetime));
      const lastSecond = new Date(handledAt.getTime() + lifetime - 1000);
      await questionnaires.show(q.token, lastSecond);
      await questionnaires.answer(q.token, { satisfaction: 'satisfied' }, () => lastSecond);
      expect((await find.byId(q.callbackId, undefined)).task).toMatchObject({ status: 'done', satisfied: true });
      const late = await questionnaireFor(resolvedAt);
      const afterIt = new Date(new Date(late.expiresAt).getTime() + 1000);
      await expect(questionnaires.answer(late.token, { satisfaction: 'satisfied' }, () => afterIt)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.EXPIRED' });
    });
  });

  it('Given the link opened any number of times, Then nothing is recorded; the answer is recorded once and the link is then spent', async () => {
    const q = await questionnaireFor();
    // The link lives 72 hours from when it was sent, never before the resolution it was sent on.
    const during = cst('2026-10-01T10:00:00');
    await questionnaires.show(q.token, during);
    await questionnaires.show(q.token, during);
    expect((await find.byId(q.callbackId, undefined)).attempts).toEqual([]);
    await questionnaires.answer(q.token, { satisfaction: 'satisfied', score: 5, comment: '师傅很专业' }, () => during);
    const { task, attempts } = await find.byId(q.callbackId, undefined);
    expect(task).toMatchObject({ status: 'done', satisfied: true });
    expect(attempts).toEqual([expect.objectContaining({ outcome: 'reached', satisfaction: 'satisfied', score: 5, by: 'customer' })]);
    await expect(questionnaires.answer(q.token, { satisfaction: 'dissatisfied' }, () => during)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.ANSWERED' });
    await expect(questionnaires.show(q.token, during)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.ANSWERED' });
  });

  it('Given the customer reached by phone before answering, Then the link says it is no longer needed, not that it was answered', async () => {
    const q = await questionnaireFor();
    const during = cst('2026-10-01T10:00:00');
    await record.execute(q.callbackId, { outcome: 'reached', satisfaction: 'satisfied' }, undefined, 'agent-7', during);
    await expect(questionnaires.show(q.token, during)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.CLOSED', kind: 'conflict' });
    await expect(questionnaires.answer(q.token, { satisfaction: 'dissatisfied' }, () => during)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.CLOSED' });
    const { task, attempts } = await find.byId(q.callbackId, undefined);
    expect([task.satisfied, attempts.map((a) => a.by)]).toEqual([true, ['agent-7']]);
  });

  it('Given a link checked before it expires and used after (the answer waited for the callback an agent was recording on), Then it is refused as expired, not as answered, and records nothing', async () => {
    const q = await questionnaireFor();
    const expiresAt = new Date(q.expiresAt);
    // The clock as the answer reads it: a second before the expiry as the link is checked, a second after from then on.
    const instants = [new Date(expiresAt.getTime() - 1000)];
    const clock = () => instants.shift() ?? new Date(expiresAt.getTime() + 1000);
    let release!: () => void;
    const recording = db.dataSource.transaction(async (tx) => {
      await new CallbackRepository().lock(tx, q.callbackId, undefined);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await eventually(async () => expect(release).toBeDefined());
    const answering = questionnaires.answer(q.token, { satisfaction: 'satisfied' }, clock);
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    release();
    await recording;
    await expect(answering).rejects.toMatchObject({ code: 'QUESTIONNAIRE.EXPIRED' });
    expect((await find.byId(q.callbackId, undefined)).attempts).toEqual([]);
  });

  it('Given an expired link, Then the page and the answer say the same: 410 Gone, QUESTIONNAIRE.EXPIRED, whether it expired before the answer came or while it waited', async () => {
    const q = await questionnaireFor();
    const expiresAt = new Date(q.expiresAt);
    const late = new Date(expiresAt.getTime() + 1000);
    const rendered = async (refused: Promise<void>) => new ProblemDetailsFilter(createLogger('callbacks', 'silent')).toProblem(await refused.then(() => undefined, (error: unknown) => error));
    const gone = { status: 410, title: 'Gone', code: 'QUESTIONNAIRE.EXPIRED', type: 'urn:cs:problem:questionnaire-expired' };
    expect(await rendered(questionnaires.show(q.token, late))).toMatchObject(gone);
    expect(await rendered(questionnaires.answer(q.token, { satisfaction: 'satisfied' }, () => late))).toMatchObject(gone);
    // Checked a second before the expiry, used a second after.
    const instants = [new Date(expiresAt.getTime() - 1000)];
    expect(await rendered(questionnaires.answer(q.token, { satisfaction: 'satisfied' }, () => instants.shift() ?? late))).toMatchObject(gone);
    expect((await find.byId(q.callbackId, undefined)).attempts).toEqual([]);
  });

  it('Given an expired or tampered link, Then it is refused and records nothing', async () => {
    const q = await questionnaireFor();
    const late = new Date(new Date(q.expiresAt).getTime() + 1000);
    await expect(questionnaires.answer(q.token, { satisfaction: 'satisfied' }, () => late)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.EXPIRED' });
    const [claim, signature] = q.token.split('.');
    const extended = Buffer.from(claim!, 'base64url');
    extended.writeUInt32BE(4_102_444_800, 26);
    const other = extended.toString('base64url');
    await expect(questionnaires.answer(`${other}.${signature}`, { satisfaction: 'satisfied' }, () => cst('2026-10-01T10:00:00'))).rejects.toMatchObject({ code: 'QUESTIONNAIRE.NOT_FOUND' });
    // Characters base64url decoding would skip, added to a good link.
    for (const padded of [`${q.token}!`, `${claim}=.${signature}`, `${claim}.${signature}~`]) {
      await expect(questionnaires.answer(padded, { satisfaction: 'satisfied' }, () => cst('2026-10-01T10:00:00'))).rejects.toMatchObject({ code: 'QUESTIONNAIRE.NOT_FOUND' });
    }
    expect((await find.byId(q.callbackId, undefined)).attempts).toEqual([]);
  });
});

describe('the missed-callback report (漏回访)', () => {

  it('Given a complaint closed with its callback failed, Then it is reported with the callback’s status, to its project only', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await record.execute(task!.id, { outcome: 'refused' }, undefined, 'agent-7');
    await close(t, cst('2026-10-09T10:00:00'));
    expect(await listed(t, ['P001'])).toEqual([expect.objectContaining({ policyId: 'complaint', callbackId: task!.id, lastStatus: 'failed', sectionCode: 'complaint' })]);
    expect(await listed(t, ['P002'])).toEqual([]);
  });

  it('Given a matter opened as a consultation and classified a complaint (补录) before it was resolved, Then its failed callback is reported missed as the complaint it was resolved as', async () => {
    const opened = await openTicket('P001', 'consultation');
    const t = { ...opened, sectionCode: 'complaint' };
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    expect(task).toMatchObject({ policyId: 'complaint' });
    await record.execute(task!.id, { outcome: 'refused' }, undefined, 'agent-7');
    await close(t, cst('2026-10-09T10:00:00'));
    expect(await listed(t)).toEqual([expect.objectContaining({ policyId: 'complaint', lastStatus: 'failed', sectionCode: 'complaint' })]);
  });

  it('Given complaints reclassified after they were resolved (补录), When they close, Then each is judged by the item it was resolved as (ADR 0075), not the item it closed as', async () => {
    const current = await manage.list();
    const added = await manage.replace([...current.policies, policy({ id: 'decoration', match: { sections: ['complaint'], items: ['complaint.decoration'] }, dueWorkingDays: 5, required: false })], current.version);
    try {
      await judgedByTheItemResolvedAs();
    } finally {
      // The later tests run under the policies as they were.
      await manage.replace(current.policies, added.version);
    }
  });

  async function judgedByTheItemResolvedAs(): Promise<void> {
    const resolvedAs = async (itemCode: string) => {
      const t = await openTicket();
      const resolved = ticketResolvedEvent(t, cst('2026-09-30T10:00:00'));
      await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => schedule.handle({ ...resolved, data: { ...resolved.data, itemCode } }, tx, onCommit));
      const [task] = await callbackOf(t);
      await record.execute(task!.id, { outcome: 'refused' }, undefined, 'agent-7');
      return { t, task: task! };
    };
    // Resolved as an item whose policy asks for a callback but does not require one.
    const optional = await resolvedAs('complaint.decoration');
    expect(optional.task).toMatchObject({ policyId: 'decoration' });
    await close(optional.t, cst('2026-10-09T10:00:00'), 'complaint.other');
    expect(await listed(optional.t)).toEqual([]);
    // Resolved as one whose callback is required, and moved to the optional item before it closed.
    const required = await resolvedAs('complaint.other');
    expect(required.task).toMatchObject({ policyId: 'complaint' });
    await close(required.t, cst('2026-10-09T10:00:00'), 'complaint.decoration');
    expect(await listed(required.t)).toEqual([expect.objectContaining({ policyId: 'complaint', itemCode: 'complaint.other', lastStatus: 'failed' })]);
  }

  it('Given a complaint closed before any callback, Then it is reported; a late completed callback takes it off', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    await close(t, cst('2026-09-30T11:00:00'));
    expect(await listed(t)).toHaveLength(1);
    const [task] = await callbackOf(t);
    await record.execute(task!.id, { outcome: 'reached', satisfaction: 'satisfied' }, undefined, 'agent-7');
    expect(await listed(t)).toEqual([]);
  });

  it('Given a ticket closed after a completed callback, or of a kind no policy requires, Then it is not reported', async () => {
    const done = await openTicket();
    await resolve(done, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(done);
    await record.execute(task!.id, { outcome: 'reached', satisfaction: 'very_satisfied' }, undefined, 'agent-7');
    await close(done, cst('2026-10-09T10:00:00'));
    const consultation = await openTicket('P001', 'consultation');
    await close(consultation, cst('2026-10-09T10:00:00'));
    expect([...(await listed(done)), ...(await listed(consultation))]).toEqual([]);
  });

  it('Given a ticket resolved while no policy asked for its callback, When one that requires it arrives before the ticket closes, Then it is not reported; one resolved after is', async () => {
    const before = await openTicket('P001', 'housekeeping');
    await resolve(before, cst('2026-09-30T10:00:00'));
    expect(await callbackOf(before)).toEqual([]);
    const current = await manage.list();
    await manage.replace([...current.policies, policy({ id: 'housekeeping', match: { sections: ['housekeeping'] }, dueWorkingDays: 1 })], current.version);
    await close(before, cst('2026-10-09T10:00:00'));
    expect(await listed(before)).toEqual([]);

    const after = await openTicket('P001', 'housekeeping');
    await resolve(after, cst('2026-10-09T10:00:00'));
    await close(after, cst('2026-10-09T11:00:00'));
    expect(await listed(after)).toEqual([expect.objectContaining({ policyId: 'housekeeping' })]);
  });

  it('Given a ticket’s close in a consumer transaction not yet committed, When its open callback is completed meanwhile, Then the completion waits for the close and takes the ticket off the report', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    let commitClose!: () => void;
    const closing = db.dataSource.transaction(async (tx) => {
      await report.ticketClosed(closedEvent(t, cst('2026-10-09T10:00:00')), tx);
      await new Promise<void>((resolve) => (commitClose = resolve));
    });
    await eventually(async () => expect(commitClose).toBeDefined());
    let settled = false;
    const completion = record.execute(task!.id, { outcome: 'reached', satisfaction: 'satisfied' }, undefined, 'agent-7').finally(() => (settled = true));
    // Either the completion waits for the close, or (as before) it went through without seeing it.
    await eventually(async () => expect(settled || (await statementsWaitingForLocks(db.dataSource)) > 0).toBe(true));
    commitClose();
    await closing;
    await completion;
    expect(await listed(t)).toEqual([]);
  });

  it('Given a complaint reported missed, When it is reopened, resolved as a consultation no policy asks a callback for and closed again, Then it leaves the report: its latest close owed none', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    await record.execute(task!.id, { outcome: 'refused' }, undefined, 'agent-7');
    await close(t, cst('2026-10-09T10:00:00'));
    expect(await listed(t)).toHaveLength(1);
    await reopen(t, cst('2026-10-12T09:00:00'));
    const consultation = { ...t, sectionCode: 'consultation' };
    await resolve(consultation, cst('2026-10-12T10:00:00'));
    await close(consultation, cst('2026-10-12T11:00:00'), 'consultation.other');
    expect(await listed(t)).toEqual([]);
  });

  it('Given a complaint reported missed, When it is reopened, resolved as a repair and closed again with that callback failed too, Then it is listed by the repair policy and item it was last resolved as', async () => {
    const t = await openTicket();
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [first] = await callbackOf(t);
    await record.execute(first!.id, { outcome: 'refused' }, undefined, 'agent-7');
    await close(t, cst('2026-10-09T10:00:00'));
    await reopen(t, cst('2026-10-12T09:00:00'));
    const repair = { ...t, sectionCode: 'repair' };
    await resolve(repair, cst('2026-10-12T10:00:00'));
    const [second] = await callbackOf(t, 'due');
    await record.execute(second!.id, { outcome: 'wrong_number' }, undefined, 'agent-7');
    await close(repair, cst('2026-10-14T11:00:00'), 'repair.other');
    expect(await listed(t)).toEqual([expect.objectContaining({ policyId: 'repair', sectionCode: 'repair', itemCode: 'repair.other', callbackId: second!.id, lastStatus: 'failed' })]);
  });

  it('Given more missed tickets than a page, Then the report pages through them newest close first with its cursor, each once, within its bounds; a forged cursor is a 400 naming cursor', async () => {
    const project = `PM${randomUUID().slice(0, 6)}`;
    const closes = ['2026-10-09T10:00:00', '2026-10-09T11:00:00', '2026-10-09T11:00:00', '2026-10-09T12:00:00', '2026-10-09T13:00:00', '2026-10-09T14:00:00'];
    const closed: { ticketId: string; at: Date }[] = [];
    for (const local of closes) {
      const t = await openTicket(project);
      await close(t, cst(local));
      closed.push({ ticketId: t.ticketId, at: cst(local) });
    }
    // Newest close first; of two closed at once, the greater ticket id first.
    const newestFirst = [...closed].sort((a, b) => b.at.getTime() - a.at.getTime() || b.ticketId.localeCompare(a.ticketId)).map((c) => c.ticketId);
    const bounds = { from: cst('2026-10-09T11:00:00'), to: cst('2026-10-09T14:00:00') };
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await find.missed({ limit: 2, ...bounds, ...(cursor ? { cursor } : {}) }, [project]);
      pages.push(page.items.map((m) => m.ticketId));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([newestFirst.slice(1, 3), newestFirst.slice(3, 5)]);
    const all = await find.missed({ limit: 500 }, [project]);
    expect([all.items.map((m) => m.ticketId), all.nextCursor]).toEqual([newestFirst, undefined]);
    const forged = Buffer.from(JSON.stringify({ k: 'yesterday', id: randomUUID() })).toString('base64url');
    await expect(find.missed({ limit: 2, cursor: forged }, [project])).rejects.toMatchObject({ code: 'CALLBACK.BAD_CURSOR', errors: [{ field: 'cursor' }] });
  });

  it('Given a complaint a schedule opened (周期工单), resolved and closed, Then it is not reported: no customer was owed a callback', async () => {
    const routine = await openTicket('P001', 'complaint', randomUUID());
    await resolve(routine, cst('2026-09-30T10:00:00'));
    await close(routine, cst('2026-10-09T10:00:00'));
    expect(await callbackOf(routine)).toEqual([]);
    expect(await listed(routine)).toEqual([]);
  });
});

describe('a customer erased (PIPL) or merged into another', () => {
  async function erase(customerId: string): Promise<void> {
    const data = { customerId, pseudonym: '客户-4F2A', erasedAt: cst('2026-10-08T12:00:00').toISOString() };
    const erased = newEvent(CustomerErasedV1, { source: '/cs/intake', subject: customerId, data });
    await consumeInOneTransaction(db.dataSource, [[erased, (context) => erasures.erased(context.tx, erased.data)]]);
  }
  async function merge(survivorId: string, duplicateId: string, at = cst('2026-10-08T11:00:00')): Promise<void> {
    const data = { customerId: survivorId, mergedCustomerId: duplicateId, mergedAt: at.toISOString(), mergedBy: 'sup-1' };
    const merged = newEvent(CustomerMergedV1, { source: '/cs/intake', subject: survivorId, data });
    await consumeInOneTransaction(db.dataSource, [[merged, (context) => merges.merged(context.tx, merged.data)]]);
  }
  /** What the attempts of a callback hold in free text, oldest first. */
  const saidOn = async (callbackId: string) =>
    (await db.dataSource.query(`SELECT comment, new_needs FROM ${db.schema}.callback_attempts WHERE callback_id = $1 ORDER BY attempt`, [callbackId])) as { comment: string | null; new_needs: string | null }[];
  const linksOf = async (callbackId: string) => ((await db.dataSource.query(`SELECT nonce FROM ${db.schema}.questionnaire_links WHERE callback_id = $1`, [callbackId])) as unknown[]).length;
  async function resolvedCallback(customerId: string, sectionCode = 'complaint') {
    const t = await openTicket('P001', sectionCode, undefined, customerId);
    await resolve(t, cst('2026-09-30T10:00:00'));
    const [task] = await callbackOf(t);
    return { t, task: task! };
  }

  it('Given a customer’s callbacks — one done with their words on it, one open, one a questionnaire — When they are erased (and told so again), Then their words are wiped, the open ones are cancelled once and leave the queue, the link is withdrawn, and a resolution arriving later owes them nothing; another customer’s stay as they were', async () => {
    const customerId = randomUUID();
    const done = await resolvedCallback(customerId);
    await record.execute(done.task.id, { outcome: 'no_answer', comment: '老人接的电话，说儿子下午回3栋1202' }, undefined, 'agent-7');
    await record.execute(done.task.id, { outcome: 'reached', satisfaction: 'satisfied', score: 5, comment: '王先生很满意', newNeeds: '想给女儿报名小区钢琴课' }, undefined, 'agent-7');
    const open = await resolvedCallback(customerId);
    const survey = await resolvedCallback(customerId, 'value_added');
    const [scheduled] = await outboxData(survey.task.id, 'callback.scheduled.v1');
    const token = (scheduled!.questionnaire as { url: string }).url.split('/').pop()!;
    const neighbour = await resolvedCallback(randomUUID());
    await record.execute(neighbour.task.id, { outcome: 'busy', comment: '邻居说他出差了' }, undefined, 'agent-7');

    await erase(customerId);
    await erase(customerId);

    expect(await saidOn(done.task.id)).toEqual([
      { comment: null, new_needs: null },
      { comment: null, new_needs: null },
    ]);
    expect((await find.byId(done.task.id, undefined)).task).toMatchObject({ status: 'done', satisfied: true });
    for (const cancelled of [open.task, survey.task]) {
      expect((await find.byId(cancelled.id, undefined)).task.status).toBe('cancelled');
      expect(await outboxData(cancelled.id, 'callback.cancelled.v1')).toEqual([expect.objectContaining({ reason: 'manual', customerErased: true, customerId })]);
    }
    expect((await everyPage((cursor) => find.list({ status: 'due', limit: 200, ...(cursor ? { cursor } : {}) }, undefined))).filter((c) => c.customerId === customerId)).toEqual([]);
    expect(await linksOf(survey.task.id)).toBe(0);
    const during = cst('2026-10-01T10:00:00');
    await expect(questionnaires.show(token, during)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.CLOSED' });
    await expect(questionnaires.answer(token, { satisfaction: 'satisfied', comment: '我叫王建国' }, () => during)).rejects.toMatchObject({ code: 'QUESTIONNAIRE.CLOSED' });
    expect(await saidOn(neighbour.task.id)).toEqual([{ comment: '邻居说他出差了', new_needs: null }]);
    expect((await find.byId(neighbour.task.id, undefined)).task.status).toBe('due');

    // A resolution published before the erasure and consumed after it (another topic): nobody is called, nothing missed.
    const late = await resolvedCallback(customerId);
    expect(late.task).toBeUndefined();
    await close(late.t, cst('2026-10-09T10:00:00'));
    expect(await listed(late.t)).toEqual([]);
  });

  it('Given a resolution scheduling a callback, not yet committed, When the customer is erased meanwhile, Then the erasure waits for it and cancels the callback it scheduled', async () => {
    const customerId = randomUUID();
    const t = await openTicket('P001', 'complaint', undefined, customerId);
    let commitResolution!: () => void;
    const resolution = transactionTellingOnCommit(db.dataSource, async (tx, onCommit) => {
      await schedule.handle(ticketResolvedEvent(t, cst('2026-10-08T11:00:00')), tx, onCommit);
      await new Promise<void>((resolve) => (commitResolution = resolve));
    });
    await eventually(async () => expect(commitResolution).toBeDefined());
    const erasure = erase(customerId);
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    commitResolution();
    await resolution;
    await erasure;
    const [task] = await callbackOf(t);
    expect(task).toMatchObject({ status: 'cancelled' });
  });

  it('Given a duplicate customer’s open callback, followed ticket and missed callback, When it is merged into the survivor (told twice), Then they are the survivor’s, and the survivor’s erasure reaches them', async () => {
    const [survivor, duplicate] = [randomUUID(), randomUUID()];
    const open = await resolvedCallback(duplicate);
    const missedOne = await openTicket('P001', 'complaint', undefined, duplicate);
    await close(missedOne, cst('2026-10-08T10:00:00'));

    await merge(survivor, duplicate);
    await merge(survivor, duplicate);

    expect((await find.byId(open.task.id, undefined)).task).toMatchObject({ customerId: survivor, status: 'due' });
    const followed = (await db.dataSource.query(`SELECT customer_id::text AS id FROM ${db.schema}.followed_tickets WHERE ticket_id = ANY($1)`, [[open.t.ticketId, missedOne.ticketId]])) as { id: string }[];
    expect(followed.map((f) => f.id)).toEqual([survivor, survivor]);
    expect(await listed(missedOne)).toEqual([expect.objectContaining({ customerId: survivor })]);

    await erase(survivor);
    expect((await find.byId(open.task.id, undefined)).task.status).toBe('cancelled');
  });

  it('Given a duplicate merged into the survivor, When its tickets’ events published before the merge arrive after it (another topic), Then the callback, the followed ticket and the miss are the survivor’s, and the survivor’s erasure reaches them', async () => {
    const [survivor, duplicate] = [randomUUID(), randomUUID()];
    const resolvedLate = await openTicket('P001', 'complaint', undefined, duplicate);
    const closedLate = await openTicket('P001', 'complaint', undefined, duplicate);

    await merge(survivor, duplicate);
    const openedLate = await openTicket('P001', 'complaint', undefined, duplicate);
    await resolve(resolvedLate, cst('2026-10-08T12:00:00'));
    await close(closedLate, cst('2026-10-08T12:00:00'));

    const [task] = await callbackOf(resolvedLate);
    expect(task).toMatchObject({ customerId: survivor, status: 'due' });
    expect(await listed(closedLate)).toEqual([expect.objectContaining({ customerId: survivor })]);
    const followed = (await db.dataSource.query(`SELECT customer_id::text AS id FROM ${db.schema}.followed_tickets WHERE ticket_id = $1`, [openedLate.ticketId])) as { id: string }[];
    expect(followed).toEqual([{ id: survivor }]);

    await erase(survivor);
    expect((await find.byId(task!.id, undefined)).task.status).toBe('cancelled');
  });

  it('Given a chain of merges heard out of order (the later first: each is keyed by its survivor), Then the first duplicate’s callback and a late resolution naming them are the last survivor’s', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const open = await resolvedCallback(first);
    const late = await openTicket('P001', 'complaint', undefined, first);
    await merge(third, second, cst('2026-10-08T11:30:00'));

    await merge(second, first, cst('2026-10-08T11:00:00'));
    await resolve(late, cst('2026-10-08T12:00:00'));

    expect((await find.byId(open.task.id, undefined)).task.customerId).toBe(third);
    expect(await callbackOf(late)).toEqual([expect.objectContaining({ customerId: third })]);
  });

  it('Given a chain of merges heard out of order whose last survivor was erased before the first merge is heard, Then the first duplicate’s open callback is cancelled and its words wiped, not left open for the erased customer', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const open = await resolvedCallback(first);
    await record.execute(open.task.id, { outcome: 'no_answer', comment: '老人接的电话，说儿子下午回3栋1202' }, undefined, 'agent-7');
    // The second merge and the erasure share a key (the last survivor); the first merge, keyed by the second customer, comes last.
    await merge(third, second, cst('2026-10-08T11:30:00'));
    await erase(third);

    await merge(second, first, cst('2026-10-08T11:00:00'));

    expect((await find.byId(open.task.id, undefined)).task).toMatchObject({ customerId: third, status: 'cancelled' });
    expect(await saidOn(open.task.id)).toEqual([{ comment: null, new_needs: null }]);
  });

  it('Given a customer merged into one later merged into a third, When a resolution naming the first arrives, Then the third is called back', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const t = await openTicket('P001', 'complaint', undefined, first);
    await merge(second, first, cst('2026-10-08T11:00:00'));
    await merge(third, second, cst('2026-10-08T11:30:00'));

    await resolve(t, cst('2026-10-08T12:00:00'));

    expect(await callbackOf(t)).toEqual([expect.objectContaining({ customerId: third, status: 'due' })]);
  });

  it('Given a duplicate’s new ticket waiting on its merge, When the merge commits, Then the ticket is followed for the survivor', async () => {
    const [survivor, duplicate] = [randomUUID(), randomUUID()];
    let commitMerge!: () => void;
    const merging = db.dataSource.transaction(async (tx) => {
      await merges.merged(tx, { customerId: survivor, mergedCustomerId: duplicate, mergedAt: cst('2026-10-08T11:00:00').toISOString(), mergedBy: 'sup-1' });
      await new Promise<void>((resolve) => (commitMerge = resolve));
    });
    await eventually(async () => expect(commitMerge).toBeDefined());
    const opening = openTicket('P001', 'complaint', undefined, duplicate);
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    commitMerge();
    await merging;
    const t = await opening;

    const followed = (await db.dataSource.query(`SELECT customer_id::text AS id FROM ${db.schema}.followed_tickets WHERE ticket_id = $1`, [t.ticketId])) as { id: string }[];
    expect(followed).toEqual([{ id: survivor }]);
  });

  it('Given a resolution of a duplicate’s ticket waiting on its merge, When the merge commits, Then the callback it schedules is the survivor’s', async () => {
    const [survivor, duplicate] = [randomUUID(), randomUUID()];
    const t = await openTicket('P001', 'complaint', undefined, duplicate);
    let commitMerge!: () => void;
    const merging = db.dataSource.transaction(async (tx) => {
      const data = { customerId: survivor, mergedCustomerId: duplicate, mergedAt: cst('2026-10-08T11:00:00').toISOString(), mergedBy: 'sup-1' };
      await merges.merged(tx, data);
      await new Promise<void>((resolve) => (commitMerge = resolve));
    });
    await eventually(async () => expect(commitMerge).toBeDefined());
    const resolution = resolve(t, cst('2026-10-08T12:00:00'));
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    commitMerge();
    await merging;
    await resolution;

    expect(await callbackOf(t)).toEqual([expect.objectContaining({ customerId: survivor })]);
  });
});

describe('a resolution whose policy’s calendar cannot count its callback’s due time', () => {
  const weekdays = { timezone: 'Asia/Shanghai', workingHours: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] }, holidays: [], workingDays: [] };
  /** No weekday hours, and its one 调休 day long past: no working time left to count by. */
  const ranOut = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [{ date: '2024-02-04', name: '春节调休', hours: day() }] };
  const publishClosing = (version: number, document: typeof weekdays | typeof ranOut) =>
    db.dataSource.transaction((tx) => replica.apply(tx, { calendarId: 'closing', version, document, at: new Date().toISOString() }));
  const held = async () =>
    (await db.dataSource.query(`SELECT ticket_id::text, calendar_id, calendar_version, refusal FROM ${db.schema}.held_callbacks ORDER BY held_at`)) as Record<string, unknown>[];
  const flags = async (t: OpenedTicket) =>
    ((await db.dataSource.query(`SELECT status, resolved_without_policy FROM ${db.schema}.followed_tickets WHERE ticket_id = $1`, [t.ticketId])) as Record<string, unknown>[])[0];

  beforeAll(async () => {
    await publishClosing(1, weekdays);
    const policies = new CallbackPolicyRepository();
    await db.dataSource.transaction(async (tx) => {
      const { policies: kept, version } = await policies.list(tx);
      await policies.replace(tx, [...kept, policy({ id: 'noise', match: { sections: ['noise'] }, dueWorkingDays: 2, calendarId: 'closing' })], version);
    });
  });

  it('Given a dissatisfied callback’s promises, When the reopened ticket is resolved again while the calendar has no working time left, Then the promises are settled and the resolution recorded at once, and only its callback is held, visibly; When a corrected version arrives, Then the walk schedules it, counted from the resolution, once', async () => {
    const t = await openTicket('P001', 'noise');
    await resolve(t, cst('2026-10-12T10:00:00'));
    const [first] = await callbackOf(t);
    await record.execute(first!.id, { outcome: 'reached', satisfaction: 'dissatisfied', nextCallbackAt: cst('2026-10-20T10:00:00'), departmentDeadline: cst('2026-10-19T17:30:00') }, ['P001'], 'agent-7', cst('2026-10-13T10:00:00'));
    await reopen(t, cst('2026-10-13T10:05:00'));
    await publishClosing(2, ranOut);

    await resolve(t, cst('2026-10-16T10:00:00'));

    expect((await find.byId(first!.id, undefined)).task.followUps.map((f) => f.state)).toEqual(['settled', 'settled']);
    expect(await flags(t)).toEqual({ status: 'resolved', resolved_without_policy: false });
    expect(await callbackOf(t, 'due')).toEqual([]);
    expect(await held()).toEqual([{ ticket_id: t.ticketId, calendar_id: 'closing', calendar_version: 2, refusal: 'CALENDAR.NO_WORKING_TIME' }]);
    // A walk before the calendar changes takes nothing up.
    expect(await resume.resume(cst('2026-10-16T11:00:00'))).toBe(0);

    await publishClosing(3, weekdays);
    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(1);
    expect(await resume.resume(cst('2026-10-19T09:01:00'))).toBe(0);

    const due = await callbackOf(t, 'due');
    expect(due).toEqual([expect.objectContaining({ policyId: 'noise', customerId: t.customerId, assignee: 'agent-7', dueAt: cst('2026-10-20T17:30:00') })]);
    expect(await outboxTypes(due[0]!.id)).toEqual(['callback.scheduled.v1']);
    expect(await held()).toEqual([]);
  });

  it('Given a callback held for its calendar, When the ticket is reopened, Then it is owed no more: dropped, and a corrected calendar schedules nothing', async () => {
    await publishClosing(4, ranOut);
    const t = await openTicket('P001', 'noise');
    await resolve(t, cst('2026-10-16T10:00:00'));
    expect(await held()).toEqual([expect.objectContaining({ ticket_id: t.ticketId, calendar_version: 4 })]);

    await reopen(t, cst('2026-10-16T11:00:00'));
    await publishClosing(5, weekdays);

    expect(await held()).toEqual([]);
    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(0);
    expect(await callbackOf(t)).toEqual([]);
  });

  it('Given a callback held for its calendar, When its customer is erased, Then it is dropped with the rest of what callbacks kept of them', async () => {
    await publishClosing(6, ranOut);
    const t = await openTicket('P001', 'noise');
    await resolve(t, cst('2026-10-16T10:00:00'));
    expect(await held()).toHaveLength(1);

    await db.dataSource.transaction((tx) => erasures.erased(tx, { customerId: t.customerId, pseudonym: '客户-4F2A', erasedAt: cst('2026-10-16T12:00:00').toISOString() }));

    expect(await held()).toEqual([]);
    await publishClosing(7, weekdays);
    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(0);
  });

  /** What a replica of the release before held callbacks writes of a reopening, a merge (closed as merged) or a resolution: the status alone, the hold left in place. */
  let version = 7;
  const statusByTheReleaseBefore = (t: OpenedTicket, status: string) => db.dataSource.query(`UPDATE ${db.schema}.followed_tickets SET status = $2 WHERE ticket_id = $1`, [t.ticketId, status]);

  it.each([
    ['reopened', ['in_progress']],
    ['reopened and merged into another ticket', ['in_progress', 'closed']],
    ['reopened and resolved again', ['in_progress', 'resolved']],
  ])(
    'Given a callback held for its calendar, When a replica of the release before handles the ticket %s, leaving the hold, Then the walk after the calendar’s correction drops it and schedules nothing',
    async (_what, statuses) => {
      await publishClosing(++version, ranOut);
      const t = await openTicket('P001', 'noise');
      await resolve(t, cst('2026-10-16T10:00:00'));
      for (const status of statuses) await statusByTheReleaseBefore(t, status);
      await publishClosing(++version, weekdays);

      expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(0);
      expect(await held()).toEqual([]);
      expect(await callbackOf(t)).toEqual([]);
    },
  );

  it('Given a callback held for its calendar, When the ticket is closed (by either release), Then the walk after the calendar’s correction still schedules it', async () => {
    await publishClosing(++version, ranOut);
    const t = await openTicket('P001', 'noise');
    await resolve(t, cst('2026-10-16T10:00:00'));
    await statusByTheReleaseBefore(t, 'closed');
    await publishClosing(++version, weekdays);

    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(1);
    expect(await callbackOf(t, 'due')).toEqual([expect.objectContaining({ policyId: 'noise', dueAt: cst('2026-10-20T17:30:00') })]);
  });

  it('Given a callback held for its calendar, When a replica of the release before reopens the ticket and it is resolved again at the same instant, Then the walk after the calendar’s correction schedules one callback, not one for each resolution', async () => {
    await publishClosing(++version, ranOut);
    const t = await openTicket('P001', 'noise');
    await resolve(t, cst('2026-10-16T10:00:00'));
    await statusByTheReleaseBefore(t, 'in_progress');
    await resolve(t, cst('2026-10-16T10:00:00'));
    expect(await held()).toHaveLength(1);
    await publishClosing(++version, weekdays);

    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(1);
    expect(await callbackOf(t, 'due')).toHaveLength(1);
  });

  it('Given a resolution at a time finer than microseconds (a date-time its contract allows), When its held callback’s calendar is corrected, Then the resolution still stands and the walk schedules it', async () => {
    await publishClosing(++version, ranOut);
    const t = await openTicket('P001', 'noise');
    const event = ticketResolvedEvent(t, cst('2026-10-16T10:00:00'));
    // A Date keeps 10:00:00.000 of it; Postgres, given the text, rounds it to 10:00:00.001.
    await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => schedule.handle({ ...event, data: { ...event.data, at: '2026-10-16T02:00:00.0009999Z' } }, tx, onCommit));
    expect(await held()).toEqual([expect.objectContaining({ ticket_id: t.ticketId })]);
    await publishClosing(++version, weekdays);

    expect(await resume.resume(cst('2026-10-19T09:00:00'))).toBe(1);
    expect(await callbackOf(t, 'due')).toEqual([expect.objectContaining({ policyId: 'noise', dueAt: cst('2026-10-20T17:30:00') })]);
  });
});
