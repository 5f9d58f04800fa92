import { randomUUID } from 'node:crypto';
import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, rejectionOf, throwawaySchema } from '@cs/testing';
import type { Actor } from '../domain/ticket-access';
import { MIGRATIONS } from '../infrastructure/migrations';
import { contactsOfTicket } from '../infrastructure/ticket-contacts';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { contactFollowedUp, contactReceived } from '../testing/fixtures';
import { ticketServices } from '../testing/ticket-services';
import { linkFollowUp } from './customer-lifecycle';
import { MergeTickets } from './merge-tickets';
import { OpenTicketFromContact } from './open-ticket-from-contact';
import { RunTicketCommand } from './run-ticket-command';

let db: ThrowawaySchema;
let openFromContact: OpenTicketFromContact;
let merge: MergeTickets;
let run: RunTicketCommand;
const tickets = new TicketRepository();
const agent: Actor = { sub: 'agent-1', roles: ['agent'], projects: ['P001', 'P002'] };

beforeAll(async () => {
  db = await throwawaySchema('tickets_merge', MIGRATIONS);
  const services = ticketServices(db);
  ({ opening: openFromContact, run } = services);
  merge = new MergeTickets(db.dataSource, services.tickets, services.policies, services.writer, services.calendars);
});

afterAll(async () => {
  await db?.drop();
});

/** A ticket opened by a contact, as intake announced it. */
async function opened(customerId: string, project = 'P001', itemCode = 'repair.public_area'): Promise<string> {
  const ticketId = randomUUID();
  const event = contactReceived(customerId, ticketId, { unit: { projectCode: project }, itemCode, summary: '卫生间漏水' });
  await db.dataSource.transaction((tx) => openFromContact.handle(event, tx));
  return ticketId;
}

async function followedUp(ticketId: string, customerId: string): Promise<string> {
  const event = contactFollowedUp(ticketId, { customerId, reason: 'ticket_named', summary: '还在漏' });
  await db.dataSource.transaction((tx) => linkFollowUp(event, tx));
  return event.data.contactId;
}

const reload = async (id: string) => (await tickets.find(db.dataSource.manager, id))!;
const contacts = (id: string) => contactsOfTicket(db.dataSource.manager, id);
const outbox = async (key: string) =>
  ((await db.dataSource.query(`SELECT event_type, payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [key])) as { event_type: string; payload: string }[]).map(
    (r) => ({ type: r.event_type, data: (JSON.parse(r.payload) as { data?: object }).data ?? JSON.parse(r.payload) }),
  );

describe('merging a duplicate into its survivor', () => {
  it('given two open tickets of one customer, when merged, then every contact is on the survivor and the duplicate is closed, read-only and announced', async () => {
    const customer = randomUUID();
    const survivor = await opened(customer);
    const duplicate = await opened(customer, 'P001', 'repair.own_unit');
    const followUp = await followedUp(duplicate, customer);

    const after = await merge.execute(survivor, agent, { ticketId: duplicate, reason: '同一漏水，业主电话13800138000' });

    expect(after).toMatchObject({ id: survivor, status: 'new', repeatContactCount: 2, version: 2 });
    const moved = await contacts(survivor);
    expect(moved).toHaveLength(3);
    expect(moved.map((c) => c.mergedFrom)).toEqual([undefined, duplicate, duplicate]);
    expect(moved.some((c) => c.contactId === followUp)).toBe(true);
    expect(await contacts(duplicate)).toEqual([]);

    const merged = await reload(duplicate);
    expect(merged).toMatchObject({ status: 'closed', mergedInto: survivor });
    expect(merged.clocks.every((c) => c.metAt !== undefined)).toBe(true);
    const [survivorEntry] = (await tickets.history(db.dataSource.manager, survivor)).filter((h) => h.action === 'merge');
    expect(survivorEntry?.details).toMatchObject({ mergedTicketId: duplicate, contacts: 2 });
    expect(JSON.stringify(survivorEntry?.details)).not.toContain('13800138000');
    expect((await tickets.history(db.dataSource.manager, duplicate)).map((h) => h.action)).toEqual(['created', 'follow_up', 'merged_into']);

    const events = await outbox(duplicate);
    expect(events.map((e) => e.type)).toEqual(['ticket.created.v1', 'ticket.merged.v1']);
    expect(events[1]!.data).toMatchObject({ ticketId: duplicate, mergedTicketId: duplicate, survivorTicketId: survivor, status: 'closed', contactsMoved: 2 });
    expect((await outbox(survivor)).map((e) => e.type)).toEqual(['ticket.created.v1']);
  });

  it('given a merged ticket, when a person acts on it, then it is 409 TICKET.MERGED naming the survivor; a late follow-up joins the survivor', async () => {
    const customer = randomUUID();
    const survivor = await opened(customer);
    const duplicate = await opened(customer);
    await merge.execute(survivor, agent, { ticketId: duplicate });

    const refused = await rejectionOf(run.execute(duplicate, agent, { action: 'dispatch', command: { type: 'dispatch', department: 'engineering' } }), DomainError);
    expect(refused).toMatchObject({ code: 'TICKET.MERGED', kind: 'conflict', details: { mergedInto: survivor } });

    const late = await followedUp(duplicate, customer);
    expect((await contacts(survivor)).map((c) => c.contactId)).toContain(late);
    expect(await reload(survivor)).toMatchObject({ repeatContactCount: 2 });
  });

  it.each([
    ['another customer', async () => [await opened(randomUUID()), await opened(randomUUID())], 'TICKET.MERGE_OTHER_CUSTOMER', 'invalid'],
    [
      'another project',
      async () => {
        const customer = randomUUID();
        return [await opened(customer, 'P001'), await opened(customer, 'P002')];
      },
      'TICKET.MERGE_OTHER_PROJECT',
      'invalid',
    ],
  ])('given tickets of %s, when merged, then it is refused and neither changes', async (_case, pair, code, kind) => {
    const [survivor, duplicate] = await pair();
    expect(await rejectionOf(merge.execute(survivor!, agent, { ticketId: duplicate! }), DomainError)).toMatchObject({ code, kind });
    expect([(await reload(survivor!)).version, (await reload(duplicate!)).version]).toEqual([1, 1]);
  });

  it('given a resolved duplicate, when merged, then it is 409 with where it stands', async () => {
    const customer = randomUUID();
    const survivor = await opened(customer);
    const duplicate = await opened(customer);
    await run.execute(duplicate, agent, { action: 'resolve', command: { type: 'resolve', resolution: '已修' } });
    expect(await rejectionOf(merge.execute(survivor, agent, { ticketId: duplicate }), DomainError)).toMatchObject({
      code: 'TICKET.ILLEGAL_TRANSITION',
      details: { currentStatus: 'resolved', command: 'merge' },
    });
  });

  it('given a caller of another project, when merging, then the survivor is not found and a duplicate they cannot see is unknown', async () => {
    const customer = randomUUID();
    const survivor = await opened(customer);
    const duplicate = await opened(customer);
    const outsider: Actor = { sub: 'agent-9', roles: ['agent'], projects: ['P009'] };
    expect(await rejectionOf(merge.execute(survivor, outsider, { ticketId: duplicate }), DomainError)).toMatchObject({ code: 'TICKET.NOT_FOUND' });
    const foreign = await opened(customer, 'P002');
    const p1Only: Actor = { sub: 'agent-3', roles: ['agent'], projects: ['P001'] };
    expect(await rejectionOf(merge.execute(survivor, p1Only, { ticketId: foreign }), DomainError)).toMatchObject({ code: 'TICKET.UNKNOWN_TICKET', field: 'ticketId' });
  });

  it('given stale versions, when merging, then it is 412 for the survivor (If-Match) and for the duplicate (ticketVersion)', async () => {
    const customer = randomUUID();
    const survivor = await opened(customer);
    const duplicate = await opened(customer);
    expect(await rejectionOf(merge.execute(survivor, agent, { ticketId: duplicate }, 7), DomainError)).toMatchObject({ code: 'TICKET.VERSION_CONFLICT', field: 'If-Match', details: { currentVersion: 1 } });
    expect(await rejectionOf(merge.execute(survivor, agent, { ticketId: duplicate, ticketVersion: 7 }), DomainError)).toMatchObject({
      code: 'TICKET.VERSION_CONFLICT',
      field: 'ticketVersion',
    });
  });

  it('given two people merging the same pair each way at once, then one merge happens and the other is refused, without a deadlock', async () => {
    const customer = randomUUID();
    const [a, b] = [await opened(customer), await opened(customer)];
    const results = await Promise.allSettled([merge.execute(a, agent, { ticketId: b }), merge.execute(b, agent, { ticketId: a })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as DomainError] : []));
    expect(refused?.code).toBe('TICKET.MERGED');
  });
});
