import { randomUUID } from 'node:crypto';
import type { EntitySubscriberInterface } from 'typeorm';
import { loadServiceConfig } from '@cs/config';
import { CustomerBirthdayV1, CustomerErasedV1, CustomerMergedV1, CustomerRegisteredV1, CustomerUpdatedV1 } from '@cs/contracts';
import { OutboxWriter, newEvent } from '@cs/messaging';
import { type Logger, ServiceMetrics, createLogger } from '@cs/observability';
import { createServiceDataSource } from '@cs/persistence';
import { CalendarReplica, DueWorkFailures, DueWorkPostponementRepository, type InboxContext, consumeInOneTransaction, isDependencyFailure, mergesOrErasesCustomers } from '@cs/platform';
import { TcpRelay, ThrowawaySchema, adminUrl, eventually, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import { CallbackTask, countedDue } from '../domain/callback-task';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { holdCallback } from '../infrastructure/held-callbacks.repository';
import { CallbackWriter } from './callback-writer';
import { CareOnBirthdays } from './care-on-birthdays';
import { ResumeHeldCallbacks } from './resume-held-callbacks';
import { ScheduleOrHold } from './schedule-or-hold';
import { FollowCustomerMerge } from './follow-customer-merge';
import { ForgetErasedCustomer } from './forget-erased-customer';
import { ManageCallbackPlans } from './manage-callback-plans';
import { ManageCallbackPolicies } from './manage-callback-policies';
import { RunCallbackPlans } from './run-callback-plans';
import { TrackPlanCustomers } from './track-plan-customers';
import { transactionTellingOnCommit } from '../testing/told-on-commit';

let db: ThrowawaySchema;
let customers: TrackPlanCustomers;
let manage: ManageCallbackPlans;
let run: RunCallbackPlans;
let failures: DueWorkFailures;
let birthdays: CareOnBirthdays;
let resume: ResumeHeldCallbacks;
let writer: CallbackWriter;
let erasures: ForgetErasedCustomer;
const callbacks = new CallbackRepository();
/** The statements sent while `sent.on` is set. */
const sent = { on: false, statements: [] as string[] };
const counting: EntitySubscriberInterface = {
  beforeQuery: (event) => {
    if (sent.on) sent.statements.push(event.query.replace(/\s+/g, ' ').trim());
  },
};

const cst = (local: string) => new Date(`${local}+08:00`);
const day = (): [string, string][] => [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const WEEKDAYS = { timezone: 'Asia/Shanghai', workingHours: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] }, holidays: [], workingDays: [] };

async function customer(projects: string[], tags: string[], at = '2026-09-01T00:00:00.000Z'): Promise<string> {
  const customerId = randomUUID();
  const data = { customerId, nameMasked: '钱*', units: projects.map((projectCode) => ({ projectCode, room: '101' })), tags, registeredAt: at };
  const registered = newEvent(CustomerRegisteredV1, { source: '/cs/intake', subject: customerId, data });
  await consumeInOneTransaction(db.dataSource, [[registered, (context) => customers.changed(context, registered.data)]]);
  return customerId;
}

async function tasksOf(planId: string): Promise<CallbackTask[]> {
  const ids = (await db.dataSource.query(`SELECT id::text FROM ${db.schema}.callbacks WHERE plan_id = $1 ORDER BY due_at, id`, [planId])) as { id: string }[];
  return Promise.all(ids.map(async ({ id }) => (await callbacks.find(db.dataSource.manager, id, undefined))!));
}

/** Four callbacks of a plan for three customers, one of each method, two with an assignee: what the batch-versus-one-by-one comparisons write both ways. */
const fourTasks = (held: Parameters<typeof countedDue>[0], [a, b, c]: readonly string[], { projectCode, planId, at }: { projectCode: string; planId: string; at: Date }) =>
  [
    { customerId: a, method: 'phone' as const, assignee: 'agent-key' },
    { customerId: b, method: 'questionnaire' as const },
    { customerId: c, method: 'sms' as const, assignee: 'agent-9' },
    { customerId: c, method: 'questionnaire' as const },
  ].map(({ assignee, ...t }) => ({
    ...t,
    id: randomUUID(),
    kind: 'key_customer' as const,
    projectCode,
    planId,
    ...countedDue(held, 'weekdays', at, 2),
    attemptsAllowed: 3,
    retrySpacingMinutes: 120,
    createdAt: at,
    ...(assignee ? { assignee } : {}),
  }));

const plan = (change: Partial<Parameters<ManageCallbackPlans['create']>[0]> = {}): Parameters<ManageCallbackPlans['create']>[0] => ({
  name: '重点客户月度回访',
  kind: 'key_customer',
  projectCode: 'P001',
  tags: ['vip'],
  recurrence: { every: 'month' },
  firstRunAt: cst('2026-10-12T09:00:00'),
  method: 'phone',
  dueWorkingDays: 2,
  calendarId: 'weekdays',
  attemptsAllowed: 3,
  retrySpacingMinutes: 120,
  assignee: 'agent-key',
  ...change,
});

beforeAll(async () => {
  db = await throwawaySchema('callbacks_plans', MIGRATIONS);
  const plans = new CallbackPlanRepository();
  const replica = new CalendarReplica(db.dataSource);
  // Issued by a clock before every run here, so a link lives from its run's instant and links written apart compare alike.
  const linkClock = () => new Date('2026-09-01T00:00:00.000Z');
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 3600 } }, linkClock);
  writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, new MissedCallbacksRepository(), new OutboxWriter(db.schema, '/cs/callbacks'));
  customers = new TrackPlanCustomers(plans);
  erasures = new ForgetErasedCustomer(callbacks, plans, links, writer);
  manage = new ManageCallbackPlans(db.dataSource, plans, replica, writer);
  const silent = createLogger('callbacks', 'silent');
  birthdays = new CareOnBirthdays(plans, replica, new ScheduleOrHold(writer, silent));
  resume = new ResumeHeldCallbacks(db.dataSource, plans, replica, new ScheduleOrHold(writer, silent), silent);
  failures = new DueWorkFailures(db.dataSource, new DueWorkPostponementRepository(), new ServiceMetrics('callbacks'), silent);
  run = new RunCallbackPlans(db.dataSource, plans, replica, writer, failures, silent, loadServiceConfig('callbacks', { NODE_ENV: 'test' }));
  await db.dataSource.transaction((tx) => replica.apply(tx, { calendarId: 'weekdays', version: 1, document: WEEKDAYS, at: new Date().toISOString() }));
  db.dataSource.subscribers.push(counting);
});

afterAll(async () => {
  await db?.drop();
});

describe('a key-customer plan', () => {
  it('Given key customers of P001 and others, When it runs, Then each key customer of P001 gets one callback, once per run, monthly', async () => {
    const [vip1, vip2] = [await customer(['P001'], ['vip']), await customer(['P001', 'P003'], ['vip', 'owner'])];
    await customer(['P002'], ['vip']);
    await customer(['P001'], ['owner']);
    const made = await manage.create(plan(), ['P001']);
    expect(made).toMatchObject({ active: true, runs: 0, nextRunAt: cst('2026-10-12T09:00:00') });

    expect(await run.fireDue(cst('2026-10-12T08:59:00'))).toBe(0);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    await run.fireDue(cst('2026-10-12T09:00:00'));
    const first = await tasksOf(made.plan.id);
    expect(first.map((t) => t.customerId).sort()).toEqual([vip1, vip2].sort());
    // Monday 09:00 + 2 working days: Wednesday's close.
    expect(first.every((t) => t.kind === 'key_customer' && t.status === 'due' && t.assignee === 'agent-key' && t.dueAt.getTime() === cst('2026-10-14T17:30:00').getTime())).toBe(true);
    expect((await manage.get(made.plan.id, ['P001'])).nextRunAt).toEqual(cst('2026-11-12T09:00:00'));

    // vip1 reached; vip2's callback still open a month on.
    const reached = first.find((t) => t.customerId === vip1)!;
    await db.dataSource.transaction(async (tx) =>
      writer.decideAndSave(tx, await callbacks.lock(tx, reached.id, undefined), { action: 'record_attempt', report: { outcome: 'reached' } }, 'agent-key', cst('2026-10-13T10:00:00')),
    );
    await run.fireDue(cst('2026-11-12T09:00:00'));
    expect(await tasksOf(made.plan.id)).toHaveLength(3);
    const scheduled = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM ${db.schema}.outbox WHERE event_type = 'callback.scheduled.v1' AND payload::jsonb ->> 'planId' = $1`,
      [made.plan.id],
    )) as { n: number }[];
    expect(scheduled[0]!.n).toBe(3);
  });

  it('Given a customer whose callback from the plan’s last run is still open (due or overdue), When it runs again, Then it skips them and calls the others; once that callback ends, the next run calls them', async () => {
    const [reachedOne, overdueOne, dueOne] = [await customer(['P001'], ['monthly']), await customer(['P001'], ['monthly']), await customer(['P001'], ['monthly'])];
    const made = await manage.create(plan({ tags: ['monthly'] }), ['P001']);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    const first = await tasksOf(made.plan.id);
    const of = (customerId: string) => first.find((t) => t.customerId === customerId)!.id;
    await db.dataSource.transaction(async (tx) => {
      await writer.decideAndSave(tx, await callbacks.lock(tx, of(reachedOne), undefined), { action: 'record_attempt', report: { outcome: 'reached' } }, 'agent-key', cst('2026-10-13T10:00:00'));
      await writer.decideAndSave(tx, await callbacks.lock(tx, of(overdueOne), undefined), { action: 'fire_deadline', deadline: 'callback' }, 'system', cst('2026-10-14T17:30:00'));
    });

    await run.fireDue(cst('2026-11-12T09:00:00'));
    const second = await tasksOf(made.plan.id);
    expect(second.filter((t) => t.customerId === reachedOne).map((t) => t.status)).toEqual(['done', 'due']);
    expect(second.filter((t) => t.customerId === overdueOne).map((t) => t.status)).toEqual(['overdue']);
    expect(second.filter((t) => t.customerId === dueOne).map((t) => t.status)).toEqual(['due']);

    await db.dataSource.transaction(async (tx) => {
      await writer.decideAndSave(tx, await callbacks.lock(tx, of(overdueOne), undefined), { action: 'cancel', reason: 'manual' }, 'sup-1', cst('2026-11-20T10:00:00'));
    });
    await run.fireDue(cst('2026-12-12T09:00:00'));
    const third = await tasksOf(made.plan.id);
    expect(third.filter((t) => t.customerId === overdueOne).map((t) => t.status).sort()).toEqual(['cancelled', 'due']);
    // Still open from the first run, and from the second for the one reached then.
    expect(third.filter((t) => t.customerId === dueOne)).toHaveLength(1);
    expect(third.filter((t) => t.customerId === reachedOne)).toHaveLength(2);
  });

  it('Given a customer with an open callback of another plan, When this plan runs, Then they are called by this plan too', async () => {
    const both = await customer(['P001'], ['two-plans']);
    const [one, other] = [await manage.create(plan({ tags: ['two-plans'] }), ['P001']), await manage.create(plan({ tags: ['two-plans'], firstRunAt: cst('2026-10-13T09:00:00') }), ['P001'])];
    await run.fireDue(cst('2026-10-13T09:00:00'));
    expect((await tasksOf(one.plan.id)).map((t) => t.customerId)).toEqual([both]);
    expect((await tasksOf(other.plan.id)).map((t) => t.customerId)).toEqual([both]);
  });

  it('Given a daily plan three days behind, When it runs, Then each customer is called back once for the missed days, and the plan moves to tomorrow', async () => {
    const key = await customer(['P001'], ['behind']);
    const made = await manage.create(plan({ tags: ['behind'], recurrence: { every: 'days', days: 1 }, firstRunAt: cst('2026-10-12T09:00:00') }), ['P001']);
    await run.fireDue(cst('2026-10-15T10:00:00'));
    await run.fireDue(cst('2026-10-15T10:00:00'));
    expect((await tasksOf(made.plan.id)).map((t) => t.customerId)).toEqual([key]);
    expect((await manage.get(made.plan.id, ['P001'])).nextRunAt).toEqual(cst('2026-10-16T09:00:00'));
  });

  it('Given a plan run once, its first run set weeks back in a holiday, When it runs, Then its callbacks are due counted from the run, not overdue at once', async () => {
    const key = await customer(['P001'], ['late']);
    const made = await manage.create(plan({ tags: ['late'], recurrence: { every: 'once' }, firstRunAt: cst('2026-10-01T09:00:00') }), ['P001']);
    await run.fireDue(cst('2026-10-20T10:00:00'));
    // Tuesday 10:00 + 2 working days: Thursday's close (from 1 October, a holiday, it was due on the 9th).
    expect(await tasksOf(made.plan.id)).toEqual([expect.objectContaining({ customerId: key, status: 'due', dueAt: cst('2026-10-22T17:30:00') })]);
  });

  it('Given a plan whose run fails ahead of another due plan, When they run, Then the failing one is held back and the other runs', async () => {
    const key = await customer(['P001'], ['blocked']);
    const broken = await manage.create(plan({ tags: ['blocked'], recurrence: { every: 'once' }, firstRunAt: cst('2026-10-05T09:00:00') }), ['P001']);
    const healthy = await manage.create(plan({ tags: ['blocked'], recurrence: { every: 'once' }, firstRunAt: cst('2026-10-06T09:00:00') }), ['P001']);
    // Its calendar gone from the replica: the run cannot count a due time.
    await db.dataSource.query(`UPDATE ${db.schema}.callback_plans SET document = jsonb_set(document, '{calendarId}', '"gone"') WHERE id = $1`, [broken.plan.id]);
    await run.fireDue(cst('2026-10-07T09:00:00'));
    expect((await tasksOf(healthy.plan.id)).map((t) => t.customerId)).toEqual([key]);
    expect(await tasksOf(broken.plan.id)).toEqual([]);
    const held = (await db.dataSource.query(`SELECT work, failures FROM ${db.schema}.due_work_postponements WHERE subject_id = $1`, [broken.plan.id])) as { work: string; failures: number }[];
    expect(held).toEqual([{ work: 'callback_plans', failures: 1 }]);
  });

  it('Given a customer who loses the tag, Then the next run no longer selects them', async () => {
    const id = await customer(['P001'], ['gold']);
    const made = await manage.create(plan({ tags: ['gold'], recurrence: { every: 'days', days: 7 } }), undefined);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    const data = { customerId: id, nameMasked: '钱*', units: [{ projectCode: 'P001', room: '101' }], tags: [], updatedAt: '2026-10-13T00:00:00.000Z' };
    const updated = newEvent(CustomerUpdatedV1, { source: '/cs/intake', subject: id, data });
    await consumeInOneTransaction(db.dataSource, [[updated, (context) => customers.changed(context, updated.data)]]);
    await run.fireDue(cst('2026-10-19T09:00:00'));
    expect(await tasksOf(made.plan.id)).toHaveLength(1);
  });

  it('When stopped, Then its open callbacks are cancelled and it never runs again; another project’s user gets 404', async () => {
    await customer(['P001'], ['stopme']);
    const made = await manage.create(plan({ tags: ['stopme'] }), ['P001']);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    await expect(manage.stop(made.plan.id, ['P002'], 'sup-2')).rejects.toMatchObject({ kind: 'not_found' });
    const stopped = await manage.stop(made.plan.id, ['P001'], 'sup-1');
    expect(stopped.active).toBe(false);
    expect((await tasksOf(made.plan.id)).map((t) => t.status)).toEqual(['cancelled']);
    await run.fireDue(cst('2027-01-12T09:00:00'));
    expect(await tasksOf(made.plan.id)).toHaveLength(1);
  });

  it('When stopped, Then its open callbacks are locked in id order, as an erasure locks a customer’s, so the two never wait for each other in a circle', async () => {
    for (let i = 0; i < 12; i += 1) await customer(['P001'], ['in-order']);
    const made = await manage.create(plan({ tags: ['in-order'] }), ['P001']);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    const open = await new CallbackPlanRepository().openTasks(db.dataSource.manager, made.plan.id);
    expect(open).toHaveLength(12);
    expect(open).toEqual([...open].sort());
  });

  it('Given a customer with two open callbacks of the plan, When the plan is stopped while the customer is merged into another, Then both finish: the merge locks the callbacks in id order as the stop does', async () => {
    const [duplicate, survivor] = [randomUUID(), randomUUID()];
    const made = await manage.create(plan({ tags: ['stop-and-merge'] }), ['P001']);
    // Two open callbacks of the plan (one a merge gave them, or runs from before ADR 0083), the
    // later id written first: the table then holds them in the order opposite to their ids.
    const at = cst('2026-10-12T09:00:00');
    const held = await new CalendarReplica(db.dataSource).getVersioned('weekdays');
    const [first, second] = [randomUUID(), randomUUID()].sort();
    const task = (id: string) => ({
      id,
      kind: 'key_customer' as const,
      method: 'phone' as const,
      customerId: duplicate,
      projectCode: 'P001',
      planId: made.plan.id,
      ...countedDue(held, 'weekdays', at, 2),
      attemptsAllowed: 3,
      retrySpacingMinutes: 120,
      createdAt: at,
    });
    await db.dataSource.transaction((tx) => writer.scheduleAll(tx, [task(second!), task(first!)], 'system', at));

    // An agent recording on the first: the stop waits for it, then the merge does.
    let release!: () => void;
    let agent!: number;
    const recording = db.dataSource.transaction(async (tx) => {
      await callbacks.lock(tx, first!, undefined);
      agent = ((await tx.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0]!.pid;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await eventually(async () => expect(release).toBeDefined());
    // Those waiting behind the agent, directly or behind another waiting: other suites' sessions on the same database are not counted.
    const waitingBehindAgent = async () =>
      ((await db.dataSource.query(
        `WITH RECURSIVE behind(pid) AS (SELECT $1::int UNION SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY(pg_blocking_pids(a.pid)))
         SELECT count(*)::int - 1 AS n FROM behind`,
        [agent],
      )) as { n: number }[])[0]!.n;
    const stopping = manage.stop(made.plan.id, ['P001'], 'sup-1', cst('2026-10-13T10:00:00'));
    await eventually(async () => expect(await waitingBehindAgent()).toBe(1));
    const data = { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-10-13T00:00:00.000Z', mergedBy: 'sup-1' };
    const merging = db.dataSource.transaction((tx) => new FollowCustomerMerge(new CallbackPlanRepository(), erasures, writer).merged(tx, data));
    await eventually(async () => expect(await waitingBehindAgent()).toBe(2));
    release();
    await recording;

    const outcomes = await Promise.allSettled([stopping, merging]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual(['fulfilled', 'fulfilled']);
    expect((await tasksOf(made.plan.id)).map((t) => [t.customerId, t.status])).toEqual([
      [survivor, 'cancelled'],
      [survivor, 'cancelled'],
    ]);
  });

  it('Given a duplicate and a survivor each with an open callback of one plan (a run before the merge was heard), When merged, Then the person keeps one open callback of the plan, the earlier scheduled, and the other is cancelled with one event', async () => {
    const [duplicate, survivor] = [randomUUID(), randomUUID()];
    // Their own runs come after every other test's: the callbacks here are written as runs would have.
    const later = { projectCode: 'P043', firstRunAt: cst('2030-01-07T09:00:00') };
    const [together, apart] = [await manage.create(plan(later), ['P043']), await manage.create(plan(later), ['P043'])];
    const held = await new CalendarReplica(db.dataSource).getVersioned('weekdays');
    const task = (customerId: string, planId: string, at: Date) => ({
      id: randomUUID(),
      kind: 'key_customer' as const,
      method: 'phone' as const,
      customerId,
      projectCode: 'P043',
      planId,
      ...countedDue(held, 'weekdays', at, 2),
      attemptsAllowed: 3,
      retrySpacingMinutes: 120,
      createdAt: at,
    });
    const [october, november] = [cst('2026-10-12T09:00:00'), cst('2026-11-12T09:00:00')];
    // One plan's run called both at once; the other called the duplicate a month before the survivor.
    const [bothDuplicate, bothSurvivor] = [task(duplicate, together.plan.id, october), task(survivor, together.plan.id, october)];
    const [firstDuplicate, laterSurvivor] = [task(duplicate, apart.plan.id, october), task(survivor, apart.plan.id, november)];
    await db.dataSource.transaction((tx) => writer.scheduleAll(tx, [bothDuplicate, bothSurvivor, firstDuplicate, laterSurvivor], 'system', october));

    const data = { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-11-13T00:00:00.000Z', mergedBy: 'sup-1' };
    const merge = () => db.dataSource.transaction((tx) => new FollowCustomerMerge(new CallbackPlanRepository(), erasures, writer).merged(tx, data));
    await merge();
    await merge();

    const statuses = async (planId: string) => Object.fromEntries((await tasksOf(planId)).map((t) => [t.id, [t.customerId, t.status]]));
    expect(await statuses(together.plan.id)).toEqual({ [bothSurvivor.id]: [survivor, 'due'], [bothDuplicate.id]: [survivor, 'cancelled'] });
    expect(await statuses(apart.plan.id)).toEqual({ [firstDuplicate.id]: [survivor, 'due'], [laterSurvivor.id]: [survivor, 'cancelled'] });
    const cancelled = (await db.dataSource.query(
      `SELECT message_key AS id, payload::jsonb AS data FROM ${db.schema}.outbox WHERE event_type = 'callback.cancelled.v1' AND message_key = ANY($1::text[]) ORDER BY message_key`,
      [[bothDuplicate.id, bothSurvivor.id, firstDuplicate.id, laterSurvivor.id]],
    )) as { id: string; data: Record<string, unknown> }[];
    expect(cancelled.map((e) => [e.id, e.data['customerId'], e.data['reason'], e.data['customerMerged']])).toEqual(
      [bothDuplicate.id, laterSurvivor.id].sort().map((id) => [id, survivor, 'manual', true]),
    );
  });

  it('refuses a plan for a project the user does not serve, or on an unknown calendar', async () => {
    await expect(manage.create(plan({ projectCode: 'P002' }), ['P001'])).rejects.toMatchObject({ kind: 'forbidden', field: 'projectCode' });
    await expect(manage.create(plan({ calendarId: 'nowhere' }), ['P001'])).rejects.toMatchObject({ field: 'calendarId' });
  });

  it('made while Postgres is unreachable, a plan or a policy is not refused as naming an unknown calendar: the failure stays a lost dependency (503)', async () => {
    const relay = await TcpRelay.to(adminUrl());
    const viaRelay = await createServiceDataSource({ url: relay.via(adminUrl()), schema: db.schema }).initialize();
    try {
      const replica = new CalendarReplica(viaRelay);
      const plans = new ManageCallbackPlans(viaRelay, new CallbackPlanRepository(), replica, writer);
      const policies = new ManageCallbackPolicies(viaRelay, new CallbackPolicyRepository(), replica);
      await relay.cut('refuse');
      const policy = { id: 'p', name: '回访', match: {}, dueWorkingDays: 1, calendarId: 'weekdays', method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'project_pool', required: false } as const;
      for (const attempt of [() => plans.create(plan(), ['P001']), () => policies.replace([policy], undefined)]) {
        // pg's errors come from outside the test's realm, so they are not instanceof its Error.
        const error = await attempt().then(
          () => 'resolved',
          (rejected: unknown) => rejected,
        );
        expect(error).not.toHaveProperty('code', expect.stringMatching(/UNKNOWN_CALENDAR/));
        expect(isDependencyFailure(error)).toBe(true);
      }
    } finally {
      await viaRelay.destroy().catch(() => undefined);
      await relay.close();
    }
  });
});

describe('a run over a project of many customers', () => {
  const planCustomers = new CallbackPlanRepository();
  /** Customers of a project with a tag, announced in one statement. */
  async function manyCustomers(n: number, projectCode: string, tag: string): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    const asOf = new Date('2026-09-01T00:00:00.000Z');
    await db.dataSource.transaction((tx) => planCustomers.rememberCustomers(tx, ids.map((customerId) => ({ customerId, nameMasked: '吴*', projects: [projectCode], tags: [tag], asOf }))));
    return ids;
  }

  /** What scheduling the callbacks `ids` left: their rows, timers, links and events, with each callback's own id and link token put aside. */
  async function written(ids: readonly string[]) {
    const q = async (sql: string) => (await db.dataSource.query(sql, [ids])) as Record<string, unknown>[];
    const rows = await q(`SELECT to_jsonb(c) - 'id' AS row FROM ${db.schema}.callbacks c WHERE id = ANY($1::uuid[]) ORDER BY customer_id, method`);
    const timers = await q(
      `SELECT c.customer_id::text, c.method, t.deadline, t.fire_at, t.fired_at FROM ${db.schema}.callback_timers t JOIN ${db.schema}.callbacks c ON c.id = t.callback_id
        WHERE c.id = ANY($1::uuid[]) ORDER BY c.customer_id, c.method, t.deadline`,
    );
    const links = await q(
      `SELECT c.customer_id::text, length(l.nonce) AS nonce_length, l.expires_at, l.answered_at FROM ${db.schema}.questionnaire_links l JOIN ${db.schema}.callbacks c ON c.id = l.callback_id
        WHERE c.id = ANY($1::uuid[]) ORDER BY c.customer_id`,
    );
    const events = (await q(`SELECT event_type, payload FROM ${db.schema}.outbox WHERE message_key = ANY($1::text[]) ORDER BY seq`)).map(({ event_type, payload }) => {
      const { callbackId: _id, questionnaire, ...data } = JSON.parse(String(payload)) as { callbackId: string; questionnaire?: { url: string; expiresAt: string } };
      return { event_type, data, ...(questionnaire ? { questionnaire: { url: questionnaire.url.replace(/(?<=\/)[^/]+$/, '<token>'), expiresAt: questionnaire.expiresAt } } : {}) };
    });
    return { rows, timers, links, events };
  }

  it('Given the same callbacks scheduled one by one and together, Then the rows, timers, questionnaire links and events are the same but for their ids', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const at = cst('2026-10-12T09:00:00');
    const held = await new CalendarReplica(db.dataSource).getVersioned('weekdays');
    const planId = randomUUID();
    const tasks = () => fourTasks(held, [a, b, c], { projectCode: 'P031', planId, at });
    const oneByOne = tasks();
    await db.dataSource.transaction(async (tx) => {
      for (const task of oneByOne) await writer.decideAndSave(tx, undefined, { action: 'schedule', task }, 'system', at);
    });
    const together = tasks();
    const saved = await db.dataSource.transaction((tx) => writer.scheduleAll(tx, together, 'system', at));

    expect(saved.map((t) => [t.id, t.status, t.version])).toEqual(together.map((t) => [t.id, 'due', 1]));
    const [before, after] = [await written(oneByOne.map((t) => t.id)), await written(together.map((t) => t.id))];
    expect(after.rows).toHaveLength(4);
    expect(after.timers).toHaveLength(4);
    expect(after.links).toHaveLength(2);
    expect(after.events.map((e) => e.event_type)).toEqual(Array(4).fill('callback.scheduled.v1'));
    expect(after).toEqual(before);
  });

  it('Given a plan over 1,200 customers, When it runs, Then it writes their callbacks in a few statements, not several per customer', async () => {
    const selected = await manyCustomers(1_200, 'P032', 'many');
    await manyCustomers(3, 'P032', 'other');
    const made = await manage.create(plan({ projectCode: 'P032', tags: ['many'], recurrence: { every: 'once' }, method: 'questionnaire' }), ['P032']);
    sent.statements = [];
    sent.on = true;
    try {
      expect(await run.fireDue(cst('2026-10-12T09:00:00'))).toBe(1);
    } finally {
      sent.on = false;
    }
    // The plans due, the lock, the gate, the calendar, the selection, three chunks of rows and of
    // events, the plan moved on, the due work settled, the commit: not five per customer.
    expect(sent.statements.length).toBeLessThanOrEqual(20);
    expect(sent.statements.filter((statement) => statement.includes('INSERT INTO callbacks'))).toHaveLength(3);
    const counts = (await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM ${db.schema}.callbacks WHERE plan_id = $1) AS callbacks,
              (SELECT count(*)::int FROM ${db.schema}.callback_timers t JOIN ${db.schema}.callbacks c ON c.id = t.callback_id WHERE c.plan_id = $1) AS timers,
              (SELECT count(*)::int FROM ${db.schema}.questionnaire_links l JOIN ${db.schema}.callbacks c ON c.id = l.callback_id WHERE c.plan_id = $1) AS links,
              (SELECT count(*)::int FROM ${db.schema}.outbox WHERE event_type = 'callback.scheduled.v1' AND payload::jsonb ->> 'planId' = $1::text) AS events`,
      [made.plan.id],
    )) as { callbacks: number; timers: number; links: number; events: number }[];
    expect(counts).toEqual([{ callbacks: 1_200, timers: 1_200, links: 1_200, events: 1_200 }]);
    const customersCalled = (await db.dataSource.query(`SELECT customer_id::text FROM ${db.schema}.callbacks WHERE plan_id = $1`, [made.plan.id])) as { customer_id: string }[];
    expect(customersCalled.map((r) => r.customer_id).sort()).toEqual([...selected].sort());
  });
});

describe('a plan stopped with many open callbacks', () => {
  const planCustomers = new CallbackPlanRepository();

  /** What a plan's callbacks hold after its stop — rows, unfired timers, events — with the callback's and the plan's ids put aside. */
  async function leftBy(planId: string) {
    const q = async (sql: string) => (await db.dataSource.query(sql, [planId])) as Record<string, unknown>[];
    const rows = await q(`SELECT to_jsonb(c) - 'id' - 'plan_id' AS row FROM ${db.schema}.callbacks c WHERE plan_id = $1 ORDER BY customer_id, method`);
    const timers = await q(
      `SELECT c.customer_id::text, c.method, t.deadline, t.fire_at, t.fired_at FROM ${db.schema}.callback_timers t JOIN ${db.schema}.callbacks c ON c.id = t.callback_id
        WHERE c.plan_id = $1 ORDER BY c.customer_id, c.method, t.deadline`,
    );
    const events = (
      await q(
        `SELECT o.event_type, o.payload, c.customer_id::text, c.method FROM ${db.schema}.outbox o JOIN ${db.schema}.callbacks c ON o.message_key = c.id::text
          WHERE c.plan_id = $1 AND o.event_type = 'callback.cancelled.v1' ORDER BY c.customer_id, c.method, o.seq`,
      )
    ).map(({ event_type, payload }) => {
      const { callbackId: _id, planId: _plan, ...data } = JSON.parse(String(payload)) as { callbackId: string; planId: string };
      return { event_type, data };
    });
    return { rows, timers, events };
  }

  it('Given the same open callbacks cancelled one by one and by the plan’s stop, Then the rows, timers and events are the same but for their ids, one event per callback', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const at = cst('2026-10-12T09:00:00');
    const stoppedAt = cst('2026-10-20T11:00:00');
    const held = await new CalendarReplica(db.dataSource).getVersioned('weekdays');
    const [oneByOne, together] = [await manage.create(plan({ projectCode: 'P041' }), ['P041']), await manage.create(plan({ projectCode: 'P041' }), ['P041'])];
    const tasks = (planId: string) => fourTasks(held, [a, b, c], { projectCode: 'P041', planId, at });
    for (const made of [oneByOne, together]) {
      const scheduled = tasks(made.plan.id);
      await db.dataSource.transaction(async (tx) => {
        await writer.scheduleAll(tx, scheduled, 'system', at);
        // One overdue and one ended before the stop: the first is cancelled, the second is left as it is.
        await writer.decideAndSave(tx, (await callbacks.lock(tx, scheduled[0]!.id, undefined))!, { action: 'fire_deadline', deadline: 'callback' }, 'system', at);
        await writer.decideAndSave(tx, (await callbacks.lock(tx, scheduled[1]!.id, undefined))!, { action: 'record_attempt', report: { outcome: 'refused' } }, 'agent-1', at);
      });
    }

    await db.dataSource.transaction(async (tx) => {
      await planCustomers.stop(tx, oneByOne.plan.id);
      for (const id of await planCustomers.openTasks(tx, oneByOne.plan.id)) {
        await writer.decideAndSave(tx, (await callbacks.lock(tx, id, undefined))!, { action: 'cancel', reason: 'plan_stopped' }, 'sup-1', stoppedAt);
      }
    });
    await manage.stop(together.plan.id, ['P041'], 'sup-1', stoppedAt);

    const [before, after] = [await leftBy(oneByOne.plan.id), await leftBy(together.plan.id)];
    expect(after.rows.map((r) => (r['row'] as { status: string }).status).sort()).toEqual(['cancelled', 'cancelled', 'cancelled', 'failed']);
    expect(after.timers).toEqual([]);
    expect(after.events).toHaveLength(3);
    expect(after).toEqual(before);
  });

  it('Given a plan with 1,200 open callbacks, When it is stopped, Then they are cancelled in a few statements, not several per callback, each with its event', async () => {
    const ids = Array.from({ length: 1_200 }, () => randomUUID());
    const asOf = new Date('2026-09-01T00:00:00.000Z');
    await db.dataSource.transaction((tx) => planCustomers.rememberCustomers(tx, ids.map((customerId) => ({ customerId, nameMasked: '吴*', projects: ['P042'], tags: ['many'], asOf }))));
    const made = await manage.create(plan({ projectCode: 'P042', tags: ['many'], recurrence: { every: 'once' } }), ['P042']);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    sent.statements = [];
    sent.on = true;
    try {
      await manage.stop(made.plan.id, ['P042'], 'sup-1', cst('2026-10-13T09:00:00'));
    } finally {
      sent.on = false;
    }
    // The plan found, locked and stopped, its open callbacks read, then per 500 of them: their
    // lock, their rows, their timers, their events; the plan read back: not four per callback.
    expect(sent.statements.length).toBeLessThanOrEqual(20);
    expect(sent.statements.filter((statement) => statement.startsWith('UPDATE callbacks'))).toHaveLength(3);
    const counts = (await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM ${db.schema}.callbacks WHERE plan_id = $1 AND status = 'cancelled') AS cancelled,
              (SELECT count(*)::int FROM ${db.schema}.callback_timers t JOIN ${db.schema}.callbacks c ON c.id = t.callback_id WHERE c.plan_id = $1 AND t.fired_at IS NULL) AS timers,
              (SELECT count(DISTINCT message_key)::int FROM ${db.schema}.outbox WHERE event_type = 'callback.cancelled.v1' AND payload::jsonb ->> 'planId' = $1::text) AS events`,
      [made.plan.id],
    )) as { cancelled: number; timers: number; events: number }[];
    expect(counts).toEqual([{ cancelled: 1_200, timers: 0, events: 1_200 }]);
  });
});

describe('customers of one consumer transaction', () => {
  const registered = (customerId: string, tags: string[], at: string) =>
    newEvent(CustomerRegisteredV1, { source: '/cs/intake', subject: customerId, data: { customerId, nameMasked: '孙*', units: [{ projectCode: 'P001', room: '101' }], tags, registeredAt: at } });
  const updated = (customerId: string, tags: string[], at: string) =>
    newEvent(CustomerUpdatedV1, { source: '/cs/intake', subject: customerId, data: { customerId, nameMasked: '孙*', units: [{ projectCode: 'P001', room: '101' }], tags, updatedAt: at } });
  const planCustomers = new CallbackPlanRepository();

  it('Given a customer’s snapshots out of order in one transaction, Then the newest is kept, as one after another would keep it', async () => {
    const id = randomUUID();
    const newer = updated(id, ['vip'], '2026-10-02T00:00:00.000Z');
    const older = registered(id, [], '2026-10-01T00:00:00.000Z');
    const other = registered(randomUUID(), ['gold'], '2026-10-01T00:00:00.000Z');
    await consumeInOneTransaction(db.dataSource, [newer, older, other].map((e) => [e, (context) => customers.changed(context, e.data)]));
    expect(await planCustomers.planCustomer(db.dataSource.manager, id)).toEqual({ projects: ['P001'], tags: ['vip'] });
    expect(await planCustomers.planCustomer(db.dataSource.manager, other.data.customerId)).toEqual({ projects: ['P001'], tags: ['gold'] });
  });

  it('Given a customer registered and then erased in one transaction, Then no plan can select them: the erasure came after the registration', async () => {
    const id = randomUUID();
    const announced = registered(id, ['vip'], '2026-10-01T00:00:00.000Z');
    const erased = newEvent(CustomerErasedV1, { source: '/cs/intake', subject: id, data: { customerId: id, pseudonym: 'customer-erased', erasedAt: '2026-10-01T01:00:00.000Z' } });
    await consumeInOneTransaction(db.dataSource, [
      [announced, (context) => customers.changed(context, announced.data)],
      [erased, (context) => erasures.erased(context.tx, erased.data)],
    ]);
    expect(await planCustomers.planCustomer(db.dataSource.manager, id)).toBeUndefined();
  });

  it('Given a customer merged away or erased, When a snapshot of theirs arrives late (published before, another partition), Then no plan selects them again', async () => {
    const [survivor, duplicate, erasedOne] = [randomUUID(), randomUUID(), randomUUID()];
    const merged = newEvent(CustomerMergedV1, {
      source: '/cs/intake',
      subject: survivor,
      data: { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-10-02T00:00:00.000Z', mergedBy: 'sup-1' },
    });
    const erased = newEvent(CustomerErasedV1, { source: '/cs/intake', subject: erasedOne, data: { customerId: erasedOne, pseudonym: 'customer-erased', erasedAt: '2026-10-02T00:00:00.000Z' } });
    await consumeInOneTransaction(db.dataSource, [
      [merged, (context) => new FollowCustomerMerge(planCustomers, erasures, writer).merged(context.tx, merged.data)],
      [erased, (context) => erasures.erased(context.tx, erased.data)],
    ]);
    const late = [updated(duplicate, ['vip'], '2026-10-01T00:00:00.000Z'), updated(erasedOne, ['vip'], '2026-10-01T00:00:00.000Z'), updated(survivor, ['vip'], '2026-10-01T00:00:00.000Z')];
    await consumeInOneTransaction(db.dataSource, late.map((e) => [e, (context) => customers.changed(context, e.data)]));
    expect(await planCustomers.planCustomer(db.dataSource.manager, duplicate)).toBeUndefined();
    expect(await planCustomers.planCustomer(db.dataSource.manager, erasedOne)).toBeUndefined();
    expect(await planCustomers.planCustomer(db.dataSource.manager, survivor)).toEqual({ projects: ['P001'], tags: ['vip'] });
  });

  it('Given a snapshot of a customer waiting on their erasure, When the erasure commits, Then no plan selects them', async () => {
    const id = randomUUID();
    let commitErasure!: () => void;
    const erasing = db.dataSource.transaction(async (tx) => {
      await erasures.erased(tx, { customerId: id, pseudonym: 'customer-erased', erasedAt: '2026-10-02T00:00:00.000Z' });
      await new Promise<void>((resolve) => (commitErasure = resolve));
    });
    await eventually(async () => expect(commitErasure).toBeDefined());
    const late = updated(id, ['vip'], '2026-10-01T00:00:00.000Z');
    const remembering = consumeInOneTransaction(db.dataSource, [[late, (context) => customers.changed(context, late.data)]]);
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    commitErasure();
    await erasing;
    await remembering;

    expect(await planCustomers.planCustomer(db.dataSource.manager, id)).toBeUndefined();
  });
});

describe('a care campaign (客户关怀)', () => {
  it('Given a holiday greeting, Then it runs once for the project’s customers and is done', async () => {
    const c = await customer(['P009'], []);
    const made = await manage.create(plan({ kind: 'care', name: '春节问候', projectCode: 'P009', tags: [], recurrence: { every: 'once' }, method: 'sms' }), undefined);
    await run.fireDue(cst('2026-10-12T09:00:00'));
    await run.fireDue(cst('2027-10-12T09:00:00'));
    expect((await tasksOf(made.plan.id)).map((t) => [t.customerId, t.kind])).toEqual([[c, 'care']]);
    expect(await manage.get(made.plan.id, undefined)).toMatchObject({ active: false, runs: 1 });
  });
});

describe('a birthday care plan (生日关怀)', () => {
  const birthday = (customerId: string, date: string, projectCodes = ['P020']) =>
    transactionTellingOnCommit(db.dataSource, (tx, onCommit) =>
      birthdays.birthday(tx, newEvent(CustomerBirthdayV1, { source: '/cs/intake', subject: customerId, data: { customerId, projectCodes, date } }).data, cst(`${date}T08:00:00`), onCommit),
    );
  const birthdayPlan = (change: Partial<Parameters<ManageCallbackPlans['create']>[0]> = {}) =>
    plan({ kind: 'care', name: '业主生日关怀', projectCode: 'P020', tags: ['owner'], trigger: 'birthday', recurrence: { every: 'once' }, firstRunAt: cst('2026-11-01T00:00:00'), ...change });

  it('Given a birthday plan, When a selected customer’s birthday arrives (even twice), Then one care callback is scheduled that year, and one the next', async () => {
    const owner = await customer(['P020'], ['owner']);
    const made = await manage.create(birthdayPlan(), ['P020']);
    expect(made).toMatchObject({ active: true, runs: 0 });
    expect(made.nextRunAt).toBeUndefined();
    // The plan never runs on a schedule.
    await run.fireDue(cst('2027-06-01T09:00:00'));
    expect(await tasksOf(made.plan.id)).toEqual([]);

    expect(await birthday(owner, '2026-11-30')).toHaveLength(1);
    expect(await birthday(owner, '2026-11-30')).toHaveLength(0);
    expect(await birthday(owner, '2026-12-01')).toHaveLength(0);
    const tasks = await tasksOf(made.plan.id);
    expect(tasks).toHaveLength(1);
    // Monday 08:00 + 2 working days: Wednesday's close.
    expect(tasks[0]).toMatchObject({ customerId: owner, kind: 'care', status: 'due', assignee: 'agent-key', dueAt: cst('2026-12-02T17:30:00') });

    expect(await birthday(owner, '2027-11-30')).toHaveLength(1);
    expect(await tasksOf(made.plan.id)).toHaveLength(2);
  });

  it('Given customers outside the plan’s project or tags, or birthdays before it started, Then nothing is scheduled', async () => {
    const made = await manage.create(birthdayPlan({ projectCode: 'P021', firstRunAt: cst('2026-12-01T10:00:00') }), undefined);
    const tenant = await customer(['P021'], ['tenant']);
    const elsewhere = await customer(['P022'], ['owner']);
    const owner = await customer(['P021'], ['owner']);
    expect(await birthday(tenant, '2026-12-05', ['P021'])).toEqual([]);
    expect(await birthday(elsewhere, '2026-12-05', ['P022'])).toEqual([]);
    expect(await birthday(owner, '2026-11-30', ['P021'])).toEqual([]);
    // A plan made during the day greets that day's birthdays.
    expect(await birthday(owner, '2026-12-01', ['P021'])).toHaveLength(1);
    expect((await tasksOf(made.plan.id)).map((t) => t.customerId)).toEqual([owner]);
  });

  it('Given a stopped birthday plan or a schedule-triggered care plan, Then a birthday schedules nothing', async () => {
    const owner = await customer(['P023'], ['owner']);
    const stopped = await manage.create(birthdayPlan({ projectCode: 'P023' }), undefined);
    await manage.stop(stopped.plan.id, undefined, 'sup-1');
    const holiday = await manage.create(plan({ kind: 'care', projectCode: 'P023', tags: ['owner'], recurrence: { every: 'once' }, firstRunAt: cst('2030-01-01T09:00:00') }), undefined);
    expect(await birthday(owner, '2026-12-10', ['P023'])).toEqual([]);
    expect(await tasksOf(stopped.plan.id)).toEqual([]);
    expect(await tasksOf(holiday.plan.id)).toEqual([]);
  });

  it('Given a customer announced and their birthday in one consumer transaction, Then the birthday selects them: it reads the customer written before it', async () => {
    const made = await manage.create(birthdayPlan({ projectCode: 'P022', firstRunAt: cst('2026-11-01T00:00:00') }), undefined);
    const id = randomUUID();
    const announced = newEvent(CustomerRegisteredV1, {
      source: '/cs/intake',
      subject: id,
      data: { customerId: id, nameMasked: '周*', units: [{ projectCode: 'P022', room: '101' }], tags: ['owner'], registeredAt: '2026-11-01T00:00:00.000Z' },
    });
    const born = newEvent(CustomerBirthdayV1, { source: '/cs/intake', subject: id, data: { customerId: id, projectCodes: ['P022'], date: '2026-11-30' } });
    await consumeInOneTransaction(db.dataSource, [
      [announced, (context) => customers.changed(context, announced.data)],
      [born, async (context) => void (await birthdays.birthday(context.tx, born.data, cst('2026-11-30T08:00:00'), context.tellOnCommit))],
    ]);
    expect(await tasksOf(made.plan.id)).toEqual([expect.objectContaining({ customerId: id, kind: 'care', status: 'due' })]);
  });

  it('Given a duplicate greeted on their birthday and then merged, When the survivor’s birthday arrives that year, Then the person is not greeted again; next year they are, once', async () => {
    const made = await manage.create(birthdayPlan({ projectCode: 'P024' }), undefined);
    const [survivor, duplicate, greetedBoth] = [await customer(['P024'], ['owner']), await customer(['P024'], ['owner']), await customer(['P024'], ['owner'])];
    const merge = (customerId: string, mergedCustomerId: string) => {
      const merged = newEvent(CustomerMergedV1, { source: '/cs/intake', subject: customerId, data: { customerId, mergedCustomerId, mergedAt: '2026-12-01T00:00:00.000Z', mergedBy: 'sup-1' } });
      return consumeInOneTransaction(db.dataSource, [[merged, (context) => new FollowCustomerMerge(new CallbackPlanRepository(), erasures, writer).merged(context.tx, merged.data)]]);
    };
    expect(await birthday(duplicate, '2026-11-30', ['P024'])).toHaveLength(1);
    await merge(survivor, duplicate);

    expect(await birthday(survivor, '2026-11-30', ['P024'])).toEqual([]);
    expect(await birthday(survivor, '2027-11-30', ['P024'])).toHaveLength(1);
    expect((await tasksOf(made.plan.id)).map((t) => t.customerId)).toEqual([survivor, survivor]);

    // Both greeted before the merge: the merge keeps one greeting of the year, and is told again harmlessly.
    expect(await birthday(greetedBoth, '2026-11-30', ['P024'])).toHaveLength(1);
    const other = await customer(['P024'], ['owner']);
    expect(await birthday(other, '2026-11-30', ['P024'])).toHaveLength(1);
    await merge(greetedBoth, other);
    await merge(greetedBoth, other);
    expect(await birthday(greetedBoth, '2026-11-30', ['P024'])).toEqual([]);
    const claims = (await db.dataSource.query(`SELECT customer_id::text, year FROM ${db.schema}.birthday_callbacks WHERE plan_id = $1 AND customer_id = $2`, [made.plan.id, greetedBoth])) as unknown[];
    expect(claims).toEqual([{ customer_id: greetedBoth, year: 2026 }]);
  });

  it('Given a duplicate’s birthday heard after their merge (published before it, another partition), Then the survivor is greeted for it, once that year, as had it been heard first', async () => {
    const made = await manage.create(birthdayPlan({ projectCode: 'P025' }), undefined);
    const [survivor, duplicate] = [await customer(['P025'], ['owner']), await customer(['P025'], ['owner'])];
    const merged = newEvent(CustomerMergedV1, {
      source: '/cs/intake',
      subject: survivor,
      data: { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-11-20T00:00:00.000Z', mergedBy: 'sup-1' },
    });
    await consumeInOneTransaction(db.dataSource, [[merged, (context) => new FollowCustomerMerge(new CallbackPlanRepository(), erasures, writer).merged(context.tx, merged.data)]]);

    expect(await birthday(duplicate, '2026-11-19', ['P025'])).toHaveLength(1);
    expect(await birthday(survivor, '2026-12-02', ['P025'])).toEqual([]);
    expect((await tasksOf(made.plan.id)).map((t) => [t.customerId, t.kind])).toEqual([[survivor, 'care']]);
  });

  it('refuses a birthday plan that is not a care plan', async () => {
    await expect(manage.create(birthdayPlan({ kind: 'key_customer' }), undefined)).rejects.toMatchObject({ field: 'trigger' });
  });
});

describe('a calendar whose working time has run out', () => {
  /** No weekday hours, and its one 调休 day long past: it passes the check for working time, then has none left to count by. */
  const RAN_OUT = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [{ date: '2024-02-04', name: '春节调休', hours: [['09:00', '17:30'] as [string, string]] }] };
  const refusal = (field: string) => ({ code: 'CALENDAR.NO_WORKING_TIME', kind: 'invalid', field, details: { calendarId: 'ran-out' } });
  /** A plan made on a working calendar, then timed by the one run out (made before it ran out). */
  async function planOnRanOut(change: Partial<Parameters<ManageCallbackPlans['create']>[0]>, projects: string[]) {
    const made = await manage.create(plan(change), projects);
    await db.dataSource.query(`UPDATE ${db.schema}.callback_plans SET document = jsonb_set(document, '{calendarId}', '"ran-out"') WHERE id = $1`, [made.plan.id]);
    return made;
  }

  beforeAll(async () => {
    await db.dataSource.transaction((tx) => new CalendarReplica(db.dataSource).apply(tx, { calendarId: 'ran-out', version: 1, document: RAN_OUT, at: new Date().toISOString() }));
  });

  it('refuses a plan or a policy naming it, 422 naming the field', async () => {
    await expect(manage.create(plan({ calendarId: 'ran-out' }), ['P001'])).rejects.toMatchObject(refusal('calendarId'));
    const policies = new ManageCallbackPolicies(db.dataSource, new CallbackPolicyRepository(), new CalendarReplica(db.dataSource));
    const policy = { id: 'p', name: '回访', match: {}, dueWorkingDays: 1, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'project_pool', required: false } as const;
    await expect(policies.replace([{ ...policy, calendarId: 'weekdays' }, { ...policy, id: 'q', calendarId: 'ran-out' }], undefined)).rejects.toMatchObject(refusal('policies[1].calendarId'));
  });

  it('Given a plan timed by it due ahead of another, When they run, Then the other runs and it is held back as refused by its calendar', async () => {
    const key = await customer(['P001'], ['stranded']);
    const stranded = await planOnRanOut({ tags: ['stranded'], recurrence: { every: 'once' }, firstRunAt: cst('2026-10-05T09:00:00') }, ['P001']);
    const healthy = await manage.create(plan({ tags: ['stranded'], recurrence: { every: 'once' }, firstRunAt: cst('2026-10-06T09:00:00') }), ['P001']);

    await run.fireDue(cst('2026-10-07T09:00:00'));

    expect((await tasksOf(healthy.plan.id)).map((t) => t.customerId)).toEqual([key]);
    expect(await tasksOf(stranded.plan.id)).toEqual([]);
    const held = (await db.dataSource.query(`SELECT last_error FROM ${db.schema}.due_work_postponements WHERE subject_id = $1`, [stranded.plan.id])) as { last_error: string }[];
    expect(held).toEqual([{ last_error: 'rule:CALENDAR.NO_WORKING_TIME' }]);
  });

  it('Given a customer two birthday plans select, one timed by it, When their birthday arrives (twice), Then the other plan greets them at once and the one timed by it holds its greeting alone, visibly; When the calendar is corrected, Then the walk schedules that greeting, once', async () => {
    const owner = await customer(['P026'], ['owner']);
    const birthdayPlan = { kind: 'care', name: '业主生日关怀', projectCode: 'P026', tags: ['owner'], trigger: 'birthday', recurrence: { every: 'once' }, firstRunAt: cst('2026-11-01T00:00:00') } as const;
    const stranded = await planOnRanOut(birthdayPlan, ['P026']);
    const healthy = await manage.create(plan(birthdayPlan), ['P026']);
    const born = newEvent(CustomerBirthdayV1, { source: '/cs/intake', subject: owner, data: { customerId: owner, projectCodes: ['P026'], date: '2026-11-20' } });
    const held = async () => (await db.dataSource.query(`SELECT plan_id::text, customer_id::text, calendar_id, calendar_version, refusal FROM ${db.schema}.held_callbacks`)) as unknown[];

    for (const _ of [1, 2]) await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => birthdays.birthday(tx, born.data, cst('2026-11-20T08:00:00'), onCommit));

    expect(await tasksOf(healthy.plan.id)).toEqual([expect.objectContaining({ customerId: owner, kind: 'care', status: 'due' })]);
    expect(await tasksOf(stranded.plan.id)).toEqual([]);
    expect(await held()).toEqual([{ plan_id: stranded.plan.id, customer_id: owner, calendar_id: 'ran-out', calendar_version: 1, refusal: 'CALENDAR.NO_WORKING_TIME' }]);

    await db.dataSource.transaction((tx) => new CalendarReplica(db.dataSource).apply(tx, { calendarId: 'ran-out', version: 2, document: WEEKDAYS, at: new Date().toISOString() }));
    expect(await resume.resume(cst('2026-11-23T09:00:00'))).toBe(1);
    expect(await resume.resume(cst('2026-11-23T09:01:00'))).toBe(0);

    // Friday 20 November, two working days: the close of Tuesday the 24th.
    expect(await tasksOf(stranded.plan.id)).toEqual([expect.objectContaining({ customerId: owner, kind: 'care', status: 'due', dueAt: cst('2026-11-24T17:30:00') })]);
    expect(await held()).toEqual([]);
    await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => birthdays.birthday(tx, born.data, cst('2026-11-20T08:00:00'), onCommit));
    expect(await tasksOf(stranded.plan.id)).toHaveLength(1);
  });

  it('Given a birthday whose greeting is held, in a consumer transaction that fails on a later event and is then handled again, Then the hold is logged once, of the transaction that committed, none of the one rolled back', async () => {
    const owner = await customer(['P029'], ['owner']);
    const stranded = await planOnRanOut({ kind: 'care', name: '业主生日关怀', projectCode: 'P029', tags: ['owner'], trigger: 'birthday', recurrence: { every: 'once' }, firstRunAt: cst('2026-11-01T00:00:00') }, ['P029']);
    // A calendar of its own, run out: the one the tests before it share is corrected by one of them.
    await db.dataSource.transaction((tx) => new CalendarReplica(db.dataSource).apply(tx, { calendarId: 'ran-out-told', version: 1, document: RAN_OUT, at: new Date().toISOString() }));
    await db.dataSource.query(`UPDATE ${db.schema}.callback_plans SET document = jsonb_set(document, '{calendarId}', '"ran-out-told"') WHERE id = $1`, [stranded.plan.id]);
    const warned: { callbackId?: string; calendarId?: string; msg: string }[] = [];
    const watching = { ...createLogger('callbacks', 'silent'), warn: (fields: { callbackId?: string }, msg: string) => void warned.push({ ...fields, msg }) } as unknown as Logger;
    const caring = new CareOnBirthdays(new CallbackPlanRepository(), new CalendarReplica(db.dataSource), new ScheduleOrHold(writer, watching));
    // As the consumer's handler hands it over (CustomerEventsController): its transaction, and what it tells once that committed.
    const greet = async (context: InboxContext) => void (await caring.birthday(context.tx, born.data, cst('2026-11-20T08:00:00'), context.tellOnCommit, mergesOrErasesCustomers(context)));
    const born = newEvent(CustomerBirthdayV1, { source: '/cs/intake', subject: owner, data: { customerId: owner, projectCodes: ['P029'], date: '2026-11-20' } });
    const next = newEvent(CustomerBirthdayV1, { source: '/cs/intake', subject: owner, data: { customerId: randomUUID(), projectCodes: ['P029'], date: '2026-11-20' } });
    const heldHere = async () => (await db.dataSource.query(`SELECT callback_id FROM ${db.schema}.held_callbacks WHERE plan_id = $1`, [stranded.plan.id])) as { callback_id: string }[];

    // A chunk whose next event fails: the consumer rolls it back and handles its events again one at a time.
    await expect(
      consumeInOneTransaction(db.dataSource, [
        [born, greet],
        [
          next,
          () => {
            throw new Error('the next event fails');
          },
        ],
      ]),
    ).rejects.toThrow('the next event fails');
    expect(await heldHere()).toEqual([]);
    expect(warned).toEqual([]);

    await consumeInOneTransaction(db.dataSource, [[born, greet]]);
    const [held] = await heldHere();
    expect(warned).toEqual([expect.objectContaining({ callbackId: held!.callback_id, calendarId: 'ran-out-told', msg: expect.stringMatching(/^callback held/) })]);
  });

  it('Given a duplicate’s greetings and a resolution’s callback held for a calendar, When they are merged into a customer one plan already greets that year, Then in the one statement of the merge that plan’s is dropped, the other plan’s and the resolution’s are the survivor’s; When the calendar is corrected, Then the walk schedules them for the survivor, once each', async () => {
    const closed = 'closed-at-merge';
    const publish = (version: number, document: typeof RAN_OUT | typeof WEEKDAYS) =>
      db.dataSource.transaction((tx) => new CalendarReplica(db.dataSource).apply(tx, { calendarId: closed, version, document, at: new Date().toISOString() }));
    await publish(1, WEEKDAYS);
    const onClosed = async (tags: string[]) => {
      const made = await manage.create(plan({ kind: 'care', name: '业主生日关怀', projectCode: 'P027', tags, trigger: 'birthday', recurrence: { every: 'once' }, firstRunAt: cst('2026-11-01T00:00:00'), calendarId: closed }), ['P027']);
      return made.plan.id;
    };
    const [everyOwner, vipsOnly] = [await onClosed(['owner']), await onClosed(['vip'])];
    const [survivor, duplicate] = [await customer(['P027'], ['owner']), await customer(['P027'], ['owner', 'vip'])];
    await publish(2, RAN_OUT);
    const born = (customerId: string, date: string) => transactionTellingOnCommit(db.dataSource, (tx, onCommit) => birthdays.birthday(tx, { customerId, projectCodes: ['P027'], date }, cst(`${date}T08:00:00`), onCommit));
    await born(survivor, '2026-11-20');
    await born(duplicate, '2026-11-21');
    const resolutionOwed = randomUUID();
    await db.dataSource.transaction((tx) =>
      holdCallback(
        tx,
        {
          task: { id: resolutionOwed, kind: 'ticket', method: 'phone', customerId: duplicate, ticketId: randomUUID(), projectCode: 'P027', policyId: 'complaint', attemptsAllowed: 3, retrySpacingMinutes: 60, createdAt: cst('2026-11-21T10:00:00') },
          count: { calendarId: closed, from: cst('2026-11-21T10:00:00'), workingDays: 2 },
          calendarVersion: 2,
          refusal: 'CALENDAR.NO_WORKING_TIME',
        },
        cst('2026-11-21T10:00:00'),
      ),
    );
    const held = async () =>
      (await db.dataSource.query(`SELECT callback_id::text, plan_id::text, customer_id::text FROM ${db.schema}.held_callbacks WHERE calendar_id = $1 ORDER BY plan_id NULLS LAST, customer_id`, [closed])) as {
        callback_id: string;
        plan_id: string | null;
        customer_id: string;
      }[];
    const before = await held();
    expect(before.map((h) => [h.plan_id, h.customer_id]).sort()).toEqual(
      [
        [everyOwner, survivor],
        [everyOwner, duplicate],
        [vipsOnly, duplicate],
        [null, duplicate],
      ].sort(),
    );

    const merged = newEvent(CustomerMergedV1, { source: '/cs/intake', subject: survivor, data: { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-11-22T00:00:00.000Z', mergedBy: 'sup-1' } });
    await consumeInOneTransaction(db.dataSource, [[merged, (context) => new FollowCustomerMerge(new CallbackPlanRepository(), erasures, writer).merged(context.tx, merged.data)]]);

    const survivorsOwn = before.find((h) => h.plan_id === everyOwner && h.customer_id === survivor)!.callback_id;
    const vipGreeting = before.find((h) => h.plan_id === vipsOnly)!.callback_id;
    expect((await held()).map((h) => [h.callback_id, h.customer_id]).sort()).toEqual(
      [
        [survivorsOwn, survivor],
        [vipGreeting, survivor],
        [resolutionOwed, survivor],
      ].sort(),
    );

    await publish(3, WEEKDAYS);
    expect(await resume.resume(cst('2026-11-23T09:00:00'))).toBe(3);
    expect(await held()).toEqual([]);
    expect((await tasksOf(everyOwner)).map((t) => [t.id, t.customerId])).toEqual([[survivorsOwn, survivor]]);
    expect((await tasksOf(vipsOnly)).map((t) => [t.id, t.customerId])).toEqual([[vipGreeting, survivor]]);
    expect(await callbacks.find(db.dataSource.manager, resolutionOwed, undefined)).toMatchObject({ customerId: survivor, status: 'due' });
  });
});
