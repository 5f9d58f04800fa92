import { randomUUID } from 'node:crypto';
import { type ServiceConfig, loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { type Logger, ServiceMetrics, createLogger } from '@cs/observability';
import type { Queryable } from '@cs/persistence';
import { CalendarReplica, DueWorkFailures, DueWorkPostponementRepository, consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import type { EntitySubscriberInterface } from 'typeorm';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { FollowedTicketsRepository } from '../infrastructure/followed-tickets.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { countedDue } from '../domain/callback-task';
import { ticketCreatedEvent, ticketResolvedEvent } from '../testing/ticket-events';
import { CallbackDueRecount } from './callback-due-recount';
import { CallbackWriter } from './callback-writer';
import { FindCallbacks } from './find-callbacks';
import { FireCallbackDeadlines } from './fire-callback-deadlines';
import { followTicket } from './follow-ticket';
import { ManageCallbackPolicies } from './manage-callback-policies';
import { LegacyDueBases } from './legacy-due-bases';
import { RecomputeCallbackDues } from './recompute-callback-dues';
import { holdCallback } from '../infrastructure/held-callbacks.repository';
import { ResumeHeldCallbacks } from './resume-held-callbacks';
import { ScheduleAfterResolution } from './schedule-after-resolution';
import { ScheduleOrHold } from './schedule-or-hold';
import { transactionTellingOnCommit } from '../testing/told-on-commit';

const cst = (local: string) => new Date(`${local}+08:00`);
const hours: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const officeWeek = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] };
const calendar = (holidays: { date: string; name: string }[]) => ({ timezone: 'Asia/Shanghai', workingHours: officeWeek, holidays, workingDays: [] });

let db: ThrowawaySchema;
let replica: CalendarReplica;
let schedule: ScheduleAfterResolution;
let find: FindCallbacks;
let fire: FireCallbackDeadlines;
let recompute: RecomputeCallbackDues;
let writer: CallbackWriter;
let plans: CallbackPlanRepository;
let managePolicies: ManageCallbackPolicies;
let callbacks: CallbackRepository;
let policies: CallbackPolicyRepository;
let silent: Logger;
let config: ServiceConfig;

const publish = (version: number, holidays: { date: string; name: string }[]) =>
  db.dataSource.transaction((tx) => replica.apply(tx, { calendarId: 'company', version, document: calendar(holidays), at: new Date().toISOString() }));

/** The callback a complaint (due in 3 working days) or a repair (1) resolved at `at` was given. */
async function resolvedAt(sectionCode: 'complaint' | 'repair', at: Date) {
  const { ticket, created } = ticketCreatedEvent({ sectionCode, ownerId: 'agent-7', createdAt: at });
  await consumeInOneTransaction(db.dataSource, [[created, (context) => followTicket(created, context)]]);
  await transactionTellingOnCommit(db.dataSource, (tx, onCommit) => schedule.handle(ticketResolvedEvent(ticket, at), tx, onCommit));
  const [task] = (await find.list({ ticketId: ticket.ticketId, limit: 1 }, undefined)).items;
  return task!;
}

const outbox = async (id: string) =>
  ((await db.dataSource.query(`SELECT event_type, payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [id])) as { event_type: string; payload: string }[]).map(
    (r) => ({ type: r.event_type, data: JSON.parse(r.payload) as Record<string, unknown> }),
  );
const unfiredTimers = async (id: string) =>
  ((await db.dataSource.query(`SELECT fire_at FROM ${db.schema}.callback_timers WHERE callback_id = $1 AND fired_at IS NULL`, [id])) as { fire_at: Date }[]).map((r) => r.fire_at);
const countedBy = async (id: string) =>
  ((await db.dataSource.query(`SELECT due_calendar_version AS v FROM ${db.schema}.callbacks WHERE id = $1`, [id])) as { v: number | null }[])[0]?.v;

beforeAll(async () => {
  db = await throwawaySchema('callbacks_recount', MIGRATIONS);
  callbacks = new CallbackRepository();
  const timers = new CallbackTimerRepository();
  policies = new CallbackPolicyRepository();
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 3600 } });
  const missed = new MissedCallbacksRepository();
  writer = new CallbackWriter(callbacks, timers, links, missed, new OutboxWriter(db.schema, '/cs/callbacks'));
  config = loadServiceConfig('callbacks', { NODE_ENV: 'test' });
  silent = createLogger('callbacks', 'silent');
  replica = new CalendarReplica(db.dataSource);
  schedule = new ScheduleAfterResolution(callbacks, policies, replica, writer, new ScheduleOrHold(writer, silent));
  plans = new CallbackPlanRepository();
  const resume = new ResumeHeldCallbacks(db.dataSource, plans, replica, new ScheduleOrHold(writer, silent), silent);
  find = new FindCallbacks(db.dataSource, callbacks, new FollowedTicketsRepository(db.dataSource), missed, plans);
  const recount = new CallbackDueRecount(callbacks, replica, writer, silent);
  fire = new FireCallbackDeadlines(db.dataSource, callbacks, timers, writer, recount, new DueWorkFailures(db.dataSource, new DueWorkPostponementRepository(), new ServiceMetrics('callbacks'), silent), silent, config);
  recompute = new RecomputeCallbackDues(db.dataSource, callbacks, recount, new LegacyDueBases(db.dataSource, callbacks, plans, policies, replica), resume, silent, config);
  managePolicies = new ManageCallbackPolicies(db.dataSource, policies, replica);
  await publish(1, []);
  await replacePolicies('company', { complaint: 3, repair: 1 });
});

/** The two policies, counted by `calendarId`, due in so many working days. */
async function replacePolicies(calendarId: string, days: { complaint: number; repair: number }) {
  const common = { calendarId, method: 'phone' as const, attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'first_contact_owner' as const, required: true };
  await managePolicies.replace(
    [
      { ...common, id: 'complaint', name: 'complaint', match: { sections: ['complaint'] }, dueWorkingDays: days.complaint },
      { ...common, id: 'repair', name: 'repair', match: { sections: ['repair'] }, dueWorkingDays: days.repair },
    ],
    undefined,
  );
}

afterAll(async () => {
  await db?.drop();
});

describe('callback due times when their business calendar changes', () => {
  it('move with a holiday added, are announced, and the timer follows; one the change does not reach, or already overdue, stays', async () => {
    // Monday 7 December 2026: three working days to Thursday the 10th, one to Tuesday the 8th.
    const complaint = await resolvedAt('complaint', cst('2026-12-07T10:00:00'));
    const repair = await resolvedAt('repair', cst('2026-12-07T10:00:00'));
    const late = await resolvedAt('complaint', cst('2026-11-30T10:00:00'));
    expect([complaint.dueAt, repair.dueAt, late.dueAt]).toEqual([cst('2026-12-10T17:30:00'), cst('2026-12-08T17:30:00'), cst('2026-12-03T17:30:00')]);
    expect(await fire.fireDue(cst('2026-12-04T09:00:00'))).toBe(1);

    // The company closes on Wednesday the 9th (a typhoon) and on 3 December, after the fact.
    await publish(2, [
      { date: '2026-12-09', name: '台风停工' },
      { date: '2026-12-03', name: '台风停工' },
    ]);
    expect(await recompute.recompute(cst('2026-12-07T12:00:00'))).toBe(1);

    const [moved] = (await find.list({ ticketId: complaint.ticketId!, limit: 1 }, undefined)).items;
    expect(moved).toMatchObject({ status: 'due', dueAt: cst('2026-12-11T17:30:00') });
    expect(await unfiredTimers(complaint.id)).toEqual([cst('2026-12-11T17:30:00')]);
    const announced = (await outbox(complaint.id)).filter((e) => e.type === 'callback.due_recomputed.v1');
    expect(announced.map((e) => e.data)).toEqual([
      expect.objectContaining({
        callbackId: complaint.id,
        ticketId: complaint.ticketId,
        dueAt: '2026-12-11T09:30:00.000Z',
        previousDueAt: '2026-12-10T09:30:00.000Z',
        calendarId: 'company',
        calendarVersion: 2,
        by: 'system',
      }),
    ]);

    // The repair's Tuesday is before the new holiday: counted by version 2, nothing announced.
    expect((await find.list({ ticketId: repair.ticketId!, limit: 1 }, undefined)).items[0]).toMatchObject({ dueAt: cst('2026-12-08T17:30:00') });
    expect(await countedBy(repair.id)).toBe(2);
    expect((await outbox(repair.id)).map((e) => e.type)).toEqual(['callback.scheduled.v1']);
    // The overdue one was announced overdue; it stays as it was.
    expect((await find.list({ ticketId: late.ticketId!, limit: 1 }, undefined)).items[0]).toMatchObject({ status: 'overdue', dueAt: cst('2026-12-03T17:30:00') });
    expect((await outbox(late.id)).map((e) => e.type)).toEqual(['callback.scheduled.v1', 'callback.overdue.v1']);

    // Nothing left to count: a second pass moves and announces nothing.
    expect(await recompute.recompute(cst('2026-12-07T12:01:00'))).toBe(0);
    expect((await outbox(complaint.id)).filter((e) => e.type === 'callback.due_recomputed.v1')).toHaveLength(1);
  });

  it('is counted again by its timer when the walk has not reached it, so it never fires on the old day', async () => {
    // Monday 14 December: due the close of Thursday the 17th by version 2.
    const task = await resolvedAt('complaint', cst('2026-12-14T10:00:00'));
    expect(task.dueAt).toEqual(cst('2026-12-17T17:30:00'));
    // Version 3 closes Wednesday the 16th; the timer's pass at the old due time comes before any walk.
    await publish(3, [
      { date: '2026-12-09', name: '台风停工' },
      { date: '2026-12-03', name: '台风停工' },
      { date: '2026-12-16', name: '停电' },
    ]);
    // (It fires the earlier tests' callbacks, due before.)
    await fire.fireDue(cst('2026-12-17T18:00:00'));
    expect((await find.list({ ticketId: task.ticketId!, limit: 1 }, undefined)).items[0]).toMatchObject({ status: 'due', dueAt: cst('2026-12-18T17:30:00') });
    expect((await outbox(task.id)).map((e) => e.type)).toEqual(['callback.scheduled.v1', 'callback.due_recomputed.v1']);
    // At the new due time it fires, once.
    expect(await fire.fireDue(cst('2026-12-18T18:00:00'))).toBe(1);
    expect((await outbox(task.id)).map((e) => e.type)).toEqual(['callback.scheduled.v1', 'callback.due_recomputed.v1', 'callback.overdue.v1']);
  });

  it('counts a callback scheduled by the new version as counted, and finds one counted by an older version after the change', async () => {
    const fresh = await resolvedAt('complaint', cst('2026-12-07T10:00:00'));
    expect(fresh.dueAt).toEqual(cst('2026-12-11T17:30:00'));
    expect(await countedBy(fresh.id)).toBe(3);
    // As if it had been counted by version 1 in a transaction that committed after version 2 arrived.
    await db.dataSource.query(`UPDATE ${db.schema}.callbacks SET due_calendar_version = 1, due_at = $2 WHERE id = $1`, [fresh.id, cst('2026-12-10T17:30:00')]);
    expect(await recompute.recompute(cst('2026-12-07T12:02:00'))).toBe(1);
    expect((await find.list({ ticketId: fresh.ticketId!, limit: 1 }, undefined)).items[0]).toMatchObject({ dueAt: cst('2026-12-11T17:30:00') });
    expect(await countedBy(fresh.id)).toBe(3);
  });

  it('keeps a due time a new version cannot count, marks it counted, and goes on with the rest', async () => {
    const open = (await find.list({ status: 'due', limit: 50 }, undefined)).items;
    expect(open.length).toBeGreaterThan(0);
    // A version with no working hours at all: nothing can be counted by it.
    await db.dataSource.transaction((tx) =>
      replica.apply(tx, { calendarId: 'company', version: 4, document: { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] }, at: new Date().toISOString() }),
    );
    expect(await recompute.recompute(cst('2026-12-07T12:03:00'))).toBe(0);
    for (const task of open) {
      expect((await find.list({ ticketId: task.ticketId!, limit: 1 }, undefined)).items[0]?.dueAt).toEqual(task.dueAt);
      expect(await countedBy(task.id)).toBe(4);
    }
  });
});

describe('callbacks scheduled before due times kept their basis', () => {
  const publishLegacy = (version: number, holidays: { date: string; name: string }[]) =>
    db.dataSource.transaction((tx) => replica.apply(tx, { calendarId: 'legacy', version, document: calendar(holidays), at: new Date().toISOString() }));
  /** The callbacks as the release before bases stored them: a due time and nothing of how it was counted. */
  const withoutBasis = (ids: string[]) =>
    db.dataSource.query(`UPDATE ${db.schema}.callbacks SET due_calendar_id = NULL, due_calendar_version = NULL, due_from = NULL, due_working_days = NULL WHERE id = ANY($1::uuid[])`, [ids]);
  const current = async (id: string) =>
    ((await db.dataSource.query(`SELECT due_at, due_calendar_version AS v FROM ${db.schema}.callbacks WHERE id = $1`, [id])) as { due_at: Date; v: number | null }[])[0]!;
  const planId = randomUUID();
  /** A key-customer callback of the plan (2 working days), run at `at` and counted then as `dueAt`. */
  const planCallback = async (at: Date, dueAt: Date) => {
    const id = randomUUID();
    await db.dataSource.transaction((tx) =>
      writer.scheduleAll(
        tx,
        [{ id, kind: 'key_customer', method: 'phone', customerId: randomUUID(), projectCode: 'P001', planId, dueAt, attemptsAllowed: 3, retrySpacingMinutes: 60, createdAt: at }],
        'system',
        at,
      ),
    );
    return id;
  };

  it('follow their calendar once given the basis they can be given: a plan’s always, a policy’s when the policy as it stands gives the due time stored', async () => {
    await publishLegacy(1, []);
    await replacePolicies('legacy', { complaint: 3, repair: 1 });
    const everyMonth = { recurrence: { every: 'month' as const }, firstRunAt: cst('2027-01-04T10:00:00'), tags: [], assignee: undefined };
    await db.dataSource.transaction((tx) =>
      plans.insert(tx, { id: planId, name: '重点客户月访', kind: 'key_customer', projectCode: 'P001', method: 'phone', dueWorkingDays: 2, calendarId: 'legacy', attemptsAllowed: 3, retrySpacingMinutes: 60, ...everyMonth }, cst('2027-01-01T09:00:00')),
    );
    // Monday 4 January 2027: a complaint due Thursday the 7th, a repair Tuesday the 5th, the plan's call Wednesday the 6th.
    const complaint = await resolvedAt('complaint', cst('2027-01-04T10:00:00'));
    const repair = await resolvedAt('repair', cst('2027-01-04T10:00:00'));
    const planned = await planCallback(cst('2027-01-04T10:00:00'), cst('2027-01-06T17:30:00'));
    await withoutBasis([complaint.id, repair.id, planned]);
    // Repairs are given two working days since: this repair's Tuesday was counted by the policy before.
    await replacePolicies('legacy', { complaint: 3, repair: 2 });

    // The release with bases starts: nothing moves, the calendar having not changed.
    expect(await recompute.recompute(cst('2027-01-04T11:00:00'))).toBe(0);
    expect([await current(complaint.id), await current(repair.id), await current(planned)]).toEqual([
      { due_at: cst('2027-01-07T17:30:00'), v: 1 },
      { due_at: cst('2027-01-05T17:30:00'), v: null },
      { due_at: cst('2027-01-06T17:30:00'), v: 1 },
    ]);

    // Tuesday the 5th closes. A plan's call stored before that is counted by the calendar held too.
    await publishLegacy(2, [{ date: '2027-01-05', name: '停水停电' }]);
    const stale = await planCallback(cst('2027-01-04T10:00:00'), cst('2027-01-06T17:30:00'));
    await withoutBasis([stale]);
    expect(await recompute.recompute(cst('2027-01-04T12:00:00'))).toBe(3);
    expect([await current(complaint.id), await current(planned), await current(stale)]).toEqual([
      { due_at: cst('2027-01-08T17:30:00'), v: 2 },
      { due_at: cst('2027-01-07T17:30:00'), v: 2 },
      { due_at: cst('2027-01-07T17:30:00'), v: 2 },
    ]);
    expect(await unfiredTimers(planned)).toEqual([cst('2027-01-07T17:30:00')]);
    const announced = (await outbox(complaint.id)).filter((e) => e.type === 'callback.due_recomputed.v1');
    expect(announced.map((e) => e.data)).toEqual([
      expect.objectContaining({ previousDueAt: '2027-01-07T09:30:00.000Z', dueAt: '2027-01-08T09:30:00.000Z', calendarId: 'legacy', calendarVersion: 2 }),
    ]);
    // The repair's policy no longer gives its due time: a calendar changed since cannot be told from
    // a policy changed since, so it keeps the due time it was given.
    expect(await current(repair.id)).toEqual({ due_at: cst('2027-01-05T17:30:00'), v: null });
    expect((await outbox(repair.id)).map((e) => e.type)).toEqual(['callback.scheduled.v1']);
  });

  it('leaves one that can be given no basis unlocked on every pass: read again until it ends, it is never written', async () => {
    await publishLegacy(1, []);
    await replacePolicies('legacy', { complaint: 3, repair: 1 });
    // Monday 1 February 2027: a repair due Tuesday the 2nd, counted by a policy changed since.
    const repair = await resolvedAt('repair', cst('2027-02-01T10:00:00'));
    await withoutBasis([repair.id]);
    await replacePolicies('legacy', { complaint: 3, repair: 2 });
    const lockedBy = async () => ((await db.dataSource.query(`SELECT xmax::text AS xmax FROM ${db.schema}.callbacks WHERE id = $1`, [repair.id])) as { xmax: string }[])[0]!.xmax;
    expect(await lockedBy()).toBe('0');

    await recompute.recompute(cst('2027-02-01T11:00:00'));
    await recompute.recompute(cst('2027-02-01T11:01:00'));
    expect(await current(repair.id)).toEqual({ due_at: cst('2027-02-02T17:30:00'), v: null });
    // A row lock is a write of the row: one taken on every pass of every replica, for weeks.
    expect(await lockedBy()).toBe('0');
  });
});

/** Version `version` of calendar `calendarId`, as the tickets service publishes it. */
const publishTo = (calendarId: string, version: number, document: ReturnType<typeof calendar>) =>
  db.dataSource.transaction((tx) => replica.apply(tx, { calendarId, version, document, at: new Date().toISOString() }));

/** For each `[scheduledId, heldId, calendarId]`, a care callback owed at `at`, due two working days later by the calendar, and another held for it. */
async function scheduleAndHold(at: Date, each: readonly (readonly [scheduledId: string, heldId: string, calendarId: string])[]): Promise<void> {
  await db.dataSource.transaction(async (tx) => {
    const task = (id: string) => ({ id, kind: 'care' as const, method: 'phone' as const, customerId: randomUUID(), projectCode: 'P001', attemptsAllowed: 3, retrySpacingMinutes: 60, createdAt: at });
    const scheduled = [];
    for (const [id, , calendarId] of each) scheduled.push({ ...task(id), ...countedDue(await replica.getVersioned(calendarId, tx), calendarId, at, 2) });
    await writer.scheduleAll(tx, scheduled, 'system', at);
    for (const [, id, calendarId] of each)
      await holdCallback(tx, { task: task(id), count: { calendarId, from: at, workingDays: 2 }, calendarVersion: 1, refusal: 'CALENDAR.NO_WORKING_TIME' }, at);
  });
}

/** The replica, but a calendar's newest version counts with a fault, as a bug in counting would: its zone is one Intl refuses. */
class FaultyReplica extends CalendarReplica {
  constructor(
    dataSource: ThrowawaySchema['dataSource'],
    private readonly faulty: string,
  ) {
    super(dataSource);
  }

  override async getVersioned(calendarId: string, db?: Queryable): ReturnType<CalendarReplica['getVersioned']> {
    const held = await super.getVersioned(calendarId, db);
    return calendarId === this.faulty && held.version > 1 ? { ...held, calendar: { ...held.calendar, timezone: 'Nowhere/Faulty' } } : held;
  }
}

describe('a fault while a due time is counted again', () => {
  it('Given a callback and a held one whose calendar counts with a fault, before others in id order, When the walk passes, Then only they are passed by, left as they were and logged, while the others are counted; mended, the next pass counts them', async () => {
    await publishTo('faulty', 1, calendar([]));
    await publishTo('sound', 1, calendar([]));
    // Monday 1 March 2027: due the close of Wednesday the 3rd.
    const at = cst('2027-03-01T10:00:00');
    // In id order, the faulty calendar's first: before, its fault failed every pass before the others were reached.
    const [faultyId, soundId, faultyHeld, soundHeld] = ['00000000-0000-4000-8000-00000000f001', 'ffffffff-ffff-4fff-bfff-fffffffff001', '00000000-0000-4000-8000-00000000f002', 'ffffffff-ffff-4fff-bfff-fffffffff002'];
    await scheduleAndHold(at, [
      [faultyId, faultyHeld, 'faulty'],
      [soundId, soundHeld, 'sound'],
    ]);
    await publishTo('faulty', 2, calendar([{ date: '2027-03-02', name: '停电' }]));
    await publishTo('sound', 2, calendar([{ date: '2027-03-02', name: '停电' }]));
    const faulty = new FaultyReplica(db.dataSource, 'faulty');
    const logged: unknown[] = [];
    const watching = { ...silent, error: (fields: unknown) => logged.push(fields) } as unknown as Logger;
    const faultyWalk = new RecomputeCallbackDues(
      ...[db.dataSource, callbacks, new CallbackDueRecount(callbacks, faulty, writer, silent), new LegacyDueBases(db.dataSource, callbacks, plans, policies, faulty)] as const,
      new ResumeHeldCallbacks(db.dataSource, plans, faulty, new ScheduleOrHold(writer, silent), watching),
      watching,
      config,
    );
    const dueOf = async (id: string) => (await db.dataSource.query(`SELECT due_at, due_calendar_version AS v FROM ${db.schema}.callbacks WHERE id = $1`, [id]))[0] as unknown;
    const stillHeld = async () => ((await db.dataSource.query(`SELECT callback_id::text FROM ${db.schema}.held_callbacks WHERE callback_id = ANY($1::uuid[])`, [[faultyHeld, soundHeld]])) as { callback_id: string }[]).map((r) => r.callback_id);

    await faultyWalk.recompute(cst('2027-03-01T11:00:00'));

    expect(await countedBy(faultyId)).toBe(1);
    expect(await dueOf(soundId)).toEqual({ due_at: cst('2027-03-04T17:30:00'), v: 2 });
    expect(await stillHeld()).toEqual([faultyHeld]);
    expect(await dueOf(soundHeld)).toEqual({ due_at: cst('2027-03-04T17:30:00'), v: 2 });
    expect(logged).toEqual(
      expect.arrayContaining([
        { callbackId: faultyHeld, calendarId: 'faulty', failure: 'RangeError' },
        { callbackId: faultyId, failure: 'RangeError' },
      ]),
    );

    expect(await recompute.recompute(cst('2027-03-01T11:01:00'))).toBe(1);
    expect(await dueOf(faultyId)).toEqual({ due_at: cst('2027-03-04T17:30:00'), v: 2 });
    expect(await stillHeld()).toEqual([]);
    expect(await dueOf(faultyHeld)).toEqual({ due_at: cst('2027-03-04T17:30:00'), v: 2 });
  });
});

describe('a batch run again after a fault', () => {
  it('Given a callback and a held one whose calendar’s new version cannot count them, each before one whose calendar counts with a fault, When the walk passes (its batches failing and run again), Then each hold and each due time kept is logged once', async () => {
    const noWorkingTime = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] };
    await publishTo('refusing', 1, calendar([]));
    await publishTo('flawed', 1, calendar([]));
    // In id order, each refused before the faulty one: the batch has logged the refusal when the fault fails it.
    const [refusedId, flawedId, refusedHeld, flawedHeld] = ['00000000-0000-4000-8000-0000000e0001', '00000000-0000-4000-8000-0000000e0002', '00000000-0000-4000-8000-0000000e0003', '00000000-0000-4000-8000-0000000e0004'];
    await scheduleAndHold(cst('2027-03-08T10:00:00'), [
      [refusedId, refusedHeld, 'refusing'],
      [flawedId, flawedHeld, 'flawed'],
    ]);
    await publishTo('refusing', 2, noWorkingTime);
    await publishTo('flawed', 2, calendar([{ date: '2027-03-09', name: '停电' }]));
    const flawed = new FaultyReplica(db.dataSource, 'flawed');
    const warned: { callbackId?: string; msg: string }[] = [];
    const passedBy: unknown[] = [];
    const watching = {
      ...silent,
      warn: (fields: { callbackId?: string }, msg: string) => warned.push({ callbackId: fields.callbackId, msg }),
      error: (fields: unknown) => passedBy.push(fields),
    } as unknown as Logger;
    const walk = new RecomputeCallbackDues(
      ...[db.dataSource, callbacks, new CallbackDueRecount(callbacks, flawed, writer, watching), new LegacyDueBases(db.dataSource, callbacks, plans, policies, flawed)] as const,
      new ResumeHeldCallbacks(db.dataSource, plans, flawed, new ScheduleOrHold(writer, watching), watching),
      watching,
      config,
    );

    await walk.recompute(cst('2027-03-08T11:00:00'));

    expect(passedBy).toEqual(expect.arrayContaining([expect.objectContaining({ callbackId: flawedHeld }), expect.objectContaining({ callbackId: flawedId })]));
    expect(warned.filter((w) => [refusedId, refusedHeld].includes(w.callbackId ?? ''))).toEqual([
      { callbackId: refusedHeld, msg: expect.stringMatching(/^callback held/) },
      { callbackId: refusedId, msg: expect.stringMatching(/not counted again; it stays/) },
    ]);
    expect(await countedBy(refusedId)).toBe(2);
  });
});

/** The replica, but reading calendar `lost` loses the connection, as a database restarting under the walk would. */
class LosingReplica extends CalendarReplica {
  override async getVersioned(calendarId: string, db?: Queryable): ReturnType<CalendarReplica['getVersioned']> {
    if (calendarId === 'lost' && db) await db.query('SELECT pg_terminate_backend(pg_backend_pid())');
    return super.getVersioned(calendarId, db);
  }
}

describe('the walk’s statements and a lost database', () => {
  const at = cst('2027-04-05T10:00:00');
  const scheduleBy = (calendarId: string, count: number) =>
    db.dataSource.transaction(async (tx) => {
      const counted = countedDue(await replica.getVersioned(calendarId, tx), calendarId, at, 2);
      const tasks = Array.from({ length: count }, () => ({ id: randomUUID(), kind: 'care' as const, method: 'phone' as const, customerId: randomUUID(), projectCode: 'P001', ...counted, attemptsAllowed: 3, retrySpacingMinutes: 60, createdAt: at }));
      await writer.scheduleAll(tx, tasks, 'system', at);
      return tasks.map((t) => t.id);
    });

  it('Given callbacks a new calendar version does not move, When the walk counts them, Then each costs the statements of its own work and no savepoint', async () => {
    await publishTo('steady', 1, calendar([]));
    const ids = await scheduleBy('steady', 10);
    await publishTo('steady', 2, calendar([{ date: '2027-05-20', name: '一天' }]));
    await recompute.recompute(cst('2027-04-05T10:30:00'));
    const sent: string[] = [];
    const counting: EntitySubscriberInterface = { beforeQuery: (event) => void sent.push(event.query.replace(/\s+/g, ' ').trim()) };
    await publishTo('steady', 3, calendar([{ date: '2027-05-21', name: '又一天' }]));
    db.dataSource.subscribers.push(counting);
    try {
      expect(await recompute.recompute(cst('2027-04-05T11:00:00'))).toBe(0);
    } finally {
      db.dataSource.subscribers.splice(db.dataSource.subscribers.indexOf(counting), 1);
    }

    expect(await Promise.all(ids.map(countedBy))).toEqual(ids.map(() => 3));
    expect(sent.filter((statement) => /^(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)/i.test(statement))).toEqual([]);
    // Each callback is locked, its calendar read and its version marked; the rest is the pass's own.
    expect(sent.length).toBeLessThanOrEqual(3 * ids.length + 12);
  });

  it('Given a callback whose calendar’s read loses the connection, When the walk passes, Then the pass fails, logging no callback as passed by, and the next pass counts it', async () => {
    await publishTo('lost', 1, calendar([]));
    const [id] = await scheduleBy('lost', 1);
    await publishTo('lost', 2, calendar([{ date: '2027-04-06', name: '停电' }]));
    const logged: unknown[] = [];
    const watching = { ...silent, error: (fields: unknown) => logged.push(fields) } as unknown as Logger;
    const losing = new LosingReplica(db.dataSource);
    const losingWalk = new RecomputeCallbackDues(
      ...[db.dataSource, callbacks, new CallbackDueRecount(callbacks, losing, writer, silent), new LegacyDueBases(db.dataSource, callbacks, plans, policies, losing)] as const,
      new ResumeHeldCallbacks(db.dataSource, plans, losing, new ScheduleOrHold(writer, silent), watching),
      watching,
      config,
    );

    await expect(losingWalk.recompute(cst('2027-04-05T11:00:00'))).rejects.toThrow(/terminat/i);

    expect(logged).toEqual([]);
    expect(await countedBy(id!)).toBe(1);
    expect(await recompute.recompute(cst('2027-04-05T11:01:00'))).toBe(1);
    expect(await countedBy(id!)).toBe(2);
  });
});

describe('a due timer’s batch fired again after a fault', () => {
  it('Given a callback due whose calendar’s new version cannot count it, and after it one whose firing fails, When the timer fires (its batch failing and fired again one callback at a time), Then the due time kept is logged once, and none for the callback whose firing was undone', async () => {
    const noWorkingTime = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [] };
    await publishTo('refusing-timer', 1, calendar([]));
    // In 2020, before any other test's callback: the timer's batch holds these two alone.
    const [keptId, undoneId] = [randomUUID(), randomUUID()];
    await db.dataSource.transaction(async (tx) => {
      const task = async (id: string, at: Date) => ({
        id,
        kind: 'care' as const,
        method: 'phone' as const,
        customerId: randomUUID(),
        projectCode: 'P001',
        attemptsAllowed: 3,
        retrySpacingMinutes: 60,
        createdAt: at,
        ...countedDue(await replica.getVersioned('refusing-timer', tx), 'refusing-timer', at, 2),
      });
      // The kept one due a day before: fired first in the batch.
      await writer.scheduleAll(tx, [await task(keptId, cst('2020-03-02T10:00:00')), await task(undoneId, cst('2020-03-03T10:00:00'))], 'system', cst('2020-03-02T10:00:00'));
    });
    // An assignee longer than callback.overdue allows: its firing cannot be published, and fails the batch.
    await db.dataSource.query(`UPDATE ${db.schema}.callbacks SET assignee = repeat('x', 65) WHERE id = $1`, [undoneId]);
    await publishTo('refusing-timer', 2, noWorkingTime);
    const warned: string[] = [];
    const watching = { ...silent, warn: (fields: { callbackId?: string }) => warned.push(fields.callbackId ?? '') } as unknown as Logger;
    const timers = new CallbackTimerRepository();
    const failures = new DueWorkFailures(db.dataSource, new DueWorkPostponementRepository(), new ServiceMetrics('callbacks'), silent);
    const firing = new FireCallbackDeadlines(db.dataSource, callbacks, timers, writer, new CallbackDueRecount(callbacks, replica, writer, watching), failures, silent, config);

    expect(await firing.pass(cst('2020-03-09T00:00:00'))).toMatchObject({ fired: 1, postponed: 1 });

    expect(warned.filter((id) => id === keptId)).toEqual([keptId]);
    expect(warned.filter((id) => id === undoneId)).toEqual([]);
    expect(await countedBy(keptId)).toBe(2);
    expect(await countedBy(undoneId)).toBe(1);
  });
});
