import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from './migrations';
import { followTicket, openTicketsOf, rememberMerge, rememberTicket, survivingTicket } from './known-tickets';

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
    rememberTicket(tx, { ticketId, number: 'TK-20261130-000001', customerId, itemCode, projectCode: 'P001', openedAt: new Date().toISOString() }),
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
