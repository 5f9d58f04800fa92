import { randomInt, randomUUID } from 'node:crypto';
import type { EntitySubscriberInterface } from 'typeorm';
import type { Principal } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { OutboxWriter } from '@cs/messaging';
import {
  ThrowawaySchema,
  eventually,
  newMobile,
  rejectionOf,
  statementsWaitingForLocks,
  throwawaySchema,
  withRoundTripsCounted,
} from '@cs/testing';
import { ACTIVE_ITEMS, activeItemsOfIntake } from '../infrastructure/active-items';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { throwawayPiiCodec } from '../infrastructure/pii/throwaway-pii-codec.support.spec';
import { RecordContact, RecordContactCommand, Recorder } from './record-contact';
import { ResolveCustomer } from './resolve-customer';

let db: ThrowawaySchema;
let record: RecordContact;
/** A RecordContact of its own holding of active items, as a process that has not seen any yet. */
let freshRecord: () => RecordContact;
let customers: CustomerRepository;
let outbox: OutboxWriter;
let contacts: ContactRepository;
/** The statements sent while `sent.on` is set. */
const sent = { on: false, statements: [] as string[] };
const counting: EntitySubscriberInterface = {
  beforeQuery: (event) => {
    if (sent.on) sent.statements.push(event.query.replace(/\s+/g, ' ').trim());
  },
};

const agent = (sub: string): Principal => ({ sub, name: sub, roles: ['agent'], permissions: [], projects: ['P001'] });
const contactOf = (phone: string): RecordContactCommand => ({
  channel: 'phone',
  content: '3栋电梯停在12楼不动了',
  customer: { name: '钱一', phone, projectCode: 'P001', building: '3', room: '1202' },
  itemCode: 'repair.public_area',
});

/** What recording `command` sent to Postgres, one entry per statement. */
async function statementsOf(command: RecordContactCommand, by: Recorder = { kind: 'agent', principal: agent('agent-1') }, using: RecordContact = record) {
  sent.statements = [];
  sent.on = true;
  try {
    const recorded = await using.execute(command, by);
    return { recorded, statements: sent.statements };
  } finally {
    sent.on = false;
  }
}

/** The ticket of a new matter: the contact names it. */
const ticketOf = async (contactId: string): Promise<string> =>
  ((await db.dataSource.query('SELECT ticket_id::text FROM contacts WHERE id = $1', [contactId])) as { ticket_id: string }[])[0]!.ticket_id;

const count = async (sql: string, parameters: unknown[]) => ((await db.dataSource.query(sql, parameters)) as { n: number }[])[0]!.n;

beforeAll(async () => {
  db = await throwawaySchema('intake_record', MIGRATIONS);
  const pii = throwawayPiiCodec();
  customers = new CustomerRepository(pii);
  contacts = new ContactRepository(pii);
  outbox = new OutboxWriter(db.schema, '/cs/intake');
  // As the service runs: the transaction's events, and the writes held with them, go in just before it commits.
  db.dataSource.subscribers.push(outbox.committed, counting);
  freshRecord = () => new RecordContact(db.dataSource, new ResolveCustomer(customers, outbox), new ContactRepository(pii), outbox, activeItemsOfIntake());
  record = freshRecord();
});

afterAll(async () => {
  await db?.drop();
});

describe('recording a contact', () => {
  it('a new caller’s new matter: the customer, the matter, the contact and both events are written in one statement as the transaction commits', async () => {
    const phone = newMobile();
    const { recorded, statements } = await statementsOf(contactOf(phone), undefined, freshRecord());

    expect(recorded.route).toBe('new_matter');
    // BEGIN, the item's check (none held yet), the phone's lock, the phone's records, the writes, COMMIT.
    expect(statements).toHaveLength(6);
    expect(statements[1]).toContain('FROM catalogue_items');
    expect(statements[0]).toBe('START TRANSACTION');
    expect(statements[2]).toContain('pg_advisory_xact_lock');
    const writes = statements[4]!;
    for (const table of ['customers', 'customer_phones', 'customer_units', 'known_tickets', 'contacts']) expect(writes).toContain(`INSERT INTO ${table} (`);
    expect(writes).toContain(`INSERT INTO "${db.schema}".outbox`);
    expect(statements[5]).toBe('COMMIT');

    const [customer] = await db.dataSource.transaction((tx) => customers.findByPhone(tx, `+86${phone}`));
    expect(customer).toMatchObject({ id: recorded.customerId, name: '钱一', phones: [`+86${phone}`], units: [{ projectCode: 'P001', building: '3', room: '1202', relation: 'owner' }] });
    expect(await count('SELECT count(*)::int AS n FROM contacts WHERE id = $1 AND customer_id = $2 AND route = $3', [recorded.id, recorded.customerId, 'new_matter'])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM known_tickets k JOIN contacts c ON c.ticket_id = k.ticket_id WHERE c.id = $1 AND k.open', [recorded.id])).toBe(1);
    const events: { event_type: string }[] = await db.dataSource.query('SELECT event_type FROM outbox WHERE payload::jsonb ->> $1 = $2 OR payload::jsonb -> $3 ->> $4 = $2 ORDER BY seq', [
      'customerId',
      recorded.customerId,
      'data',
      'customerId',
    ]);
    expect(events.map((e) => e.event_type)).toEqual(['customer.registered.v1', 'contact.received.v1']);
  });

  it('a new caller naming an item found active by the contact before: the item is not read again (ADR 0188)', async () => {
    const recording = freshRecord();
    await recording.execute(contactOf(newMobile()), { kind: 'agent', principal: agent('agent-1') });
    const { recorded, statements } = await statementsOf(contactOf(newMobile()), undefined, recording);

    expect(recorded.route).toBe('new_matter');
    // BEGIN, the phone's lock, the phone's records, the writes, COMMIT.
    expect(statements).toHaveLength(5);
    expect(statements.join('\n')).not.toContain('catalogue_items');
    expect(statements[1]).toContain('pg_advisory_xact_lock');
    expect(statements[3]).toContain('INSERT INTO customers (');
  });

  it('a repeat caller’s follow-up: the contact and its event in one statement', async () => {
    const phone = newMobile();
    const first = await record.execute(contactOf(phone), { kind: 'agent', principal: agent('agent-1') });
    const { recorded, statements } = await statementsOf(contactOf(phone));

    expect(recorded).toMatchObject({ route: 'follow_up', customerId: first.customerId });
    // BEGIN, the phone's lock, its records locked, then read, their open matters, the writes, COMMIT: the
    // item was found active by the contact before, and is held (ADR 0188).
    expect(statements).toHaveLength(7);
    expect(statements.join('\n')).not.toContain('catalogue_items');
    // Sent ahead of the COMMIT (ADR 0189).
    expect(statements[5]).toMatch(/^\/\* sent ahead \*\/ WITH w0 AS \(INSERT INTO contacts \(/);
    expect(statements[5]).toContain(`INSERT INTO "${db.schema}".outbox`);
    expect(statements[5]).not.toContain('INSERT INTO customers (');
    expect(await count('SELECT count(*)::int AS n FROM contacts WHERE customer_id = $1', [first.customerId])).toBe(2);
  });

  it('a contact’s statements travel in few round trips: a new caller’s two, a follow-up’s four (ADR 0189)', async () => {
    await withRoundTripsCounted(db.schema, async (dataSource, roundTripsOf) => {
      dataSource.subscribers.push(outbox.committed);
      // A clock that stands still: the item, once found active, stays held however slow the run.
      const held = activeItemsOfIntake({ ...ACTIVE_ITEMS, clock: { now: () => 1 } });
      const recording = new RecordContact(dataSource, new ResolveCustomer(customers, outbox), contacts, outbox, held);
      const tripsOf = async (command: RecordContactCommand) => {
        let recorded: { readonly route: string } | undefined;
        const trips = await roundTripsOf(async () => {
          recorded = await recording.execute(command, { kind: 'agent', principal: agent('agent-1') });
        });
        return { route: recorded?.route, trips };
      };
      // The first finds the item active; it is held from then on (ADR 0188).
      await recording.execute(contactOf(newMobile()), { kind: 'agent', principal: agent('agent-1') });
      const phone = newMobile();
      // BEGIN, the phone's lock and its records in one; the writes and COMMIT in another.
      expect(await tripsOf(contactOf(phone))).toEqual({ route: 'new_matter', trips: 2 });
      // Then the records read once locked, and their open matters, one round trip each.
      expect(await tripsOf(contactOf(phone))).toEqual({ route: 'follow_up', trips: 4 });
    });
  });

  it('a repeat caller whose number the agent typed in full-width digits (a Chinese input method) is the same caller', async () => {
    const phone = newMobile();
    const first = await record.execute(contactOf(phone), { kind: 'agent', principal: agent('agent-1') });
    const wide = [...`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`].map((c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    const again = await record.execute(contactOf(wide), { kind: 'agent', principal: agent('agent-1') });
    expect(again).toMatchObject({ route: 'follow_up', customerId: first.customerId });
    const [customer] = await db.dataSource.transaction((tx) => customers.findByPhone(tx, `+86${phone}`));
    expect(customer?.phones).toEqual([`+86${phone}`]);
  });

  it('when the closing statement fails, nothing of the contact is left: not the customer it started, nor its matter, nor an event', async () => {
    const phone = newMobile();
    await db.dataSource.query(`ALTER TABLE contacts ADD CONSTRAINT refuses_breaker CHECK (recorded_by <> 'breaker')`);
    try {
      const failure = await rejectionOf(record.execute(contactOf(phone), { kind: 'agent', principal: agent('breaker') }), Error);
      expect(failure.message).toMatch(/refuses_breaker/);
    } finally {
      await db.dataSource.query('ALTER TABLE contacts DROP CONSTRAINT refuses_breaker');
    }
    expect(await db.dataSource.transaction((tx) => customers.findByPhone(tx, `+86${phone}`))).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE recorded_by = 'breaker'`, [])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM known_tickets k LEFT JOIN contacts c ON c.ticket_id = k.ticket_id WHERE c.id IS NULL`, [])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE payload::jsonb -> 'data' ->> 'recordedBy' = 'breaker' OR payload::jsonb ->> 'recordedBy' = 'breaker'`, [])).toBe(0);

    // The phone is free again: the next contact from it starts its record.
    expect((await record.execute(contactOf(phone), { kind: 'agent', principal: agent('agent-1') })).route).toBe('new_matter');
  });

  it('what the contact refers to is checked before its customer is resolved, and each refusal names its field', async () => {
    const p001 = agent('agent-1');
    const unknownItem = await rejectionOf(record.execute({ ...contactOf(newMobile()), itemCode: 'repair.no_such_item' }, { kind: 'agent', principal: p001 }), DomainError);
    expect(unknownItem).toMatchObject({ code: 'CONTACT.UNKNOWN_ITEM', field: 'itemCode' });

    // A P002 ticket is as unknown to a P001 agent as a made-up one; a gateway serves every project.
    const p002 = await record.execute(
      { ...contactOf(newMobile()), customer: { name: '孙二', phone: newMobile(), projectCode: 'P002', building: '1', room: '101' } },
      { kind: 'agent', principal: { ...p001, sub: 'agent-p002', projects: ['P002'] } },
    );
    const named = { channel: 'sms' as const, content: '进度如何', customer: { phone: newMobile() }, ticketId: p002.ticketId ?? (await ticketOf(p002.id)) };
    expect(await rejectionOf(record.execute(named, { kind: 'agent', principal: p001 }), DomainError)).toMatchObject({ code: 'CONTACT.UNKNOWN_TICKET', field: 'ticketId' });
    const delivery = { ...named, externalId: `msg-${newMobile()}` };
    const byGateway = await record.execute(delivery, { kind: 'gateway', channel: 'sms' });
    expect(byGateway).toMatchObject({ route: 'follow_up', ticketId: named.ticketId });

    // The same message again is refused, naming the contact it became.
    const again = await rejectionOf(record.execute(delivery, { kind: 'gateway', channel: 'sms' }), DomainError);
    expect(again).toMatchObject({ code: 'CONTACT.DUPLICATE_DELIVERY', details: { contactId: byGateway.id } });

    // A ticket merged into another is followed up on the survivor.
    const survivor = await ticketOf((await record.execute(contactOf(newMobile()), { kind: 'agent', principal: p001 })).id);
    await db.dataSource.query('UPDATE known_tickets SET merged_into = $2, open = false WHERE ticket_id = $1', [named.ticketId, survivor]);
    expect(await record.execute({ ...named, externalId: `msg-${newMobile()}` }, { kind: 'gateway', channel: 'sms' })).toMatchObject({ route: 'follow_up', ticketId: survivor });
  });

  it('a building or a room holding a phone number, an e-mail address or an ID number is refused naming the field, and nothing is written; a room code of many digits is a room', async () => {
    for (const [place, field] of [
      [{ room: '回电13812345678' }, 'customer.room'],
      [{ building: 'zhangsan@example.com' }, 'customer.building'],
      [{ room: '110101199003071234' }, 'customer.room'],
    ] as const) {
      const phone = newMobile();
      const base = contactOf(phone);
      const refused = await rejectionOf(record.execute({ ...base, customer: { ...base.customer, ...place } }, { kind: 'agent', principal: agent('agent-1') }), DomainError);
      expect([refused.code, refused.kind, refused.field]).toEqual(['CONTACT.PERSONAL_DATA', 'invalid', field]);
      expect(await db.dataSource.transaction((tx) => customers.findByPhone(tx, `+86${phone}`))).toEqual([]);
    }
    const base = contactOf(newMobile());
    expect((await record.execute({ ...base, customer: { ...base.customer, building: '2-1', room: '2301-2302' } }, { kind: 'agent', principal: agent('agent-1') })).route).toBe('new_matter');
  });

  it('a gateway delivery naming a project, from a phone only another project’s record holds, starts a record of its own there, as an agent of that project would', async () => {
    const phone = newMobile();
    const p001 = await record.execute(contactOf(phone), { kind: 'agent', principal: agent('agent-1') });
    const sms = { channel: 'sms' as const, content: '西区门禁坏了', customer: { phone, projectCode: 'P002' }, externalId: `msg-${newMobile()}` };
    const delivered = await record.execute(sms, { kind: 'gateway', channel: 'sms' });
    expect(delivered.customerId).not.toBe(p001.customerId);
    const p001Record = await customers.findById(db.dataSource.manager, p001.customerId);
    expect(p001Record!.units.map((u) => u.projectCode)).toEqual(['P001']);
    // One naming no project is every project's, and joins the record the phone has.
    const unnamed = await record.execute({ channel: 'sms', content: '还是坏的', customer: { phone }, externalId: `msg-${newMobile()}` }, { kind: 'gateway', channel: 'sms' });
    expect([p001.customerId, delivered.customerId]).toContain(unnamed.customerId);
  });

  it('a first e-mail of a new sender waits for another contact from the address still being recorded, and then joins its customer', async () => {
    const email = `new.sender.${randomInt(0, 99_999_999)}@example.com`;
    const mail = (content: string) => record.execute({ channel: 'email', content, customer: { email, projectCode: 'P001' } }, { kind: 'agent', principal: agent('agent-1') });
    // The other contact's transaction, holding the address as recording a contact does, not committed yet.
    const other = db.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await customers.lockPhonesAndEmails(other.manager, { emails: [email] });
      // Sent ahead (ADR 0189): held once a statement after it is answered.
      await other.query('SELECT 1');
      const waiting = mail('停车位怎么租');
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(1));
      await other.rollbackTransaction();
      const first = await waiting;
      expect((await mail('物业费怎么交')).customerId).toBe(first.customerId);
    } finally {
      await other.release();
    }
  });

  it('two deliveries of one message at the same moment: the one the index lets in is recorded, the other refused as its duplicate, not a 500', async () => {
    const someone = await record.execute(contactOf(newMobile()), { kind: 'agent', principal: agent('agent-1') });
    const externalId = `msg-${newMobile()}`;
    // The other delivery, written but not committed yet: the check before the write cannot see it.
    const other = db.dataSource.createQueryRunner();
    await other.connect();
    const otherId = randomUUID();
    try {
      await other.startTransaction();
      await other.query(
        `INSERT INTO contacts (id, customer_id, channel, direction, occurred_at, recorded_by, route, source, external_id)
         VALUES ($1, $2, 'sms', 'inbound', now(), 'gateway:sms', 'new_matter', 'webhook', $3)`,
        [otherId, someone.customerId, externalId],
      );
      const delivery = record.execute({ channel: 'sms', content: '3栋电梯停了', customer: { phone: newMobile() }, externalId }, { kind: 'gateway', channel: 'sms' });
      // Held at the commit by the index until the other delivery's transaction ends.
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(1));
      await other.commitTransaction();
      const refused = await rejectionOf(delivery, DomainError);
      expect(refused).toMatchObject({ code: 'CONTACT.DUPLICATE_DELIVERY', kind: 'conflict', details: { contactId: otherId } });
    } finally {
      await other.release();
    }
    expect(await count('SELECT count(*)::int AS n FROM contacts WHERE external_id = $1', [externalId])).toBe(1);
  });
});
