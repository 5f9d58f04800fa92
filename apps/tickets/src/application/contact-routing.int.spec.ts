import { randomUUID } from 'node:crypto';
import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, rejectionOf, throwawaySchema, withRoundTripsCounted } from '@cs/testing';
import type { Ticket } from '../domain/ticket';
import { MIGRATIONS } from '../infrastructure/migrations';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { cacheThatRead } from '../testing/calendar-caches';
import { aTicket, contactFollowedUp, contactReceived } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
import { linkFollowUp } from './customer-lifecycle';
import { OpenTicketFromContact } from './open-ticket-from-contact';

let db: ThrowawaySchema;
let openFromContact: OpenTicketFromContact;
const tickets = new TicketRepository();

beforeAll(async () => {
  db = await throwawaySchema('tickets_routing', MIGRATIONS);
  openFromContact = ticketServices(db).opening;
});

afterAll(async () => {
  await db?.drop();
});

const received = (customerId: string, ticketId: string) => contactReceived(customerId, ticketId);
const followUp = (ticketId: string, contactId?: string) => contactFollowedUp(ticketId, contactId ? { contactId } : {});

async function seed(change: Partial<Ticket> = {}): Promise<Ticket> {
  const ticket = aTicket(change);
  await tickets.insert(db.dataSource.manager, ticket, undefined);
  return ticket;
}

const reload = async (id: string) => (await tickets.find(db.dataSource.manager, id))!;
const historyOf = (id: string) => tickets.history(db.dataSource.manager, id);

describe('a new matter, as intake routed it', () => {
  it('given intake named the ticket, when the contact arrives twice, then one ticket opens under that id', async () => {
    const ticketId = randomUUID();
    const event = received(randomUUID(), ticketId);
    await db.dataSource.transaction((tx) => openFromContact.handle(event, tx));
    await db.dataSource.transaction((tx) => openFromContact.handle({ ...event, id: randomUUID() }, tx));
    expect(await reload(ticketId)).toMatchObject({ id: ticketId, contactId: event.data.contactId, status: 'new' });
    expect((await historyOf(ticketId)).map((h) => h.action)).toEqual(['created']);
  });

  it('given an open ticket for the same customer and item, when intake routes another contact as new, then tickets opens a second one: intake decided', async () => {
    const customerId = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    await db.dataSource.transaction((tx) => openFromContact.handle(received(customerId, first), tx));
    await db.dataSource.transaction((tx) => openFromContact.handle(received(customerId, second), tx));
    expect([(await reload(first)).status, (await reload(second)).status]).toEqual(['new', 'new']);
  });
});

describe('the statements of an opening', () => {
  it('travel in four round trips: the reads that need no answer of each other go together (ADR 0191)', async () => {
    // A calendar cache that trusts what it read however slow the run, as a busy replica's between two chunks.
    const { opening, outbox } = ticketServices(db, await cacheThatRead(db, 'default'));
    await withRoundTripsCounted(db.schema, async (relayed, roundTripsOf) => {
      // The events are written as the transaction commits, as the service's are.
      relayed.subscribers.push(outbox.committed);
      const open = () => relayed.transaction((tx) => opening.handle(received(randomUUID(), randomUUID()), tx));
      // The first reads the policies' calendars into the cache, where the next finds them.
      await open();
      // The opening, the gate, the ticket locked, the policies, the item's place and the customer's
      // fate in one; the day's numbers in the next; the rows in the third; the events and COMMIT.
      expect(await roundTripsOf(open)).toBe(4);
    });
  });

  it('when one of the reads that go together fails, the opening fails with its error, not the aborted transaction the others met, and nothing is written', async () => {
    const ticketId = randomUUID();
    // The policies cannot be read: the reads sent after them (the items' places, the customers'
    // fates) meet an aborted transaction.
    await db.dataSource.query('ALTER TABLE sla_policies RENAME TO sla_policies_away');
    try {
      const failure = await rejectionOf(db.dataSource.transaction((tx) => openFromContact.handle(received(randomUUID(), ticketId), tx)), Error);
      expect(failure.message).toMatch(/relation "sla_policies" does not exist/);
    } finally {
      await db.dataSource.query('ALTER TABLE sla_policies_away RENAME TO sla_policies');
    }
    expect(await tickets.find(db.dataSource.manager, ticketId)).toBeUndefined();
    // The same contact opens its ticket once the table is back: the failure left nothing in the way.
    await db.dataSource.transaction((tx) => openFromContact.handle(received(randomUUID(), ticketId), tx));
    expect(await reload(ticketId)).toMatchObject({ id: ticketId, status: 'new' });
  });
});

describe('a follow-up, as intake routed it', () => {
  it('given an open ticket, when a follow-up arrives twice, then it counts once and the history shows it', async () => {
    const ticket = await seed();
    const event = followUp(ticket.id);
    await db.dataSource.transaction((tx) => linkFollowUp(event, tx));
    await db.dataSource.transaction((tx) => linkFollowUp({ ...event, id: randomUUID() }, tx));
    expect(await reload(ticket.id)).toMatchObject({ repeatContactCount: 1, version: 2 });
    expect((await historyOf(ticket.id)).map((h) => [h.action, h.details])).toEqual([
      ['follow_up', { contactId: event.data.contactId, channel: 'wechat', reason: 'same_item_open_ticket', ticketStatus: 'new' }],
    ]);
  });

  it('given the ticket was resolved before the follow-up arrived, when it arrives, then the ticket records it and stays resolved', async () => {
    const ticket = await seed({ status: 'resolved', resolution: '已修复', resolvedAt: new Date() });
    await db.dataSource.transaction((tx) => linkFollowUp(followUp(ticket.id), tx));
    expect(await reload(ticket.id)).toMatchObject({ status: 'resolved', repeatContactCount: 1 });
    expect((await historyOf(ticket.id))[0]?.details).toMatchObject({ ticketStatus: 'resolved' });
  });

  it('given the ticket is not opened yet, when its follow-up arrives, then it fails as not found, to be retried', async () => {
    const error = await rejectionOf(db.dataSource.transaction((tx) => linkFollowUp(followUp(randomUUID()), tx)), DomainError);
    expect(error.code).toBe('TICKET.NOT_FOUND');
  });
});
