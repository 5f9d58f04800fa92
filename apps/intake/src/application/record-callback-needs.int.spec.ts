import { randomUUID } from 'node:crypto';
import { CallbackAttemptedV1, type EventData } from '@cs/contracts';
import { OutboxWriter, newEvent } from '@cs/messaging';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { activeItemsOfIntake } from '../infrastructure/active-items';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { throwawayPiiCodec } from '../infrastructure/pii/throwaway-pii-codec.support.spec';
import { RecordCallbackNeeds } from './record-callback-needs';
import { RecordContact } from './record-contact';
import { ResolveCustomer } from './resolve-customer';

let db: ThrowawaySchema;
let contacts: ContactRepository;
let record: RecordContact;
let needs: RecordCallbackNeeds;


beforeAll(async () => {
  db = await throwawaySchema('intake_callback_needs', MIGRATIONS);
  const pii = throwawayPiiCodec();
  const customers = new CustomerRepository(pii);
  contacts = new ContactRepository(pii);
  const outbox = new OutboxWriter(db.schema, '/cs/intake');
  record = new RecordContact(db.dataSource, new ResolveCustomer(customers, outbox), contacts, outbox, activeItemsOfIntake());
  needs = new RecordCallbackNeeds(customers, contacts, outbox);
});

afterAll(async () => {
  await db?.drop();
});

function attempted(customerId: string, change: Partial<EventData<typeof CallbackAttemptedV1>> = {}) {
  const callbackId = randomUUID();
  return newEvent(CallbackAttemptedV1, {
    source: '/cs/callbacks',
    subject: callbackId,
    data: {
      callbackId,
      kind: 'ticket',
      method: 'phone',
      ticketId: randomUUID(),
      customerId,
      projectCode: 'P001',
      dueAt: '2026-10-10T09:30:00.000Z',
      at: '2026-10-08T02:00:00.000Z',
      by: 'agent-7',
      attempt: 1,
      outcome: 'reached',
      satisfaction: 'satisfied',
      ...change,
    },
  });
}

async function receivedFor(customerId: string): Promise<{ contactId: string; ticketId: string; summary: string; direction: string; recordedBy: string }[]> {
  const rows = (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE event_type = 'contact.received.v1' ORDER BY seq`)) as { payload: string }[];
  return rows.map((r) => JSON.parse(r.payload) as { customerId: string } & Awaited<ReturnType<typeof receivedFor>>[number]).filter((p) => p.customerId === customerId);
}

describe('new needs raised on a callback', () => {
  it('Given a callback attempt with new needs, Then intake records an outbound contact of the caller and announces a new matter', async () => {
    const first = await record.execute(
      { channel: 'phone', content: '报修：楼道灯不亮', customer: { name: '钱一', phone: '13800138001', projectCode: 'P001', room: '501' } },
      { kind: 'agent', principal: { sub: 'agent-7', name: 'agent-7', roles: ['agent'], permissions: [] } },
    );
    await db.dataSource.transaction((tx) => needs.handle(attempted(first.customerId, { newNeeds: '想办理车位租赁，电话13900001111' }), tx));
    const received = (await receivedFor(first.customerId)).slice(1);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ direction: 'outbound', recordedBy: 'agent-7' });
    expect(received[0]!.summary).toContain('车位租赁');
    expect(received[0]!.summary).not.toContain('13900001111');
    const contact = await contacts.findVisible(db.dataSource.manager, received[0]!.contactId, ['P001']);
    expect(contact).toMatchObject({ route: 'new_matter', ticketId: received[0]!.ticketId, direction: 'outbound' });
    expect(contact!.content).not.toContain('13900001111');
    // Keyed by its matter, as every contact.received: a follow-up of it is never read before it.
    const keys = await db.dataSource.query(`SELECT message_key FROM ${db.schema}.outbox WHERE payload::jsonb ->> 'contactId' = $1`, [received[0]!.contactId]);
    expect(keys).toEqual([{ message_key: received[0]!.ticketId }]);
  });

  it('Given an attempt without new needs, or for a customer intake does not know, Then nothing is recorded', async () => {
    const before = (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${db.schema}.contacts`)) as { n: number }[];
    const unknown = randomUUID();
    await db.dataSource.transaction(async (tx) => {
      await needs.handle(attempted(unknown, { newNeeds: '想加装门禁' }), tx);
      await needs.handle(attempted(unknown), tx);
    });
    const after = (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${db.schema}.contacts`)) as { n: number }[];
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('Given the customer called was erased since, Then nothing is recorded or announced; merged into another, Then the need is the survivor’s', async () => {
    const agent = { kind: 'agent' as const, principal: { sub: 'agent-7', name: 'agent-7', roles: ['agent' as const], permissions: [] } };
    const erased = await record.execute({ channel: 'phone', content: '咨询物业费', customer: { name: '孙二', phone: '13800138002', projectCode: 'P001' } }, agent);
    await db.dataSource.query(`UPDATE ${db.schema}.customers SET erased_at = now() WHERE id = $1`, [erased.customerId]);
    await db.dataSource.transaction((tx) => needs.handle(attempted(erased.customerId, { newNeeds: '还想问装修押金' }), tx));
    expect(await receivedFor(erased.customerId)).toHaveLength(1);

    const survivor = await record.execute({ channel: 'phone', content: '报修：门禁坏了', customer: { name: '李三', phone: '13800138003', projectCode: 'P001' } }, agent);
    const duplicate = await record.execute({ channel: 'wechat', content: '门禁', customer: { name: '李三', phone: '13800138004', projectCode: 'P001' } }, agent);
    await db.dataSource.query(`UPDATE ${db.schema}.customers SET merged_into = $2 WHERE id = $1`, [duplicate.customerId, survivor.customerId]);
    await db.dataSource.transaction((tx) => needs.handle(attempted(duplicate.customerId, { newNeeds: '想加装门禁卡' }), tx));
    expect(await receivedFor(duplicate.customerId)).toHaveLength(1);
    const raised = (await receivedFor(survivor.customerId)).slice(1);
    expect(raised.map((r) => r.summary)).toEqual([expect.stringContaining('门禁卡')]);
  });
});
