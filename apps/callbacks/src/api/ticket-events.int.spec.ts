import { randomUUID } from 'node:crypto';
import { CustomerMergedV1, TicketEscalatedV1, TicketMergedV1, TicketReopenedV1 } from '@cs/contracts';
import { OutboxWriter, newEvent } from '@cs/messaging';
import { type Logger, createLogger } from '@cs/observability';
import { CalendarReplica, ConsumerStep, consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, eventually, statementsWaitingForLocks, throwawaySchema, withRoundTripsCounted } from '@cs/testing';
import { CallbackWriter } from '../application/callback-writer';
import { CancelOnReopen } from '../application/cancel-on-reopen';
import { CareOnBirthdays } from '../application/care-on-birthdays';
import { FollowCustomerMerge } from '../application/follow-customer-merge';
import { ForgetErasedCustomer } from '../application/forget-erased-customer';
import { ReportMissedCallbacks } from '../application/report-missed-callbacks';
import { ScheduleAfterResolution } from '../application/schedule-after-resolution';
import { ScheduleOrHold } from '../application/schedule-or-hold';
import { TrackPlanCustomers } from '../application/track-plan-customers';
import { CallbackPlanRepository } from '../infrastructure/callback-plan.repository';
import { CallbackPolicyRepository } from '../infrastructure/callback-policy.repository';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { type FollowedTicketFixture, ticketCreatedEvent, ticketResolvedEvent } from '../testing/ticket-events';
import { CustomerEventsController } from './customer-events.controller';
import { TicketEventsController } from './ticket-events.controller';

let db: ThrowawaySchema;
let events: TicketEventsController;
let customerEvents: CustomerEventsController;
const callbacks = new CallbackRepository();
let outbox: OutboxWriter;
/** What the callbacks' holds warned of, as logged. */
const warned: { callbackId?: string; calendarId?: string; msg: string }[] = [];

const hours = (): [string, string][] => [['09:00', '18:00']];
const WEEKDAYS = { timezone: 'Asia/Shanghai', workingHours: { mon: hours(), tue: hours(), wed: hours(), thu: hours(), fri: hours(), sat: [], sun: [] }, holidays: [], workingDays: [] };

beforeAll(async () => {
  db = await throwawaySchema('callbacks_ticket_events', MIGRATIONS);
  const policies = new CallbackPolicyRepository();
  const missed = new MissedCallbacksRepository();
  const links = new QuestionnaireLinks({ questionnaire: { secret: 'a-test-secret-of-at-least-32-characters', baseUrl: 'https://cs.example.com', ttlSeconds: 3600 } });
  outbox = new OutboxWriter(db.schema, '/cs/callbacks');
  const writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, missed, outbox);
  const replica = new CalendarReplica(db.dataSource);
  const holds = new ScheduleOrHold(writer, { ...createLogger('callbacks', 'silent'), warn: (fields: { callbackId?: string }, msg: string) => void warned.push({ ...fields, msg }) } as unknown as Logger);
  events = new TicketEventsController(new ScheduleAfterResolution(callbacks, policies, replica, writer, holds), new CancelOnReopen(callbacks, writer), new ReportMissedCallbacks(policies, missed), replica);
  const plans = new CallbackPlanRepository();
  const erasures = new ForgetErasedCustomer(callbacks, plans, links, writer);
  customerEvents = new CustomerEventsController(new TrackPlanCustomers(plans), new CareOnBirthdays(plans, replica, holds), new FollowCustomerMerge(plans, erasures, writer), erasures);
  await db.dataSource.transaction(async (tx) => {
    await replica.apply(tx, { calendarId: 'weekdays', version: 1, document: WEEKDAYS, at: new Date().toISOString() });
    await policies.replace(
      tx,
      [
        { id: 'complaint', name: 'complaint', match: { sections: ['complaint'] }, calendarId: 'weekdays', dueWorkingDays: 2, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'first_contact_owner', required: true },
        { id: 'major', name: 'major complaint', match: { sections: ['complaint'], grades: ['major'] }, calendarId: 'weekdays', dueWorkingDays: 1, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'project_pool', required: true },
      ],
      undefined,
    );
  });
});

afterAll(async () => {
  await db?.drop();
});

/**
 * A complaint opened by agent-9 and its resolution, as consumer steps; a schedule's ticket (周期工单)
 * when `scheduleId` is given; found a major complaint between the two when `major`.
 */
function openedAndResolved(o: { scheduleId?: string; major?: boolean } = {}): { ticketId: string; steps: ConsumerStep[] } {
  const { ticket, created } = ticketCreatedEvent({ ownerId: 'agent-9', createdAt: new Date('2026-12-01T01:00:00.000Z'), ...(o.scheduleId ? { scheduleId: o.scheduleId } : {}) });
  const escalated = newEvent(TicketEscalatedV1, {
    source: '/cs/tickets',
    subject: ticket.ticketId,
    data: { ticketId: ticket.ticketId, number: 'TK-20260930-000001', customerId: ticket.customerId, status: 'in_progress', projectCode: ticket.project, at: '2026-12-01T02:00:00.000Z', by: 'sup-1', level: 1, reason: 'major_complaint', notify: { roles: ['supervisor'] } },
  });
  const resolved = ticketResolvedEvent(ticket, new Date('2026-12-01T03:00:00.000Z'));
  const steps: ConsumerStep[] = [[created, (context) => events.ticketCreated(created, context)]];
  if (o.major) steps.push([escalated, (context) => events.ticketEscalated(escalated, context)]);
  steps.push([resolved, (context) => events.ticketResolved(resolved, context)]);
  return { ticketId: ticket.ticketId, steps };
}

const callbacksOf = async (ticketId: string) => (await callbacks.list(db.dataSource.manager, { limit: 200 }, undefined)).filter((c) => c.ticketId === ticketId);

describe('the statements of a resolution', () => {
  it('read whom the customer stands as, the ticket’s traits and the policies together (ADR 0191)', async () => {
    const { ticketId, steps } = openedAndResolved();
    const [opening, resolution] = steps as [ConsumerStep, ConsumerStep];
    await consumeInOneTransaction(db.dataSource, [opening]);
    const trips = await withRoundTripsCounted(db.schema, (relayed, roundTripsOf) => {
      // The events are written as the transaction commits, as the service's are.
      relayed.subscribers.push(outbox.committed);
      return roundTripsOf(() => consumeInOneTransaction(relayed, [resolution]));
    });
    // Fourteen before: the survivor, the erasure, the traits and the policies' two reads were each
    // a round trip; now the erasure follows the other three, the policies one statement.
    expect(trips).toBe(11);
    expect(await callbacksOf(ticketId)).toEqual([expect.objectContaining({ status: 'due', assignee: 'agent-9', policyId: 'complaint' })]);
  });
});

describe('ticket events of one consumer transaction', () => {
  it('Given a ticket opened and resolved in one transaction, Then the resolution reads the ticket written before it: its callback goes to the ticket’s owner', async () => {
    const { ticketId, steps } = openedAndResolved();
    await consumeInOneTransaction(db.dataSource, steps);
    expect(await callbacksOf(ticketId)).toEqual([expect.objectContaining({ status: 'due', assignee: 'agent-9', policyId: 'complaint' })]);
  });

  it('Given a complaint opened, found major and resolved in one transaction, Then the major complaints’ policy calls it back: the escalation graded the ticket written before it', async () => {
    const { ticketId, steps } = openedAndResolved({ major: true });
    await consumeInOneTransaction(db.dataSource, steps);
    const [callback] = await callbacksOf(ticketId);
    expect(callback).toMatchObject({ status: 'due', policyId: 'major' });
    expect(callback?.assignee).toBeUndefined();
  });

  it('Given a schedule’s ticket (周期工单) opened and resolved in one transaction, Then nobody is called back', async () => {
    const { ticketId, steps } = openedAndResolved({ scheduleId: randomUUID() });
    await consumeInOneTransaction(db.dataSource, steps);
    expect(await callbacksOf(ticketId)).toEqual([]);
  });

  /** Repairs called back by a policy timed by a calendar whose working time has run out. */
  const strandRepairs = async () => {
    const ranOut = { timezone: 'Asia/Shanghai', workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [], workingDays: [{ date: '2024-02-04', name: '春节调休', hours: [['09:00', '17:30'] as [string, string]] }] };
    const policies = new CallbackPolicyRepository();
    await db.dataSource.transaction(async (tx) => {
      await new CalendarReplica(db.dataSource).apply(tx, { calendarId: 'ran-out', version: 1, document: ranOut, at: new Date().toISOString() });
      // Saved before the calendar ran out: a save now is refused naming it.
      const { policies: kept, version } = await policies.list(tx);
      if (kept.some((p) => p.id === 'repairs')) return;
      const stranded = { id: 'repairs', name: 'repairs', match: { sections: ['repair'] }, calendarId: 'ran-out', dueWorkingDays: 2, method: 'phone', attemptsAllowed: 3, retrySpacingMinutes: 60, assignTo: 'project_pool', required: true } as const;
      await policies.replace(tx, [...kept, stranded], version);
    });
  };

  it('Given a resolution its policy times by a calendar whose working time has run out, Then the transaction commits: the ticket followed and resolved, and only its callback held, naming the calendar', async () => {
    await strandRepairs();
    const { ticket, created } = ticketCreatedEvent({ ownerId: 'agent-9', sectionCode: 'repair', createdAt: new Date('2026-12-01T01:00:00.000Z') });
    const resolved = ticketResolvedEvent(ticket, new Date('2026-12-01T03:00:00.000Z'));

    await consumeInOneTransaction(db.dataSource, [
      [created, (context) => events.ticketCreated(created, context)],
      [resolved, (context) => events.ticketResolved(resolved, context)],
    ]);
    expect(await callbacksOf(ticket.ticketId)).toEqual([]);
    expect(await db.dataSource.query(`SELECT status FROM ${db.schema}.followed_tickets WHERE ticket_id = $1`, [ticket.ticketId])).toEqual([{ status: 'resolved' }]);
    expect(await db.dataSource.query(`SELECT calendar_id, refusal FROM ${db.schema}.held_callbacks WHERE ticket_id = $1`, [ticket.ticketId])).toEqual([
      { calendar_id: 'ran-out', refusal: 'CALENDAR.NO_WORKING_TIME' },
    ]);
  });

  it('Given a resolution whose callback is held, in a consumer transaction that fails on a later event and is then handled again, Then the hold is logged once, of the transaction that committed, none of the one rolled back', async () => {
    await strandRepairs();
    const { ticket, created } = ticketCreatedEvent({ ownerId: 'agent-9', sectionCode: 'repair', createdAt: new Date('2026-12-01T01:00:00.000Z') });
    const resolved = ticketResolvedEvent(ticket, new Date('2026-12-01T03:00:00.000Z'));
    const next = ticketCreatedEvent({ ownerId: 'agent-9', createdAt: new Date('2026-12-01T04:00:00.000Z') }).created;
    const steps: ConsumerStep[] = [
      [created, (context) => events.ticketCreated(created, context)],
      [resolved, (context) => events.ticketResolved(resolved, context)],
    ];
    const heldHere = async () => (await db.dataSource.query(`SELECT callback_id FROM ${db.schema}.held_callbacks WHERE ticket_id = $1`, [ticket.ticketId])) as { callback_id: string }[];
    const warnedHere = () => warned.filter((w) => w.msg.startsWith('callback held') && w.calendarId === 'ran-out');
    const before = warnedHere().length;

    // A chunk whose next event fails: the consumer rolls it back and handles its events again one at a time.
    await expect(
      consumeInOneTransaction(db.dataSource, [
        ...steps,
        [
          next,
          () => {
            throw new Error('the next event fails');
          },
        ],
      ]),
    ).rejects.toThrow('the next event fails');
    expect(await heldHere()).toEqual([]);
    expect(warnedHere().length).toBe(before);

    await consumeInOneTransaction(db.dataSource, steps);
    const [held] = await heldHere();
    expect(warnedHere().slice(before)).toEqual([expect.objectContaining({ callbackId: held!.callback_id, calendarId: 'ran-out' })]);
  });

  it('Given two transactions that each open and resolve a ticket and then merge its customer, When both run at once, Then neither waits on the other in a cycle: both commit, each callback the survivor’s', async () => {
    const merged = [0, 1].map(() => {
      const duplicate = randomUUID();
      const survivor = randomUUID();
      const { ticket, created } = ticketCreatedEvent({ ownerId: 'agent-9', createdAt: new Date('2026-12-01T01:00:00.000Z'), customerId: duplicate });
      const resolved = ticketResolvedEvent(ticket, new Date('2026-12-01T03:00:00.000Z'));
      const merge = newEvent(CustomerMergedV1, {
        source: '/cs/intake',
        subject: survivor,
        data: { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-12-01T04:00:00.000Z', mergedBy: 'sup-1' },
      });
      const steps: ConsumerStep[] = [
        [created, (context) => events.ticketCreated(created, context)],
        [resolved, (context) => events.ticketResolved(resolved, context)],
        [merge, (context) => customerEvents.customerMerged(merge, context)],
      ];
      return { ticketId: ticket.ticketId, survivor, steps };
    });
    const [first, second] = merged;
    let reachedMerge!: () => void;
    const firstAtMerge = new Promise<void>((resolve) => (reachedMerge = resolve));
    // The first stops before its merge, its callback scheduled, until the second waits for a lock:
    // on the first's gate, or, holding it shared after scheduling its own, to hold it alone.
    const firstSteps = first!.steps.map(([event, handle]): ConsumerStep => [
      event,
      async (context) => {
        if (event.type === CustomerMergedV1.type) {
          reachedMerge();
          await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
        }
        await handle(context);
      },
    ]);
    const firstRun = consumeInOneTransaction(db.dataSource, firstSteps);
    await firstAtMerge;
    const secondRun = consumeInOneTransaction(db.dataSource, second!.steps);

    expect((await Promise.allSettled([firstRun, secondRun])).map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
    for (const { ticketId, survivor } of merged) expect(await callbacksOf(ticketId)).toEqual([expect.objectContaining({ status: 'due', customerId: survivor })]);
  });
});

describe('ticket events beside a merge of customers', () => {
  /** What locks the duplicate's callback or followed ticket in the consumer transaction, before its next event. */
  const lockingSteps: [string, (t: FollowedTicketFixture) => ConsumerStep][] = [
    [
      'reopens',
      (t) => {
        const reopened = newEvent(TicketReopenedV1, {
          source: '/cs/tickets',
          subject: t.ticketId,
          data: { ticketId: t.ticketId, number: 'TK-20260930-000001', customerId: t.customerId, status: 'in_progress', projectCode: t.project, at: '2026-12-02T01:00:00.000Z', by: 'system', reason: '回访不满意', reopenCount: 1 },
        });
        return [reopened, (context) => events.ticketReopened(reopened, context)];
      },
    ],
    [
      'merges into another ticket',
      (t) => {
        const merged = newEvent(TicketMergedV1, {
          source: '/cs/tickets',
          subject: t.ticketId,
          data: {
            ...{ ticketId: t.ticketId, number: 'TK-20260930-000001', customerId: t.customerId, status: 'closed', projectCode: t.project, at: '2026-12-02T01:00:00.000Z', by: 'agent-7' },
            ...{ mergedTicketId: t.ticketId, survivorTicketId: randomUUID(), survivorNumber: 'TK-20260930-000002', contactsMoved: 1 },
          },
        });
        return [merged, (context) => events.ticketMerged(merged, context)];
      },
    ],
    [
      'finds a major complaint',
      (t) => {
        const escalated = newEvent(TicketEscalatedV1, {
          source: '/cs/tickets',
          subject: t.ticketId,
          data: { ticketId: t.ticketId, number: 'TK-20260930-000001', customerId: t.customerId, status: 'resolved', projectCode: t.project, at: '2026-12-02T01:00:00.000Z', by: 'sup-1', level: 1, reason: 'major_complaint', notify: { roles: ['supervisor'] } },
        });
        return [escalated, (context) => events.ticketEscalated(escalated, context)];
      },
    ],
  ];

  it.each(lockingSteps)(
    'Given a consumer transaction that %s a duplicate’s resolved ticket and then resolves another, When the duplicate’s merge runs between them, Then neither waits on the other in a cycle: both commit, the duplicate’s callback and ticket the survivor’s',
    async (_what, lockingStep) => {
      const [duplicate, survivor] = [randomUUID(), randomUUID()];
      const first = ticketCreatedEvent({ ownerId: 'agent-9', createdAt: new Date('2026-12-01T01:00:00.000Z'), customerId: duplicate });
      const other = ticketCreatedEvent({ ownerId: 'agent-9', createdAt: new Date('2026-12-01T01:00:00.000Z') });
      const firstResolved = ticketResolvedEvent(first.ticket, new Date('2026-12-01T03:00:00.000Z'));
      await consumeInOneTransaction(db.dataSource, [
        [first.created, (context) => events.ticketCreated(first.created, context)],
        [other.created, (context) => events.ticketCreated(other.created, context)],
        [firstResolved, (context) => events.ticketResolved(firstResolved, context)],
      ]);
      const merge = newEvent(CustomerMergedV1, { source: '/cs/intake', subject: survivor, data: { customerId: survivor, mergedCustomerId: duplicate, mergedAt: '2026-12-02T02:00:00.000Z', mergedBy: 'sup-1' } });
      const otherResolved = ticketResolvedEvent(other.ticket, new Date('2026-12-02T03:00:00.000Z'));
      let reachedResolution!: () => void;
      const atResolution = new Promise<void>((resolve) => (reachedResolution = resolve));
      // The first event has locked the duplicate's rows; the resolution waits until the merge waits for a lock.
      const consuming = consumeInOneTransaction(db.dataSource, [
        lockingStep(first.ticket),
        [
          otherResolved,
          async (context) => {
            reachedResolution();
            await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
            await events.ticketResolved(otherResolved, context);
          },
        ],
      ]);
      await atResolution;
      const merging = consumeInOneTransaction(db.dataSource, [[merge, (context) => customerEvents.customerMerged(merge, context)]]);

      expect((await Promise.allSettled([consuming, merging])).map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
      expect((await callbacksOf(first.ticket.ticketId)).map((c) => c.customerId)).toEqual([survivor]);
      expect(await db.dataSource.query(`SELECT customer_id::text FROM ${db.schema}.followed_tickets WHERE ticket_id = $1`, [first.ticket.ticketId])).toEqual([{ customer_id: survivor }]);
      expect(await callbacksOf(other.ticket.ticketId)).toEqual([expect.objectContaining({ status: 'due' })]);
    },
  );
});
