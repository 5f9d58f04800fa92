import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from './migrations';
import { TicketChange, followTicket, followTickets, openTicketsOf, rememberMerge, rememberTickets, survivingTicket } from './known-tickets';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('intake_known_tickets', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

/** A ticket intake heard of, open, of one customer. */
async function known(customerId: string, itemCode = 'repair.public_area'): Promise<string> {
  const ticketId = randomUUID();
  await db.dataSource.transaction((tx) =>
    rememberTickets(tx, [{ ticketId, number: 'TK-20261130-000001', customerId, itemCode, projectCode: 'P001', openedAt: new Date().toISOString() }]),
  );
  return ticketId;
}

/** What `ticket.merged` tells intake: the ticket closed, pointing to its survivor. */
async function merge(ticketId: string, survivorTicketId: string, customerId: string): Promise<void> {
  await db.dataSource.transaction(async (tx) => {
    await followTicket(tx, { ticketId, number: 'TK-20261130-000001', customerId, status: 'closed', projectCode: 'P001', at: new Date().toISOString() });
    await rememberMerge(tx, ticketId, survivorTicketId);
  });
}

describe('known tickets merged into others (工单合并)', () => {
  it('given A merged into B and B into C, when a contact names A, then it follows up C; C is the open one', async () => {
    const customer = randomUUID();
    const [a, b, c] = [await known(customer), await known(customer), await known(customer)];
    await merge(a, b, customer);
    await merge(b, c, customer);
    expect(await survivingTicket(db.dataSource.manager, a)).toBe(c);
    expect(await survivingTicket(db.dataSource.manager, b)).toBe(c);
    expect(await survivingTicket(db.dataSource.manager, c)).toBe(c);
    expect((await openTicketsOf(db.dataSource.manager, customer, ['P001'])).map((t) => t.ticketId)).toEqual([c]);
  });

  it('given a ticket intake never heard of, then it is named as it is', async () => {
    const id = randomUUID();
    expect(await survivingTicket(db.dataSource.manager, id)).toBe(id);
  });
});

describe('following tickets through their events, many at once', () => {
  const state = async (ticketId: string) =>
    ((await db.dataSource.query('SELECT status, open, sla_state, last_event_at FROM known_tickets WHERE ticket_id = $1', [ticketId])) as {
      status: string;
      open: boolean;
      sla_state: string;
      last_event_at: Date;
    }[])[0];
  const change = (ticketId: string, customerId: string, minute: number, status: string, slaState?: string): TicketChange => ({
    ticketId,
    number: 'TK-20261130-000009',
    customerId,
    status,
    projectCode: 'P001',
    // After the opening `known` remembers, which is now.
    at: new Date(Date.now() + minute * 60_000).toISOString(),
    ...(slaState ? { slaState } : {}),
  });

  it('given changes of different tickets, one known and one not, then each is as its change left it', async () => {
    const customer = randomUUID();
    const knownTicket = await known(customer);
    const newTicket = randomUUID();
    await db.dataSource.transaction((tx) =>
      followTickets(tx, [change(knownTicket, customer, 5, 'in_progress', 'at_risk'), change(newTicket, customer, 6, 'resolved')]),
    );
    expect(await state(knownTicket)).toMatchObject({ status: 'in_progress', open: true, sla_state: 'at_risk' });
    expect(await state(newTicket)).toMatchObject({ status: 'resolved', open: false, sla_state: 'on_track' });
  });

  it('given a change naming no SLA state, or one older than what was applied, then the state stays', async () => {
    const customer = randomUUID();
    const [a, b] = [await known(customer), await known(customer)];
    await db.dataSource.transaction((tx) => followTickets(tx, [change(a, customer, 10, 'dispatched', 'breached'), change(b, customer, 10, 'dispatched', 'at_risk')]));
    await db.dataSource.transaction((tx) => followTickets(tx, [change(a, customer, 11, 'in_progress'), change(b, customer, 9, 'resolved', 'on_track')]));
    expect(await state(a)).toMatchObject({ status: 'in_progress', sla_state: 'breached' });
    expect(await state(b)).toMatchObject({ status: 'dispatched', open: true, sla_state: 'at_risk' });
  });

  it('given openings of several tickets at once, one of them known through a later event, then each is remembered and the known one gains its number and keeps its state', async () => {
    const customer = randomUUID();
    const [fresh, seenFirst] = [randomUUID(), randomUUID()];
    await db.dataSource.transaction((tx) => followTickets(tx, [change(seenFirst, customer, 30, 'dispatched', 'at_risk')]));
    const openedAt = new Date().toISOString();
    const opening = (ticketId: string, number: string) => ({ ticketId, number, customerId: customer, itemCode: 'repair.public_area', projectCode: 'P001', openedAt });
    await db.dataSource.transaction((tx) => rememberTickets(tx, [opening(fresh, 'TK-20261130-000101'), opening(seenFirst, 'TK-20261130-000102')]));
    expect(await state(fresh)).toMatchObject({ status: 'new', open: true });
    expect(await state(seenFirst)).toMatchObject({ status: 'dispatched', open: true, sla_state: 'at_risk' });
    const numbers = (await db.dataSource.query('SELECT number FROM known_tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY number', [[fresh, seenFirst]])) as { number: string }[];
    expect(numbers.map((n) => n.number)).toEqual(['TK-20261130-000101', 'TK-20261130-000102']);
    // The same ticket twice in one call goes one by one: the later opening's number stays.
    await db.dataSource.transaction((tx) => rememberTickets(tx, [opening(fresh, 'TK-20261130-000103'), opening(fresh, 'TK-20261130-000104')]));
    expect((await db.dataSource.query('SELECT number FROM known_tickets WHERE ticket_id = $1', [fresh]))[0]).toEqual({ number: 'TK-20261130-000104' });
  });

  it('given several changes of one ticket, then they apply one after another as single ones would', async () => {
    const customer = randomUUID();
    const ticket = await known(customer);
    await db.dataSource.transaction((tx) =>
      followTickets(tx, [change(ticket, customer, 20, 'dispatched', 'at_risk'), change(ticket, customer, 21, 'in_progress'), change(ticket, customer, 19, 'new')]),
    );
    expect(await state(ticket)).toMatchObject({ status: 'in_progress', sla_state: 'at_risk' });
  });
});
