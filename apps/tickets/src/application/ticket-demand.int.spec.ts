import { randomUUID } from 'node:crypto';
import { ContactFollowedUpV1, ContactReceivedV1, EventData, EventDefinition } from '@cs/contracts';
import { DomainEvent } from '@cs/messaging';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { contactsOfTicket } from '../infrastructure/ticket-contacts';
import { ticketServices } from '../testing/ticket-services';
import { linkFollowUp } from './customer-lifecycle';
import { OpenTicketFromContact } from './open-ticket-from-contact';
import { RunTicketCommand } from './run-ticket-command';

let db: ThrowawaySchema;
let openFromContact: OpenTicketFromContact;
let run: RunTicketCommand;

beforeAll(async () => {
  db = await throwawaySchema('tickets_demand', MIGRATIONS);
  ({ opening: openFromContact, run } = ticketServices(db));
});

afterAll(async () => {
  await db?.drop();
});

function delivered<D extends EventDefinition>(definition: D, subject: string, data: EventData<D>): DomainEvent<EventData<D>> {
  return { id: randomUUID(), type: definition.type, source: '/cs/intake', subject, time: new Date().toISOString(), data };
}

async function openTicket(summary: string, occurredAt: Date) {
  const [contactId, ticketId] = [randomUUID(), randomUUID()];
  await db.dataSource.transaction((tx) =>
    openFromContact.handle(
      delivered(ContactReceivedV1, contactId, {
        contactId,
        ticketId,
        customerId: randomUUID(),
        customerNameMasked: '孙*',
        channel: 'phone',
        direction: 'inbound',
        occurredAt: occurredAt.toISOString(),
        recordedBy: 'agent-1',
        unit: { projectCode: 'P001' },
        itemCode: 'repair.public_area',
        summary,
      }),
      tx,
    ),
  );
  return { contactId, ticketId };
}

async function publishedOf(ticketId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await db.dataSource.query<{ event_type: string; payload: string }[]>(
    `SELECT event_type, payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`,
    [ticketId],
  );
  return rows.map((r) => ({ type: r.event_type, data: JSON.parse(r.payload) as Record<string, unknown> }));
}

describe('the demand (诉求) and the contacts of a ticket', () => {
  it('given a ticket opened by a contact and followed up once, when its contacts are read, then the opening one carries the demand and the follow-up comes after it', async () => {
    const openedAt = new Date(Date.now() - 60_000);
    const { contactId, ticketId } = await openTicket('3栋电梯停在12楼不动了，电话[已隐去]', openedAt);
    const followUpId = randomUUID();
    const followedAt = new Date();
    await db.dataSource.transaction((tx) =>
      linkFollowUp(
        delivered(ContactFollowedUpV1, followUpId, {
          contactId: followUpId,
          ticketId,
          customerId: randomUUID(),
          channel: 'wechat',
          occurredAt: followedAt.toISOString(),
          recordedBy: 'agent-2',
          reason: 'same_item_open_ticket',
          summary: '还没人来修',
        }),
        tx,
      ),
    );

    expect(await contactsOfTicket(db.dataSource.manager, ticketId)).toEqual([
      { contactId, kind: 'opened', channel: 'phone', at: openedAt, summary: '3栋电梯停在12楼不动了，电话[已隐去]' },
      { contactId: followUpId, kind: 'follow_up', channel: 'wechat', at: followedAt, summary: '还没人来修' },
    ]);
  });
});

describe('deadlines in the published events', () => {
  it('given a new ticket with running clocks, when it is created and then dispatched, then both events carry its next deadline as stored', async () => {
    const { ticketId } = await openTicket('楼道灯坏了', new Date());
    await run.execute(ticketId, { sub: 'agent-1', roles: ['agent'] }, { action: 'dispatch', command: { type: 'dispatch', department: 'engineering' } });

    const [stored] = await db.dataSource.query<{ next_due_at: Date | null }[]>(`SELECT next_due_at FROM ${db.schema}.tickets WHERE id = $1`, [ticketId]);
    const events = await publishedOf(ticketId);
    expect(events.map((e) => e.type)).toEqual(['ticket.created.v1', 'ticket.dispatched.v1']);
    expect(stored?.next_due_at).toBeInstanceOf(Date);
    const created = events[0]!.data;
    expect(typeof created['nextDueAt']).toBe('string');
    expect(events[1]!.data).toMatchObject({ nextDueAt: stored!.next_due_at!.toISOString(), slaState: 'on_track', status: 'dispatched' });
  });
});
