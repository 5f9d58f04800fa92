import { randomUUID } from 'node:crypto';
import { CallbackCompletedV1, ContactFollowedUpV1, CustomerErasedV1, CustomerMergedV1 } from '@cs/contracts';
import type { DomainEvent, EventOf } from '@cs/messaging';
import { consumeInOneTransaction } from '@cs/platform';
import { ThrowawaySchema, eventually, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import { followCustomerMerge } from '../application/customer-lifecycle';
import { ReopenOnCallback } from '../application/reopen-on-callback';
import { holdToMergeOrErase } from '../infrastructure/customer-fates';
import { MIGRATIONS } from '../infrastructure/migrations';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { contactFollowedUp, contactReceived, delivered } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
import { CallbackEventsController } from './callback-events.controller';
import { IntakeEventsController } from './intake-events.controller';

let db: ThrowawaySchema;
let controller: IntakeEventsController;
let callbacks: CallbackEventsController;
const tickets = new TicketRepository();

beforeAll(async () => {
  db = await throwawaySchema('tickets_intake_events', MIGRATIONS);
  const { opening, tickets: repository, run } = ticketServices(db);
  controller = new IntakeEventsController(opening);
  callbacks = new CallbackEventsController(new ReopenOnCallback(repository, run));
});

afterAll(async () => {
  await db?.drop();
});

const received = (customerId: string, ticketId: string) => contactReceived(customerId, ticketId);
const followUp = (ticketId: string) => contactFollowedUp(ticketId, {});
const reload = async (id: string) => (await tickets.find(db.dataSource.manager, id))!;
const historyOf = (id: string) => tickets.history(db.dataSource.manager, id);

describe('the contacts of one consumer transaction', () => {
  /** The intake events dispatched as the consumer does: in order, in one transaction, with the work left for its end run last. */
  async function consumeTogether(events: readonly DomainEvent[], beforeEach: (event: DomainEvent) => Promise<void> = async () => undefined): Promise<void> {
    await consumeInOneTransaction(
      db.dataSource,
      events.map((event) => [
        event,
        async (context) => {
          await beforeEach(event);
          switch (event.type) {
            case ContactFollowedUpV1.type:
              return controller.contactFollowedUp(event as EventOf<typeof ContactFollowedUpV1>, context);
            case CallbackCompletedV1.type:
              return callbacks.callbackCompleted(event as EventOf<typeof CallbackCompletedV1>, context);
            case CustomerMergedV1.type:
              return controller.customerMerged(event as EventOf<typeof CustomerMergedV1>, context);
            case CustomerErasedV1.type:
              return controller.customerErased(event as EventOf<typeof CustomerErasedV1>, context);
            default:
              return controller.contactReceived(event as Parameters<typeof controller.contactReceived>[0], context);
          }
        },
      ]),
    );
  }
  const customerOf = async (ticketId: string) =>
    ((await db.dataSource.query('SELECT customer_id::text AS id, customer_name AS name FROM tickets WHERE id = $1', [ticketId])) as { id: string; name: string }[])[0];

  it('given a contact and then its customer merged into another, and another’s contact and then its customer erased, then each ticket is opened before the customer event applies: merged to the survivor, named by the pseudonym', async () => {
    const [merged, survivor, erased] = [randomUUID(), randomUUID(), randomUUID()];
    const [first, second] = [randomUUID(), randomUUID()];
    await consumeTogether([
      received(merged, first),
      delivered(CustomerMergedV1, survivor, { customerId: survivor, mergedCustomerId: merged, mergedAt: new Date().toISOString(), mergedBy: 'sup-1' }),
      received(erased, second),
      delivered(CustomerErasedV1, erased, { customerId: erased, pseudonym: '客户-7f3a', erasedAt: new Date().toISOString() }),
    ]);
    expect(await customerOf(first)).toEqual({ id: survivor, name: '孙*' });
    expect(await customerOf(second)).toEqual({ id: erased, name: '客户-7f3a' });
  });

  const merge = (survivor: string, duplicate: string) =>
    delivered(CustomerMergedV1, survivor, { customerId: survivor, mergedCustomerId: duplicate, mergedAt: new Date().toISOString(), mergedBy: 'sup-1' });
  const erase = (customerId: string) => delivered(CustomerErasedV1, customerId, { customerId, pseudonym: '客户-9c1d', erasedAt: new Date().toISOString() });
  const created = async (ticketId: string) =>
    ((await db.dataSource.query(`SELECT payload FROM outbox WHERE event_type = 'ticket.created.v1' AND message_key = $1`, [ticketId])) as { payload: string }[]).map(
      (r) => JSON.parse(r.payload) as { customerId: string; customerNameMasked?: string; summary?: string },
    );
  const saidOn = async (ticketId: string) =>
    ((await db.dataSource.query('SELECT summary FROM ticket_contacts WHERE ticket_id = $1 ORDER BY occurred_at', [ticketId])) as { summary: string | null }[]).map((r) => r.summary);

  it('given a customer merged away, then into a third, when a contact of theirs recorded before arrives after (keyed by its ticket, another partition), then its ticket and ticket.created are the last survivor’s', async () => {
    const [duplicate, survivor, third, ticketId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await consumeTogether([merge(survivor, duplicate)]);
    await consumeTogether([merge(third, survivor)]);

    await consumeTogether([received(duplicate, ticketId)]);

    expect(await customerOf(ticketId)).toEqual({ id: third, name: '孙*' });
    expect((await created(ticketId)).map((c) => c.customerId)).toEqual([third]);
  });

  it('given a chain of merges heard out of order (the later first: each is keyed by its survivor), then the first duplicate’s ticket and a late contact of theirs are the last survivor’s', async () => {
    const [first, second, third, ticketId, lateId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await consumeTogether([received(first, ticketId)]);
    await consumeTogether([merge(third, second)]);

    await consumeTogether([merge(second, first)]);
    await consumeTogether([received(first, lateId)]);

    expect(await customerOf(ticketId)).toEqual({ id: third, name: '孙*' });
    expect(await customerOf(lateId)).toEqual({ id: third, name: '孙*' });
  });

  it('given a chain of merges heard out of order whose last survivor was erased before the first merge is heard, then the first duplicate’s ticket moved to them is under the pseudonym, with nothing they said kept', async () => {
    const [first, second, third, ticketId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await consumeTogether([received(first, ticketId)]);
    // The second merge and the erasure share a key (the last survivor); the first merge, keyed by the second customer, comes last.
    await consumeTogether([merge(third, second)]);
    await consumeTogether([erase(third)]);

    await consumeTogether([merge(second, first)]);

    expect(await customerOf(ticketId)).toEqual({ id: third, name: '客户-9c1d' });
    expect(await saidOn(ticketId)).toEqual([null]);
  });

  it('given a customer erased, when a contact and a follow-up of theirs recorded before arrive after, then the ticket is under the pseudonym and nothing they said is kept, on the ticket or in ticket.created', async () => {
    const [customerId, ticketId] = [randomUUID(), randomUUID()];
    await consumeTogether([received(customerId, ticketId)]);
    await consumeTogether([erase(customerId)]);
    const [lateId] = [randomUUID()];

    await consumeTogether([received(customerId, lateId), contactFollowedUp(ticketId, { summary: '又打来说灯还没修' })]);

    expect(await customerOf(lateId)).toEqual({ id: customerId, name: '客户-9c1d' });
    expect(await saidOn(lateId)).toEqual([null]);
    expect(await saidOn(ticketId)).toEqual([null, null]);
    const [announced] = await created(lateId);
    expect(announced).toMatchObject({ customerId });
    expect(announced).not.toHaveProperty('summary');
  });

  describe('a dissatisfied callback’s words on the ticket it reopened', () => {
    const agent = { sub: 'agent-1', roles: ['agent'] };
    const said = '电梯还在响，我女儿上周在里面被困了半小时';
    const verdict = (ticketId: string, customerId: string) =>
      delivered(CallbackCompletedV1, randomUUID(), { callbackId: randomUUID(), ticketId, customerId, satisfied: false, comment: said, completedAt: new Date().toISOString(), by: 'agent-3' }, '/cs/callbacks');
    const reopenReasons = async (ticketId: string) => (await historyOf(ticketId)).filter((h) => h.action === 'reopen').map((h) => (h.details as { reason?: string }).reason);

    async function resolvedTicketOf(customerId: string): Promise<string> {
      const ticketId = randomUUID();
      await consumeTogether([received(customerId, ticketId)]);
      await ticketServices(db).run.execute(ticketId, agent, { action: 'resolve', command: { type: 'resolve', resolution: '已更换电梯控制板' } });
      return ticketId;
    }

    it('given a ticket reopened by a dissatisfied callback, when its customer is erased, then the history keeps the verdict without what they said', async () => {
      const customerId = randomUUID();
      const ticketId = await resolvedTicketOf(customerId);
      const { tickets: repository, run } = ticketServices(db);
      await db.dataSource.transaction((tx) => new ReopenOnCallback(repository, run).handle(verdict(ticketId, customerId), tx));
      expect(await reopenReasons(ticketId)).toEqual([`回访不满意：${said}`]);

      await consumeTogether([erase(customerId)]);

      expect((await reload(ticketId)).status).toBe('in_progress');
      expect(await reopenReasons(ticketId)).toEqual(['回访不满意']);
    });

    it('given a customer erased, when a dissatisfied callback of theirs completed before arrives after, then the ticket reopens without what they said', async () => {
      const customerId = randomUUID();
      const ticketId = await resolvedTicketOf(customerId);
      await consumeTogether([erase(customerId)]);

      const { tickets: repository, run } = ticketServices(db);
      await db.dataSource.transaction((tx) => new ReopenOnCallback(repository, run).handle(verdict(ticketId, customerId), tx));

      expect(await reopenReasons(ticketId)).toEqual(['回访不满意']);
      const announced = (await db.dataSource.query(`SELECT payload FROM outbox WHERE event_type = 'ticket.reopened.v1' AND message_key = $1`, [ticketId])) as { payload: string }[];
      expect(announced.map((r) => (JSON.parse(r.payload) as { reason: string }).reason)).toEqual(['回访不满意']);
    });
  });

  it('given a contact’s ticket opening while its customer’s merge is uncommitted, when the merge commits, then the ticket is the survivor’s', async () => {
    const [duplicate, survivor, ticketId] = [randomUUID(), randomUUID(), randomUUID()];
    let commitMerge!: () => void;
    const merging = db.dataSource.transaction(async (tx) => {
      await followCustomerMerge(merge(survivor, duplicate), tx);
      await new Promise<void>((resolve) => (commitMerge = resolve));
    });
    await eventually(async () => expect(commitMerge).toBeDefined());
    const opening = consumeTogether([received(duplicate, ticketId)]);
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    commitMerge();
    await merging;
    await opening;

    expect(await customerOf(ticketId)).toEqual({ id: survivor, name: '孙*' });
  });

  it('given a merge of customers holding the gate, when a follow-up of the duplicate’s ticket arrives before the merge moves that ticket, then neither waits on the other (no deadlock): the ticket is the survivor’s, with the follow-up linked', async () => {
    const [duplicate, survivor, ticketId] = [randomUUID(), randomUUID(), randomUUID()];
    await consumeTogether([received(duplicate, ticketId)]);
    let moveTickets!: () => void;
    // The gate held alone before the tickets are moved, as by an erasure earlier in the merge's transaction.
    const merging = db.dataSource.transaction(async (tx) => {
      await holdToMergeOrErase(tx);
      // Sent ahead (ADR 0189): held once a statement after it is answered.
      await tx.query('SELECT 1');
      await new Promise<void>((resolve) => (moveTickets = resolve));
      await followCustomerMerge(merge(survivor, duplicate), tx);
    });
    await eventually(async () => expect(moveTickets).toBeDefined());
    const following = consumeTogether([contactFollowedUp(ticketId, { customerId: duplicate })]);
    await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    moveTickets();

    expect((await Promise.allSettled([merging, following])).map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
    expect(await customerOf(ticketId)).toEqual({ id: survivor, name: '孙*' });
    expect((await reload(ticketId)).repeatContactCount).toBe(1);
  });

  it('given a consumer transaction that reopens one customer’s ticket on a dissatisfied callback and then follows up another ticket, when a merge of that customer runs between them, then neither waits on the other in a cycle: both commit, the reopened ticket the survivor’s', async () => {
    const [duplicate, survivor, reopenedId, followedId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await consumeTogether([received(duplicate, reopenedId), received(randomUUID(), followedId)]);
    await ticketServices(db).run.execute(reopenedId, { sub: 'agent-1', roles: ['agent'] }, { action: 'resolve', command: { type: 'resolve', resolution: '已更换电梯控制板' } });
    const verdict = delivered(CallbackCompletedV1, randomUUID(), { callbackId: randomUUID(), ticketId: reopenedId, customerId: duplicate, satisfied: false, completedAt: new Date().toISOString(), by: 'agent-3' }, '/cs/callbacks');
    let reachedFollowUp!: () => void;
    const atFollowUp = new Promise<void>((resolve) => (reachedFollowUp = resolve));
    // The reopening has locked its ticket; the follow-up waits until the merge waits for a lock.
    const consuming = consumeTogether([verdict, followUp(followedId)], async (event) => {
      if (event.type !== ContactFollowedUpV1.type) return;
      reachedFollowUp();
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    });
    await atFollowUp;
    const merging = consumeTogether([merge(survivor, duplicate)]);

    expect((await Promise.allSettled([consuming, merging])).map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
    expect(await customerOf(reopenedId)).toEqual({ id: survivor, name: '孙*' });
    expect((await reload(reopenedId)).status).toBe('in_progress');
    expect((await reload(followedId)).repeatContactCount).toBe(1);
  });

  it('given two consumer transactions that each open a contact’s ticket and then merge its customer, when both run at once, then neither waits on the other in a cycle: both commit, each ticket the survivor’s', async () => {
    const customers = [0, 1].map(() => ({ duplicate: randomUUID(), survivor: randomUUID(), ticketId: randomUUID() }));
    const [first, second] = customers;
    const events = ({ duplicate, survivor, ticketId }: (typeof customers)[number]) => [received(duplicate, ticketId), merge(survivor, duplicate)];
    let reachedMerge!: () => void;
    const firstAtMerge = new Promise<void>((resolve) => (reachedMerge = resolve));
    // The first stops before its merge, its tickets opened, until the second waits for a lock: on
    // the first's gate, or, holding it shared after opening its own tickets, to hold it alone.
    const firstRun = consumeTogether(events(first!), async (event) => {
      if (event.type !== CustomerMergedV1.type) return;
      reachedMerge();
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThan(0));
    });
    await firstAtMerge;
    const secondRun = consumeTogether(events(second!));

    expect((await Promise.allSettled([firstRun, secondRun])).map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
    for (const { survivor, ticketId } of customers) expect(await customerOf(ticketId)).toEqual({ id: survivor, name: '孙*' });
  });

  it('open their tickets together, numbered in their order, each with its contact, history and timers; a follow-up among them finds the ticket opened before it', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const events = ids.map((id) => received(randomUUID(), id));
    const follow = followUp(ids[0]!);
    await consumeTogether([events[0]!, events[1]!, follow, events[2]!, { ...events[1]!, id: randomUUID() }]);

    const opened = await Promise.all(ids.map(reload));
    expect(opened.map((t) => t.status)).toEqual(['new', 'new', 'new']);
    expect(opened.map((t) => t.contactId)).toEqual(events.map((e) => e.data.contactId));
    const numbers = opened.map((t) => t.number);
    expect(new Set(numbers).size).toBe(3);
    expect([...numbers].sort()).toEqual(numbers);
    expect(opened[0]).toMatchObject({ repeatContactCount: 1 });
    expect((await historyOf(ids[0]!)).map((h) => h.action)).toEqual(['created', 'follow_up']);
    // The same contact announced twice in the chunk opens one ticket.
    expect((await historyOf(ids[1]!)).map((h) => h.action)).toEqual(['created']);
    const linked = (await db.dataSource.query('SELECT ticket_id::text AS id, kind FROM ticket_contacts WHERE ticket_id = ANY($1::uuid[]) ORDER BY kind, ticket_id', [ids])) as {
      id: string;
      kind: string;
    }[];
    expect(linked.filter((l) => l.kind === 'opened').map((l) => l.id).sort()).toEqual([...ids].sort());
    expect(linked.filter((l) => l.kind === 'follow_up').map((l) => l.id)).toEqual([ids[0]]);
    // Each ticket's plan inserted once: every timer of its clocks, none twice, the same for tickets alike.
    const timers = (await db.dataSource.query(
      `SELECT ticket_id::text AS id, array_agg(clock || ':' || kind || ':' || threshold ORDER BY clock, kind, threshold) AS plan,
              count(*)::int - count(DISTINCT (clock, kind, threshold))::int AS twice
         FROM sla_timers WHERE ticket_id = ANY($1::uuid[]) AND fired_at IS NULL GROUP BY ticket_id`,
      [ids],
    )) as { id: string; plan: string[]; twice: number }[];
    expect(timers.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(timers.map((t) => t.twice)).toEqual([0, 0, 0]);
    expect(timers[0]!.plan.length).toBeGreaterThanOrEqual(4);
    expect(new Set(timers.map((t) => t.plan.join()))).toEqual(new Set([timers[0]!.plan.join()]));
    const announced = (await db.dataSource.query(`SELECT message_key FROM outbox WHERE event_type = 'ticket.created.v1' AND message_key = ANY($1::text[])`, [ids])) as unknown[];
    expect(announced).toHaveLength(3);
  });
});
