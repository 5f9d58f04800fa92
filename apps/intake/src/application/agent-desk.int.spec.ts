import type { CustomerUnit } from '../domain/customer';
import { randomInt, randomUUID } from 'node:crypto';
import { Principal } from '@cs/auth';
import { CallbackAttemptedV1, CallbackCompletedV1, EventData, EventDefinition, TicketCreatedV1, TicketDispatchedV1, TicketMergedV1, TicketResolvedV1, SlaWarningV1 } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { DomainEvent, OutboxWriter } from '@cs/messaging';
import { ConsumerStep, RequestValidationError, consumeInOneTransaction } from '@cs/platform';
import {
  ThrowawaySchema,
  eventually,
  newMobile,
  planWithoutSequentialScans,
  recordingQueries,
  rejectionOf,
  statementsWaitingForLocks,
  throwawaySchema,
  withRoundTripsCounted,
} from '@cs/testing';
import { activeItemsOfIntake } from '../infrastructure/active-items';
import { ContactRepository } from '../infrastructure/contact.repository';
import { mergedAway, mergesInto, wipeMergeReasons } from '../infrastructure/customer-merges.repository';
import { moveTicketsToCustomer } from '../infrastructure/known-tickets';
import type { EntityManager } from 'typeorm';
import type { Customer, CustomerView } from '../domain/customer';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { throwawayPiiCodec } from '../infrastructure/pii/throwaway-pii-codec.support.spec';
import { LookUpCaller } from './look-up-caller';
import { RecordCallbackNeeds } from './record-callback-needs';
import { MaintainCustomers } from './maintain-customers';
import { ReadContacts } from './read-contacts';
import { ReadCustomers } from './read-customers';
import { RecordContact, RecordContactCommand, RecordedContact } from './record-contact';
import { CallerIdentity, ResolveCustomer } from './resolve-customer';
import { rememberCompletedCallback } from './track-callbacks';
import { TicketLifecycleEvent, followMerge, followTicket, gatherTicketChange, gatherTicketOpening } from './track-tickets';
import { SealPlainAttachments } from './seal-plain-attachments';
import { createLogger } from '@cs/observability';

let db: ThrowawaySchema;
let record: RecordContact;
let read: ReadContacts;
let contactsRepo: ContactRepository;
let lookup: LookUpCaller;
let maintain: MaintainCustomers;
let customersRepo: CustomerRepository;
let readCustomers: ReadCustomers;
let resolver: ResolveCustomer;

const principal = (sub: string, projects?: string[], pii = false): Principal => ({
  sub,
  name: sub,
  roles: ['agent'],
  permissions: pii ? ['customer.pii.read'] : [],
  ...(projects ? { projects } : {}),
});
const p001Agent = principal('agent-p001', ['P001']);
const p001Reader = principal('sup-p001', ['P001'], true);
const p002Agent = principal('agent-p002', ['P002'], true);
/** A supervisor of every project erasing on the customer's request. */
const eraser = { principal: principal('sup-all') };
const ON_REQUEST = '客户依《个人信息保护法》申请删除';

beforeAll(async () => {
  db = await throwawaySchema('intake_desk', MIGRATIONS);
  const pii = throwawayPiiCodec();
  const [customers, contacts] = [new CustomerRepository(pii), new ContactRepository(pii)];
  customersRepo = customers;
  contactsRepo = contacts;
  const outbox = new OutboxWriter(db.schema, '/cs/intake');
  resolver = new ResolveCustomer(customers, outbox);
  record = new RecordContact(db.dataSource, resolver, contacts, outbox, activeItemsOfIntake());
  read = new ReadContacts(db.dataSource, contacts);
  readCustomers = new ReadCustomers(db.dataSource, customers);
  lookup = new LookUpCaller(db.dataSource, customers, contacts);
  maintain = new MaintainCustomers(db.dataSource, customers, contacts, outbox);
});

afterAll(async () => {
  await db?.drop();
});

function contactOf(phone: string, content: string, change: Partial<RecordContactCommand> = {}): RecordContactCommand {
  return {
    channel: 'phone',
    content,
    customer: { name: '钱一', phone, projectCode: 'P001', building: '5', room: '501' },
    itemCode: 'repair.public_area',
    ...change,
  };
}

const recordAs = (command: RecordContactCommand, by: Principal = p001Agent, at?: Date) =>
  record.execute(command, { kind: 'agent', principal: by }, at);

async function accessLogRows(customerId: string): Promise<{ fields: string[]; purpose: string }[]> {
  return db.dataSource.query(`SELECT fields, purpose FROM ${db.schema}.pii_access_log WHERE customer_id = $1 ORDER BY id`, [customerId]);
}

/** An event as the tickets service recorded it: at the time its data names, unless told when. */
function delivered<D extends EventDefinition>(definition: D, subject: string, data: EventData<D>, recordedAt?: Date): DomainEvent<EventData<D>> {
  const named = (data as { at?: unknown }).at;
  const time = recordedAt?.toISOString() ?? (typeof named === 'string' ? named : new Date().toISOString());
  return { id: randomUUID(), type: definition.type, source: '/cs/tickets', subject, time, data };
}

/**
 * `work` under way, and `reached` once it has settled or `waiting` statements of the database
 * wait for a lock (it among them): a fixed sleep let a slow machine commit before it got there,
 * and the race went untested.
 */
function settledOrWaiting<T>(work: Promise<T>, waiting: number): { done: Promise<T>; reached: Promise<void> } {
  let settled = false;
  const done = work.finally(() => (settled = true));
  done.catch(() => undefined);
  return { done, reached: eventually(async () => expect(settled || (await statementsWaitingForLocks(db.dataSource)) >= waiting).toBe(true)) };
}

/**
 * The record a contact from `caller` joins, resolved by an agent of every project, and which of
 * `holders` its transaction holds once it has: another connection takes what no one holds.
 */
async function resolvedHolding(holders: readonly string[], caller: CallerIdentity): Promise<{ customer: string; held: string[] }> {
  return db.dataSource.transaction(async (tx) => {
    const { customer } = await resolver.resolve(tx, caller, { all: true }, new Date());
    const free = (await db.dataSource.query(`SELECT id::text FROM ${db.schema}.customers WHERE id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED`, [holders])) as { id: string }[];
    const freeIds = new Set(free.map((row) => row.id));
    return { customer: customer.id, held: holders.filter((id) => !freeIds.has(id)) };
  });
}

describe('reading what the customer said', () => {
  it('given a P001 contact with a phone number in it, when P001 reads it without a purpose, then the number is masked; with the permission and a purpose it is whole and logged; P002 finds nothing', async () => {
    const contact = await recordAs(contactOf(newMobile(), '5栋电梯异响，回电13912345678'));

    const masked = await read.byId(contact.id, { principal: p001Reader });
    expect(masked).toMatchObject({ id: contact.id, masked: true, erased: false, route: 'new_matter', channel: 'phone', recordedBy: 'agent-p001' });
    expect(masked.content).toContain('5栋电梯异响');
    expect(masked.content).not.toContain('13912345678');
    expect(await accessLogRows(contact.customerId)).toEqual([]);

    const whole = await read.byId(contact.id, { principal: p001Reader, purpose: '回电核实' });
    expect(whole).toMatchObject({ content: '5栋电梯异响，回电13912345678', masked: false });
    expect(await accessLogRows(contact.customerId)).toEqual([{ fields: ['contact.content'], purpose: '回电核实' }]);

    const foreign = await rejectionOf(read.byId(contact.id, { principal: p002Agent, purpose: '回电核实' }), DomainError);
    const unknown = await rejectionOf(read.byId(randomUUID(), { principal: p002Agent }), DomainError);
    expect([foreign.code, foreign.kind]).toEqual(['CONTACT.NOT_FOUND', 'not_found']);
    expect([unknown.code, unknown.kind]).toEqual([foreign.code, foreign.kind]);
  });

  it('given a new matter and its follow-up, when the ticket’s contacts are paged one at a time, then both come, newest first, and both know the ticket', async () => {
    const phone = newMobile();
    const opened = await recordAs(contactOf(phone, '楼道灯坏了'), p001Agent, new Date(Date.now() - 60_000));
    const followUp = await recordAs(contactOf(phone, '灯还没修'));
    expect(followUp.route).toBe('follow_up');
    const ticketId = followUp.ticketId!;

    const first = await read.list({ ticketId, limit: 1 }, { principal: p001Agent });
    expect(first.items.map((c) => [c.id, c.ticketId, c.route])).toEqual([[followUp.id, ticketId, 'follow_up']]);
    const second = await read.list({ ticketId, limit: 1, cursor: first.nextCursor! }, { principal: p001Agent });
    expect(second.items.map((c) => [c.id, c.ticketId, c.route])).toEqual([[opened.id, ticketId, 'new_matter']]);
    expect(second.nextCursor).toBeUndefined();

    expect((await read.list({ customerId: opened.customerId, limit: 20 }, { principal: p001Agent })).items).toHaveLength(2);
    expect((await read.list({ ticketId, limit: 20 }, { principal: p002Agent })).items).toEqual([]);

    // One key, one partition: the follow-up is never consumed before the contact that opened the matter.
    const keys = (await db.dataSource.query(
      `SELECT event_type, message_key FROM ${db.schema}.outbox WHERE payload::jsonb ->> 'contactId' IN ($1, $2) ORDER BY seq`,
      [opened.id, followUp.id],
    )) as { event_type: string; message_key: string }[];
    expect(keys).toEqual([
      { event_type: 'contact.received.v1', message_key: ticketId },
      { event_type: 'contact.followed_up.v1', message_key: ticketId },
    ]);
  });

  it.each([
    [{}, 'customerId'],
    [{ customerId: randomUUID(), ticketId: randomUUID() }, 'ticketId'],
  ])('given filters %j, when listing, then it is refused naming %s', async (filters, field) => {
    const error = await rejectionOf(read.list({ ...filters, limit: 20 }, { principal: p001Agent }), RequestValidationError);
    expect([error.code, error.errors.map((e) => e.field)]).toEqual(['CONTACT.FILTER_REQUIRED', [field]]);
  });

  it('given a contact of no project, when read, then it is visible exactly where its customer is', async () => {
    const phone = newMobile();
    await recordAs(contactOf(phone, '咨询物业费'));
    const loose = await recordAs(contactOf(phone, '再问一次物业费', { customer: { phone }, itemCode: undefined }), principal('agent-all'));
    expect((await read.byId(loose.id, { principal: p001Agent })).content).toBe('再问一次物业费');
    expect((await rejectionOf(read.byId(loose.id, { principal: p002Agent }), DomainError)).code).toBe('CONTACT.NOT_FOUND');
  });

  it('given an attachment named with the sender’s phone, when the contact is read masked, then the name and the file name in its address are masked as the content is', async () => {
    const phone = newMobile();
    const named = `https://files.example.com/2026/${encodeURIComponent(`钱八-${phone}`)}.jpg?v=1`;
    const contact = await recordAs(
      contactOf(newMobile(), '身份证照片见附件', {
        attachments: [
          { name: `钱八-${phone}-身份证.jpg`, type: 'image/jpeg', sizeBytes: 1200, uri: 'https://files.example.com/a1.jpg' },
          { name: 'id.jpg', type: 'image/jpeg', sizeBytes: 1200, uri: named },
        ],
      }),
    );
    const [masked, maskedUri] = (await read.byId(contact.id, { principal: p001Agent })).attachments;
    expect([masked!.name.includes(phone), masked!.uri]).toEqual([false, 'https://files.example.com/a1.jpg']);
    expect(maskedUri!.uri).toMatch(/^https:\/\/files\.example\.com\/2026\/.+\.jpg\?v=1$/);
    expect(decodeURIComponent(maskedUri!.uri)).not.toContain(phone);
    expect(decodeURIComponent(maskedUri!.uri)).toContain(`钱八-${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const [shown, shownUri] = (await read.byId(contact.id, { principal: p001Reader, purpose: '核实身份' })).attachments;
    expect([shown!.name, shownUri!.uri]).toEqual([`钱八-${phone}-身份证.jpg`, named]);
  });

  it('given an attachment named with what identifies the sender, then its name and address are stored sealed; one stored in clear before is read as it was', async () => {
    const attachment = { name: '钱八-身份证.jpg', type: 'image/jpeg', sizeBytes: 1200, uri: 'https://files.example.com/钱八/id.jpg' };
    const contact = await recordAs(contactOf(newMobile(), '身份证照片见附件', { attachments: [attachment] }));
    const [stored] = (await db.dataSource.query(`SELECT attachments::text AS plain, attachments_enc AS sealed FROM ${db.schema}.contacts WHERE id = $1`, [contact.id])) as {
      plain: string;
      sealed: string | null;
    }[];
    expect(`${stored!.plain} ${stored!.sealed ?? ''}`).not.toMatch(/钱八|身份证|files\.example/);
    expect((await read.byId(contact.id, { principal: p001Reader, purpose: '核实身份' })).attachments).toEqual([{ name: attachment.name, type: 'image/jpeg', size: 1200, uri: attachment.uri }]);

    const before = await recordAs(contactOf(newMobile(), '旧附件'));
    await db.dataSource.query(`UPDATE ${db.schema}.contacts SET attachments = $2::jsonb WHERE id = $1`, [before.id, JSON.stringify([attachment])]);
    expect((await read.byId(before.id, { principal: p001Reader, purpose: '核实身份' })).attachments.map((a) => a.name)).toEqual([attachment.name]);

    // The loop seals what was stored in clear, and the contact reads as before.
    const sealing = new SealPlainAttachments(db.dataSource, contactsRepo, createLogger('intake', 'silent'));
    expect(await sealing.sealOnce()).toBeGreaterThanOrEqual(1);
    expect(await sealing.sealOnce()).toBe(0);
    const [sealed] = (await db.dataSource.query(`SELECT attachments::text AS plain, attachments_enc AS sealed FROM ${db.schema}.contacts WHERE id = $1`, [before.id])) as {
      plain: string;
      sealed: string | null;
    }[];
    expect(sealed!.plain).toBe('[]');
    expect(sealed!.sealed).not.toMatch(/钱八|身份证|files\.example/);
    expect((await read.byId(before.id, { principal: p001Reader, purpose: '核实身份' })).attachments.map((a) => a.name)).toEqual([attachment.name]);
  });

  it('given the customer was erased, when their contact is read, then it shows no content and no attachments', async () => {
    const contact = await recordAs(
      contactOf(newMobile(), '漏水照片见附件', { attachments: [{ name: 'leak.jpg', type: 'image/jpeg', sizeBytes: 1200, uri: 'https://files.example.com/leak.jpg' }] }),
    );
    expect((await read.byId(contact.id, { principal: p001Agent })).attachments).toHaveLength(1);
    await maintain.erase(contact.customerId, ON_REQUEST, eraser);
    const erased = await read.byId(contact.id, { principal: p001Reader, purpose: '核实' });
    expect(erased).toMatchObject({ erased: true, attachments: [] });
    expect(erased.content).toBeUndefined();
    // The erasure's own row alone: reading what is no longer there logs no access.
    expect(await accessLogRows(contact.customerId)).toEqual([expect.objectContaining({ purpose: `erasure: ${ON_REQUEST}` })]);
  });

  it('given a duplicate with its own e-mail merged into the customer, when a contact comes from that e-mail, then it follows up the customer’s open matter', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '报修：楼道灯不亮', { customer: { name: '周五', phone: newMobile(), email: 'zhou.wu@example.com', projectCode: 'P001' } }));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '咨询', { itemCode: undefined, customer: { name: '周五', phone: duplicatePhone, email: 'zw@example.com', projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });
    const byEmail = await recordAs(contactOf(newMobile(), '灯还是不亮', { channel: 'email', customer: { email: 'zw@example.com', projectCode: 'P001' } }));
    expect([byEmail.customerId, byEmail.route]).toEqual([survivor.customerId, 'follow_up']);
  });

  it('given a survivor erased before its duplicates were erased with it, when it is erased again, then the duplicate is, and its e-mail finds no one', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '咨询车位'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '车位', { customer: { name: '吴六', phone: duplicatePhone, email: 'wu.liu@example.com', projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });
    // As an erasure left it before it reached merged records: the survivor erased, the duplicate not.
    await db.dataSource.query(`UPDATE ${db.schema}.customers SET erased_at = now(), name_enc = NULL, email_enc = NULL WHERE id = $1`, [survivor.customerId]);
    expect(await customersRepo.findIdsByEmail(db.dataSource.manager, 'wu.liu@example.com')).toEqual([]);
    await maintain.erase(survivor.customerId, ON_REQUEST, eraser);
    expect(await db.dataSource.query(`SELECT erased_at IS NOT NULL AS erased FROM ${db.schema}.customers WHERE id = $1`, [duplicate.customerId])).toEqual([{ erased: true }]);
  });

  it('given a customer with a record merged into it, when it is erased, then the access log says who erased each record and why, without the personal data the reason held', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '咨询车位'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '车位', { customer: { name: '郑九', phone: duplicatePhone, projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });

    await maintain.erase(survivor.customerId, `客户来电申请删除，回拨 ${duplicatePhone}`, { ...eraser, requestId: 'req-erase-1' });

    const logged = (await db.dataSource.query(
      `SELECT customer_id::text, actor_sub, purpose, fields, request_id FROM ${db.schema}.pii_access_log WHERE customer_id = ANY($1) AND purpose LIKE 'erasure: %' ORDER BY customer_id`,
      [[survivor.customerId, duplicate.customerId]],
    )) as { customer_id: string; actor_sub: string; purpose: string; fields: string[]; request_id: string }[];
    expect(logged.map((row) => row.customer_id)).toEqual([survivor.customerId, duplicate.customerId].sort());
    for (const row of logged) {
      expect(row).toMatchObject({ actor_sub: 'sup-all', request_id: 'req-erase-1', fields: expect.arrayContaining(['name', 'phones']) });
      expect(row.purpose).toMatch(/^erasure: 客户来电申请删除，回拨 /);
      expect(row.purpose).not.toContain(duplicatePhone);
    }
  });

  it('given a customer erased by a replica of the release before (their sealed attachments left), when erased again, then those are wiped and the erasure is told again, as it was', async () => {
    const attachment = { name: '冯八-身份证.jpg', type: 'image/jpeg', sizeBytes: 900, uri: 'https://files.example.com/feng/id.jpg' };
    const contact = await recordAs(contactOf(newMobile(), '证件照见附件', { attachments: [attachment] }));
    await maintain.erase(contact.customerId, ON_REQUEST, eraser);
    const told = async () => (await db.dataSource.query(`SELECT payload FROM ${db.schema}.outbox WHERE event_type = 'customer.erased.v1' AND message_key = $1`, [contact.customerId])) as { payload: string }[];
    expect(await told()).toHaveLength(1);
    // What the release before's erasure left: it cleared only the columns it knew.
    await db.dataSource.query(`UPDATE ${db.schema}.contacts SET attachments_enc = 'v1.k1.left-behind' WHERE id = $1`, [contact.id]);

    const view = await maintain.erase(contact.customerId, ON_REQUEST, eraser);
    expect(view.erased).toBe(true);
    expect(await db.dataSource.query(`SELECT attachments_enc FROM ${db.schema}.contacts WHERE id = $1`, [contact.id])).toEqual([{ attachments_enc: null }]);
    const events = (await told()).map((r) => JSON.parse(r.payload) as { data: { erasedAt: string; pseudonym: string } });
    expect(events).toHaveLength(2);
    expect(events[1]!.data).toEqual(events[0]!.data);
  });

  it('given callbacks of a customer, when the customer is erased, then what they said on them is wiped, and one completed later keeps none', async () => {
    const phone = newMobile();
    const contact = await recordAs(contactOf(phone, '回访后又来电'));
    const completed = (callbackId: string) =>
      db.dataSource.transaction((tx) =>
        rememberCompletedCallback(
          delivered(CallbackCompletedV1, callbackId, {
            callbackId,
            ticketId: randomUUID(),
            customerId: contact.customerId,
            satisfied: false,
            comment: '师傅态度不好，还没修好',
            completedAt: new Date().toISOString(),
            by: 'agent-2',
          }),
          tx,
        ),
      );
    const [before, after] = [randomUUID(), randomUUID()];
    await completed(before);
    await maintain.erase(contact.customerId, ON_REQUEST, eraser);
    await completed(after);
    const comments = (await db.dataSource.query(`SELECT callback_id::text, comment FROM ${db.schema}.known_callbacks WHERE customer_id = $1 ORDER BY callback_id`, [contact.customerId])) as { comment: string | null }[];
    expect(comments.map((c) => c.comment)).toEqual([null, null]);
    // Erased, the record still belongs to its project: another project's users do not find it.
    expect((await rejectionOf(readCustomers.byId(contact.customerId, { principal: p002Agent }), DomainError)).code).toBe('CUSTOMER.NOT_FOUND');
    expect((await readCustomers.byId(contact.customerId, { principal: p001Agent })).erased).toBe(true);
  });

  it('given a duplicate merged away, when it alone is erased, then it is 409 naming the survivor, which holds the person’s data, and nothing is wiped', async () => {
    const survivorPhone = newMobile();
    const survivor = await recordAs(contactOf(survivorPhone, '报修：阳台漏水'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '漏水', { customer: { name: '孙七', phone: duplicatePhone, projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });
    await expect(maintain.erase(duplicate.customerId, ON_REQUEST, eraser)).rejects.toMatchObject({ code: 'CUSTOMER.MERGED', kind: 'conflict', details: { mergedInto: survivor.customerId } });
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM ${db.schema}.customers WHERE erased_at IS NOT NULL AND id = ANY($1::uuid[])`, [[survivor.customerId, duplicate.customerId]])).toEqual([{ n: 0 }]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM ${db.schema}.outbox WHERE event_type = 'customer.erased.v1' AND message_key = $1`, [duplicate.customerId])).toEqual([{ n: 0 }]);
  });

  it('given a duplicate merged into the customer, when the customer is erased, then the duplicate’s record and the merge’s reason are wiped too', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '报修：门禁坏了'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '门禁', { channel: 'email', customer: { name: '钱一', phone: duplicatePhone, email: 'qian.yi@example.com', projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主两个号码', { principal: p001Reader, purpose: '合并重复档案' });
    await maintain.erase(survivor.customerId, ON_REQUEST, eraser);
    const wiped = (await db.dataSource.query(`SELECT erased_at, name_enc, email_enc FROM ${db.schema}.customers WHERE id = $1`, [duplicate.customerId])) as {
      erased_at: Date | null;
      name_enc: string | null;
      email_enc: string | null;
    }[];
    expect(wiped).toEqual([{ erased_at: expect.any(Date), name_enc: null, email_enc: null }]);
    expect(await db.dataSource.query(`SELECT reason FROM ${db.schema}.customer_merges WHERE merged_id = $1`, [duplicate.customerId])).toEqual([{ reason: '' }]);
    const announced = (await db.dataSource.query(`SELECT message_key FROM ${db.schema}.outbox WHERE event_type = 'customer.erased.v1'`)) as { message_key: string }[];
    expect(announced.map((r) => r.message_key)).toEqual(expect.arrayContaining([survivor.customerId, duplicate.customerId]));
  });
});

describe('a caller known by e-mail who calls from a phone', () => {
  it('given the record found by the e-mail, then it learns the phone, and the next call from that phone alone finds it', async () => {
    const email = `li.jiu.${randomInt(0, 99_999_999)}@example.com`;
    const byMail = await recordAs(contactOf(newMobile(), '邮件咨询物业费', { channel: 'email', customer: { name: '李九', email, projectCode: 'P001' } }));
    const phone = newMobile();
    const byPhoneAndMail = await recordAs(contactOf(phone, '电话再问物业费', { customer: { name: '李九', phone, email, projectCode: 'P001' } }));
    expect(byPhoneAndMail.customerId).toBe(byMail.customerId);
    const phoneAlone = await recordAs(contactOf(phone, '第三次来电', { customer: { phone, projectCode: 'P001' } }));
    expect(phoneAlone.customerId).toBe(byMail.customerId);
    expect((await lookup.byPhone(phone, { principal: p001Agent })).map((card) => card.customer.id)).toEqual([byMail.customerId]);
  });
});

describe('a ticket’s contacts', () => {
  it('given a ticket merged into another, then the survivor’s contacts include the merged ticket’s', async () => {
    const phone = newMobile();
    const survivor = await recordAs(contactOf(phone, '3栋电梯停了'));
    const merged = await recordAs(contactOf(phone, '电梯困人了', { itemCode: 'complaint.repair' }));
    const ticketOf = async (contactId: string) =>
      ((await db.dataSource.query(`SELECT ticket_id::text FROM ${db.schema}.contacts WHERE id = $1`, [contactId])) as { ticket_id: string }[])[0]!.ticket_id;
    const [survivorTicket, mergedTicket] = [await ticketOf(survivor.id), await ticketOf(merged.id)];
    expect(mergedTicket).not.toBe(survivorTicket);
    await db.dataSource.query(`UPDATE ${db.schema}.known_tickets SET merged_into = $2, open = false WHERE ticket_id = $1`, [mergedTicket, survivorTicket]);
    const listed = await read.list({ ticketId: survivorTicket, limit: 20 }, { principal: p001Agent });
    expect(listed.items.map((c) => c.id).sort()).toEqual([survivor.id, merged.id].sort());
  });

  it('given a ticket, when its contacts are read, then the tickets merged into it are found by the index of merged tickets, not by reading every ticket', async () => {
    const { db: recording, statements } = recordingQueries(db.dataSource);
    await new ContactRepository(throwawayPiiCodec()).page(recording, { ticketId: randomUUID() }, ['P001'], undefined, 20);
    const plan = await planWithoutSequentialScans(db.dataSource, statements.at(-1)!);
    expect(plan).toMatch(/Index (Only )?Scan (using|on) known_tickets_merged_into_idx/);
    expect(plan).not.toMatch(/Seq Scan on known_tickets/);
  });
});

describe('merging customers', () => {
  it('given a merge or an erasure, then it finds the duplicate’s tickets and the merges by index, not by reading intake’s copy of tickets or every merge', async () => {
    const { db: recording, statements } = recordingQueries(db.dataSource);
    const [survivorId, duplicateId] = [randomUUID(), randomUUID()];
    await moveTicketsToCustomer(recording, duplicateId, survivorId);
    await mergedAway(recording, survivorId);
    await mergesInto(recording, survivorId);
    await wipeMergeReasons(recording, [survivorId, duplicateId]);
    const plans = await Promise.all(statements.map((statement) => planWithoutSequentialScans(db.dataSource, statement)));
    expect(plans.map((plan) => plan.match(/Seq Scan on \w+/g) ?? [])).toEqual([[], [], [], []]);
    expect(plans[0]).toMatch(/known_tickets_customer_idx/);
    expect(plans.slice(1).join('\n')).toMatch(/customer_merges_survivor_idx/);
    expect(plans[3]).toMatch(/customer_merges_merged_idx/);
  });

  it('given a duplicate that is also another project’s customer, when a user of one project merges it, then it is 403 naming duplicateId and nothing moves', async () => {
    const phone = newMobile();
    const survivor = await recordAs(contactOf(newMobile(), '咨询'));
    const duplicate = await recordAs(contactOf(phone, '咨询', { customer: { name: '周十', phone, projectCode: 'P001' } }));
    await recordAs(contactOf(phone, '西区也有房', { customer: { name: '周十', phone, projectCode: 'P002' } }), principal('agent-all'));
    const refused = await rejectionOf(maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' }), DomainError);
    expect(refused).toMatchObject({ code: 'CUSTOMER.PROJECT_NOT_SERVED', kind: 'forbidden', field: 'duplicateId' });
    expect((await customersRepo.findById(db.dataSource.manager, duplicate.customerId))!.mergedInto).toBeUndefined();
  });

  it('given a callback of the duplicate completed after the merge, then the survivor’s card shows it', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '报修'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '报修', { customer: { name: '吴十一', phone: duplicatePhone, projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });
    const callbackId = randomUUID();
    await db.dataSource.transaction((tx) =>
      rememberCompletedCallback(
        delivered(CallbackCompletedV1, callbackId, { callbackId, ticketId: randomUUID(), customerId: duplicate.customerId, satisfied: true, completedAt: new Date().toISOString(), by: 'agent-2' }),
        tx,
      ),
    );
    const [row] = (await db.dataSource.query(`SELECT customer_id::text FROM ${db.schema}.known_callbacks WHERE callback_id = $1`, [callbackId])) as { customer_id: string }[];
    expect(row!.customer_id).toBe(survivor.customerId);
  });
});

describe('an edit of a customer', () => {
  it('given only their tags changed, then their phones keep when they were added, which decides the record later contacts join', async () => {
    const phone = newMobile();
    const contact = await recordAs(contactOf(phone, '咨询'));
    const addedAt = async () => (await db.dataSource.query(`SELECT added_at FROM ${db.schema}.customer_phones WHERE customer_id = $1`, [contact.customerId])) as { added_at: Date }[];
    const before = await addedAt();
    await new Promise((done) => setTimeout(done, 20));
    await maintain.update(contact.customerId, { tags: ['vip'] }, undefined, { principal: p001Reader, purpose: '更新标签' });
    expect(await addedAt()).toEqual(before);
  });

  it('given a customer of P001, when a P001 user edits their units to none, then it is refused naming units, and the record stays out of P002’s reach', async () => {
    const contact = await recordAs(contactOf(newMobile(), '咨询'));
    const refused = await rejectionOf(maintain.update(contact.customerId, { units: [] }, undefined, { principal: p001Reader }), DomainError);
    expect([refused.code, refused.kind, refused.field]).toEqual(['CUSTOMER.UNIT_REQUIRED', 'invalid', 'units']);
    expect((await customersRepo.findById(db.dataSource.manager, contact.customerId))!.units).toEqual([{ projectCode: 'P001', building: '5', room: '501', relation: 'owner' }]);
    const foreign = await rejectionOf(readCustomers.byId(contact.customerId, { principal: p002Agent }), DomainError);
    expect(foreign.code).toBe('CUSTOMER.NOT_FOUND');
    // Another unit in its place is an edit like any other.
    const moved = await maintain.update(contact.customerId, { units: [{ projectCode: 'P001', building: '6', room: '601', relation: 'tenant' }] }, undefined, { principal: p001Reader });
    expect(moved.customer.units).toEqual([{ projectCode: 'P001', building: '6', room: '601', relation: 'tenant' }]);
  });
});

describe('a customer with every unit or phone a customer has', () => {
  const everyProject: Principal = { sub: 'admin-1', name: 'admin-1', roles: ['admin'], permissions: [] };
  const rooms = (count: number, projectCode = 'P001') =>
    Array.from({ length: count }, (_, i) => ({ projectCode, building: '8', room: String(801 + i), relation: 'owner' as const }));
  const unitsOf = async (customerId: string) => (await customersRepo.findById(db.dataSource.manager, customerId))!.units;

  it('given a unit whose building and room are null (left out, as the API allows), when registered, then it is stored without them, not a 500', async () => {
    // As the API hands it on: JSON's null for a field left empty.
    const unit = JSON.parse('{"projectCode":"P001","building":null,"room":null,"relation":"owner"}') as CustomerUnit;
    const { customer } = await maintain.register({ name: '郑零', phones: [newMobile()], units: [unit] }, { principal: everyProject });
    expect((await unitsOf(customer.id)).map((u) => u.projectCode)).toEqual(['P001']);
  });

  it('given 50 units, when they call about a new room, then the contact is recorded with its room and their units stay the 50', async () => {
    const phone = newMobile();
    const { customer } = await maintain.register({ name: '郑一', phones: [phone], units: rooms(50) }, { principal: everyProject });
    const contact = await recordAs(contactOf(phone, '新买的车位漏水', { customer: { phone, projectCode: 'P001', building: '9', room: '901' } }));
    expect(contact.customerId).toBe(customer.id);
    expect(await unitsOf(customer.id)).toHaveLength(50);
    const [stored] = (await db.dataSource.query(`SELECT building, room FROM ${db.schema}.contacts WHERE id = $1`, [contact.id])) as { building: string; room: string }[];
    expect(stored).toEqual({ building: '9', room: '901' });
  });

  it('given a unit of a project the user does not serve, when they give the customer 50 units of theirs, then it is refused naming units and nothing changes', async () => {
    const units = [...rooms(1), ...rooms(1, 'P002')];
    const { customer } = await maintain.register({ name: '郑二', phones: [newMobile()], units }, { principal: everyProject });
    const refused = await rejectionOf(maintain.update(customer.id, { units: rooms(50) }, undefined, { principal: p001Reader }), DomainError);
    expect([refused.code, refused.kind, refused.field]).toEqual(['CUSTOMER.TOO_MANY_UNITS', 'invalid', 'units']);
    expect(await unitsOf(customer.id)).toEqual(units);
    // 49 of theirs is room enough, and a room given twice is one.
    const edited = await maintain.update(customer.id, { units: [...rooms(49), ...rooms(1)] }, undefined, { principal: p001Reader });
    expect(edited.customer.units).toHaveLength(50);
  });

  it('given five phones, when they write from their e-mail and a sixth phone, then the contact joins them and the phone is not learnt', async () => {
    const email = `zheng.san.${randomInt(0, 99_999_999)}@example.com`;
    const phones = Array.from({ length: 5 }, () => newMobile());
    const { customer } = await maintain.register({ name: '郑三', phones, email, units: rooms(1) }, { principal: everyProject });
    const sixth = newMobile();
    const contact = await recordAs(contactOf(sixth, '换了号码', { customer: { phone: sixth, email, projectCode: 'P001' } }));
    expect(contact.customerId).toBe(customer.id);
    expect((await customersRepo.findById(db.dataSource.manager, customer.id))!.phones).toEqual(phones.map((p) => `+86${p}`));
  });
});

describe('a unit holding personal data', () => {
  it('given a building or a room holding a phone number or an e-mail address, when registered or edited, then it is refused naming the unit’s field and nothing is written', async () => {
    const phone = newMobile();
    const unit = { projectCode: 'P001', building: '3', room: '1202', relation: 'owner' as const };
    const registering = maintain.register({ name: '褚一', phones: [phone], units: [unit, { ...unit, room: `联系${newMobile()}` }] }, { principal: p001Reader });
    const refused = await rejectionOf(registering, DomainError);
    expect([refused.code, refused.kind, refused.field]).toEqual(['CUSTOMER.PERSONAL_DATA', 'invalid', 'units[1].room']);
    expect(await db.dataSource.transaction((tx) => customersRepo.findByPhone(tx, `+86${phone}`))).toEqual([]);

    const { customer } = await maintain.register({ name: '褚一', phones: [phone], units: [unit] }, { principal: p001Reader });
    const editing = maintain.update(customer.id, { units: [{ ...unit, building: 'chu.yi@example.com' }] }, undefined, { principal: p001Reader });
    const edit = await rejectionOf(editing, DomainError);
    expect([edit.code, edit.field]).toEqual(['CUSTOMER.PERSONAL_DATA', 'units[0].building']);
    expect((await customersRepo.findById(db.dataSource.manager, customer.id))!.units).toEqual([unit]);
  });
});

describe('a tag holding personal data', () => {
  const announced = async (customerId: string): Promise<string[]> =>
    ((await db.dataSource.query(`SELECT payload::text AS payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [customerId])) as { payload: string }[]).map((r) => r.payload);

  it('given a tag holding a phone number or an ID number, when registered or edited, then it is refused naming the tag and nothing is written or announced', async () => {
    const phone = newMobile();
    const unit = { projectCode: 'P001', building: '3', room: '1202', relation: 'owner' as const };
    const tagged = newMobile();
    const registering = maintain.register({ name: '卫一', phones: [phone], units: [unit], tags: ['vip', tagged] }, { principal: p001Reader });
    const refused = await rejectionOf(registering, DomainError);
    expect([refused.code, refused.kind, refused.field]).toEqual(['CUSTOMER.PERSONAL_DATA', 'invalid', 'tags[1]']);
    expect(await db.dataSource.transaction((tx) => customersRepo.findByPhone(tx, `+86${phone}`))).toEqual([]);

    const { customer } = await maintain.register({ name: '卫一', phones: [phone], units: [unit], tags: ['vip'] }, { principal: p001Reader });
    const editing = maintain.update(customer.id, { tags: ['110105194912310024'] }, undefined, { principal: p001Reader });
    const edit = await rejectionOf(editing, DomainError);
    expect([edit.code, edit.field]).toEqual(['CUSTOMER.PERSONAL_DATA', 'tags[0]']);
    expect((await customersRepo.findById(db.dataSource.manager, customer.id))!.tags).toEqual(['vip']);
    const payloads = await announced(customer.id);
    expect(payloads).toHaveLength(1);
    expect(payloads.join()).not.toContain(tagged);
    expect(payloads.join()).not.toContain('110105194912310024');
  });
});

describe('a search by a common name', () => {
  it('given more than 100 customers of the name in P001, then a P002 user still finds the one of P002', async () => {
    const name = `张伟${randomInt(1000, 9999)}`;
    for (let i = 0; i < 101; i += 1) await recordAs(contactOf(newMobile(), '咨询', { customer: { name, phone: newMobile(), projectCode: 'P001' } }));
    const ours = await recordAs(contactOf(newMobile(), '咨询', { customer: { name, phone: newMobile(), projectCode: 'P002' } }), p002Agent);
    const found = await readCustomers.search({ name }, { principal: p002Agent });
    expect(found.map((c) => c.id)).toEqual([ours.customerId]);
  });
});

describe('a search by an e-mail many records hold', () => {
  it('given more than 100 customers of the e-mail in P001, then a P002 user still finds the one of P002, and a P002 contact from it joins that one', async () => {
    const email = `shared.${randomInt(0, 99_999_999)}@example.com`;
    const everyProject: Principal = { sub: 'admin-1', name: 'admin-1', roles: ['admin'], permissions: [] };
    const unit = (projectCode: string) => [{ projectCode, building: '9', room: '909', relation: 'owner' as const }];
    for (let i = 0; i < 101; i += 1) await maintain.register({ name: '王五', phones: [newMobile()], email, units: unit('P001') }, { principal: everyProject });
    const { customer: ours } = await maintain.register({ name: '王五', phones: [newMobile()], email, units: unit('P002') }, { principal: everyProject });
    const found = await readCustomers.search({ email }, { principal: p002Agent });
    expect(found.map((c) => c.id)).toEqual([ours.id]);
    const byMail = await recordAs(contactOf(newMobile(), '邮件咨询', { channel: 'email', customer: { email, projectCode: 'P002' } }), p002Agent);
    expect(byMail.customerId).toBe(ours.id);
    // An agent of both projects, and one of every project, sees the P001 holders too: the contact
    // names P002, so it joins the P002 customer all the same, not the oldest P001 one.
    for (const agent of [principal('agent-both', ['P001', 'P002']), principal('agent-all')]) {
      const fromAgent = await recordAs(contactOf(newMobile(), '邮件咨询', { channel: 'email', customer: { email, projectCode: 'P002' } }), agent);
      expect(fromAgent.customerId).toBe(ours.id);
    }
  });

  it('given holders of a shared address in two projects, when a P002 contact from it is resolved, then only the record it joins is held, not every holder of the address', async () => {
    const email = `family.${randomInt(0, 99_999_999)}@example.com`;
    const everyProject: Principal = { sub: 'admin-1', name: 'admin-1', roles: ['admin'], permissions: [] };
    const unit = (projectCode: string) => [{ projectCode, building: '8', room: '808', relation: 'owner' as const }];
    const holders: string[] = [];
    for (const projectCode of ['P001', 'P001', 'P002', 'P001']) holders.push((await maintain.register({ name: '赵六', phones: [newMobile()], email, units: unit(projectCode) }, { principal: everyProject })).customer.id);
    const joined = await resolvedHolding(holders, { email, unit: { projectCode: 'P002', relation: 'other' } });
    expect(joined).toEqual({ customer: holders[2], held: [holders[2]] });
  });

  it('given the record a contact from a shared address would join erased while the contact waits for it, then the contact joins the next holder', async () => {
    const email = `agency.${randomInt(0, 99_999_999)}@example.com`;
    const register = async () => (await maintain.register({ name: '孙七', phones: [newMobile()], email, units: [{ projectCode: 'P001', relation: 'owner' }] }, { principal: p001Reader })).customer.id;
    const [oldest, next] = [await register(), await register()];
    const erasing = db.dataSource.createQueryRunner();
    await erasing.connect();
    try {
      await erasing.startTransaction();
      await erasing.query(`UPDATE ${db.schema}.customers SET erased_at = now(), name_enc = NULL, email_enc = NULL, email_idx = NULL WHERE id = $1`, [oldest]);
      const contact = settledOrWaiting(recordAs(contactOf(newMobile(), '邮件报修', { channel: 'email', customer: { email, projectCode: 'P001' } })), 1);
      await contact.reached;
      await erasing.commitTransaction();
      expect((await contact.done).customerId).toBe(next);
    } finally {
      await erasing.release();
    }
  });

  it('given each record a contact from a shared address holds erased before it reads it, five times over, then the contact joins a holder left rather than starting a record', async () => {
    const email = `estate.${randomInt(0, 99_999_999)}@example.com`;
    const register = async () => (await maintain.register({ name: '周八', phones: [newMobile()], email, units: [{ projectCode: 'P001', relation: 'owner' }] }, { principal: p001Reader })).customer.id;
    const holders: string[] = [];
    for (let i = 0; i < 6; i++) holders.push(await register());
    // An erasure waiting for the record commits as the lock is given to the contact, before its read;
    // here the contact's own transaction erases it, which the savepoints of the later picks undo.
    let erasures = 0;
    const erasing = Object.create(customersRepo) as CustomerRepository;
    erasing.readHeldHolder = async (tx, id, search) => {
      if (erasures < 5) {
        erasures += 1;
        await tx.query(`UPDATE ${db.schema}.customers SET erased_at = now(), name_enc = NULL, email_enc = NULL, email_idx = NULL WHERE id = $1`, [id]);
      }
      return customersRepo.readHeldHolder(tx, id, search);
    };
    const resolved = await db.dataSource.transaction((tx) =>
      new ResolveCustomer(erasing, new OutboxWriter(db.schema, '/cs/intake')).resolve(tx, { email, unit: { projectCode: 'P001', relation: 'other' } }, { all: true }, new Date()),
    );
    expect(erasures).toBe(5);
    // The first erasure took no savepoint and stands; the others were rolled back with theirs.
    expect({ customer: resolved.customer.id, registered: resolved.registered }).toEqual({ customer: holders[1], registered: false });
  });

  it('given a search by e-mail limited to projects, a contact’s project first, then it reads the customers by the e-mail’s blind index, not every customer', async () => {
    const { db: recording, statements } = recordingQueries(db.dataSource);
    await customersRepo.findIdsByEmail(recording, 'someone@example.com', ['P001', 'P002'], 'P002');
    const plan = await planWithoutSequentialScans(db.dataSource, statements.at(-1)!);
    expect(plan).toMatch(/customers_email_idx/);
    expect(plan).not.toMatch(/Seq Scan on customers/);
  });
});

describe('a customer of several projects', () => {
  it('given units in P001 and P002, when a P002 user reads, searches or looks the customer up, then only the P002 unit shows; a search by a P001 room is refused naming projectCode', async () => {
    const phone = newMobile();
    const everyProject: Principal = { sub: 'admin-1', name: 'admin-1', roles: ['admin'], permissions: [] };
    const { customer } = await maintain.register(
      {
        name: '孙二',
        phones: [phone],
        units: [
          { projectCode: 'P001', building: '3', room: '1201', relation: 'owner' },
          { projectCode: 'P002', building: '1', room: '101', relation: 'tenant' },
        ],
      },
      { principal: everyProject },
    );
    const roomsOf = (views: readonly CustomerView[]) => views.map((v) => v.units.map((u) => `${u.projectCode}/${u.room ?? ""}`));
    expect(roomsOf([await readCustomers.byId(customer.id, { principal: p002Agent })])).toEqual([['P002/101']]);
    expect(roomsOf(await readCustomers.search({ phone }, { principal: p002Agent }))).toEqual([['P002/101']]);
    expect(roomsOf((await lookup.byPhone(phone, { principal: p002Agent })).map((c) => c.customer))).toEqual([['P002/101']]);
    expect(roomsOf([await readCustomers.byId(customer.id, { principal: everyProject })])).toEqual([['P001/1201', 'P002/101']]);

    const refused = await rejectionOf(readCustomers.search({ projectCode: 'P001', room: '1201' }, { principal: p002Agent }), DomainError);
    expect([refused.code, refused.kind, refused.field]).toEqual(['CUSTOMER.PROJECT_NOT_SERVED', 'forbidden', 'projectCode']);
    expect((await readCustomers.search({ projectCode: 'P002', room: '101' }, { principal: p002Agent })).map((c) => c.id)).toEqual([customer.id]);
  });
});

describe('intake’s copy of tickets', () => {
  const base = (ticketId: string, customerId: string, at: Date, number = 'TK-20261124-000123') => ({
    ticketId,
    number,
    customerId,
    itemCode: 'repair.public_area',
    projectCode: 'P001',
    at: at.toISOString(),
    by: 'agent-1',
  });
  const created = (ticketId: string, customerId: string, createdAt: Date, number = 'TK-20261124-000123', nextDueAt?: Date) =>
    delivered(TicketCreatedV1, ticketId, {
      ticketId,
      number,
      contactId: randomUUID(),
      customerId,
      channel: 'phone',
      itemCode: 'repair.public_area',
      unit: { projectCode: 'P001' },
      ownerId: 'agent-p001',
      status: 'new',
      createdAt: createdAt.toISOString(),
      ...(nextDueAt ? { nextDueAt: nextDueAt.toISOString() } : {}),
    });
  /** A dispatched ticket's 75 % warning of its resolution clock, due `due`, named `at`, recorded `recordedAt` (default: `at`). */
  const atRisk = (ticketId: string, customerId: string, at: Date, due: Date, recordedAt?: Date) =>
    delivered(
      SlaWarningV1,
      ticketId,
      {
        ...base(ticketId, customerId, at),
        status: 'dispatched',
        clock: 'resolution',
        thresholdPercent: 75,
        dueAt: due.toISOString(),
        notify: { roles: ['supervisor'] },
        nextDueAt: due.toISOString(),
        slaState: 'at_risk',
      },
      recordedAt,
    );
  /** Ticket events as one consumer transaction takes them in, each handed to its handler in the order given. */
  const takeIn = (steps: readonly ConsumerStep[]) => consumeInOneTransaction(db.dataSource, steps);
  const opened = (event: ReturnType<typeof created>): ConsumerStep => [event, (context) => gatherTicketOpening(event, context)];
  const changed = (event: DomainEvent<TicketLifecycleEvent>): ConsumerStep => [event, (context) => gatherTicketChange(event, context)];

  it('a consumer transaction’s ticket openings and changes travel with its commit: one round trip for the gate, the writes and COMMIT (ADR 0190)', async () => {
    await withRoundTripsCounted(db.schema, async (dataSource, roundTripsOf) => {
      const customer = (await recordAs(contactOf(newMobile(), '报修：电梯异响'))).customerId;
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      await consumeInOneTransaction(dataSource, [opened(created(third, customer, new Date(), 'TK-20261124-000901'))]);
      const dispatched = delivered(TicketDispatchedV1, third, { ...base(third, customer, new Date(), 'TK-20261124-000901'), status: 'dispatched', department: 'engineering' });

      // When two openings and another ticket's dispatch are taken in together
      const trips = await roundTripsOf(() =>
        consumeInOneTransaction(dataSource, [
          opened(created(first, customer, new Date(), 'TK-20261124-000902')),
          opened(created(second, customer, new Date(), 'TK-20261124-000903')),
          changed(dispatched),
        ]),
      );

      // Then BEGIN, the gate, the openings and the change went ahead of the COMMIT, in its round trip
      expect(trips).toBe(1);
      const rows = await db.dataSource.query(`SELECT ticket_id::text, status FROM ${db.schema}.known_tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY number`, [[first, second, third]]);
      expect(rows).toEqual([
        { ticket_id: third, status: 'dispatched' },
        { ticket_id: first, status: 'new' },
        { ticket_id: second, status: 'new' },
      ]);
    });
  });

  it('given a duplicate merged into the customer, when an event of the duplicate’s ticket published before the merge arrives, then the ticket stays the survivor’s', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '报修：电梯异响'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '门口积水', { itemCode: 'repair.own_unit', customer: { name: '钱一', phone: duplicatePhone, projectCode: 'P001' } }));
    const ticket = (await read.byId(duplicate.id, { principal: p001Agent })).ticketId!;
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });
    // Published by the tickets service before it heard of the merge: it still names the duplicate.
    const dispatched = delivered(TicketDispatchedV1, ticket, {
      ...base(ticket, duplicate.customerId, new Date(Date.now() + 60_000)),
      itemCode: 'repair.own_unit',
      status: 'dispatched',
      department: 'engineering',
    });
    await db.dataSource.transaction((tx) => followTicket(dispatched, tx));
    expect(await db.dataSource.query(`SELECT customer_id::text FROM ${db.schema}.known_tickets WHERE ticket_id = $1`, [ticket])).toEqual([{ customer_id: survivor.customerId }]);
  });

  it('given a duplicate merged into the customer, when a ticket the tickets service opened for the duplicate before it heard of the merge arrives, then it is the survivor’s open matter', async () => {
    const survivorPhone = newMobile();
    const survivor = await recordAs(contactOf(survivorPhone, '报修：电梯异响'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '门口积水', { itemCode: 'repair.own_unit', customer: { name: '钱一', phone: duplicatePhone, projectCode: 'P001' } }));
    await maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' });
    // A ticket intake did not name (a callback's new need), opened under the duplicate before the merge reached the tickets service.
    const ticket = randomUUID();
    await takeIn([opened(created(ticket, duplicate.customerId, new Date(), 'TK-20261124-000777'))]);
    expect(await db.dataSource.query(`SELECT customer_id::text FROM ${db.schema}.known_tickets WHERE ticket_id = $1`, [ticket])).toEqual([{ customer_id: survivor.customerId }]);
    const open = (await lookup.byPhone(survivorPhone, { principal: p001Agent }))[0]!.openTickets.map((t) => t.ticketId);
    expect(open).toContain(ticket);
  });

  it('given a warning fired a little after its due time, after a dispatch made in between, then the copy takes the warning: it is ordered by when the event was recorded, not the due time it names', async () => {
    const contact = await recordAs(contactOf(newMobile(), '水管漏水'));
    const ticket = (await read.byId(contact.id, { principal: p001Agent })).ticketId!;
    const dueAt = new Date(Date.now() - 60_000);
    const due = new Date(Date.now() + 3_600_000);
    const dispatched = delivered(TicketDispatchedV1, ticket, {
      ...base(ticket, contact.customerId, new Date(dueAt.getTime() + 300)),
      status: 'dispatched',
      department: 'engineering',
      nextDueAt: due.toISOString(),
      slaState: 'on_track',
    });
    // The timer was due at dueAt and fired 800 ms later: the warning names its due time.
    const warned = atRisk(ticket, contact.customerId, dueAt, due, new Date(dueAt.getTime() + 800));
    await db.dataSource.transaction((tx) => followTicket(dispatched, tx));
    await db.dataSource.transaction((tx) => followTicket(warned, tx));
    expect(await db.dataSource.query(`SELECT status, sla_state FROM ${db.schema}.known_tickets WHERE ticket_id = $1`, [ticket])).toEqual([
      { status: 'dispatched', sla_state: 'at_risk' },
    ]);
  });

  it('given a ticket created, dispatched, warned and resolved, when an older event is replayed, then the copy keeps the latest state and the ticket is no longer open', async () => {
    const phone = newMobile();
    const contact = await recordAs(contactOf(phone, '电梯停了'));
    const ticket = (await read.byId(contact.id, { principal: p001Agent })).ticketId!;
    const t0 = new Date(Date.now() - 3_600_000);
    const due = new Date(Date.now() + 3_600_000);
    const opening = created(ticket, contact.customerId, t0, 'TK-20261124-000123', due);
    await takeIn([opened(opening)]);
    const open = async () => (await lookup.byPhone(phone, { principal: p001Agent }))[0]!.openTickets;
    expect(await open()).toEqual([
      { ticketId: ticket, number: 'TK-20261124-000123', status: 'new', itemCode: 'repair.public_area', projectCode: 'P001', openedAt: expect.any(Date), nextDueAt: due, slaState: 'on_track' },
    ]);

    const dispatched = delivered(TicketDispatchedV1, ticket, {
      ...base(ticket, contact.customerId, new Date(t0.getTime() + 60_000)),
      status: 'dispatched',
      department: 'engineering',
      nextDueAt: due.toISOString(),
      slaState: 'on_track',
    });
    const warned = atRisk(ticket, contact.customerId, new Date(t0.getTime() + 120_000), due);
    await db.dataSource.transaction((tx) => followTicket(dispatched, tx));
    await db.dataSource.transaction((tx) => followTicket(warned, tx));
    await db.dataSource.transaction((tx) => followTicket({ ...dispatched, id: randomUUID() }, tx));
    expect((await open()).map((t) => [t.status, t.slaState])).toEqual([['dispatched', 'at_risk']]);

    await db.dataSource.transaction((tx) =>
      followTicket(
        delivered(TicketResolvedV1, ticket, {
          ...base(ticket, contact.customerId, new Date(t0.getTime() + 180_000)),
          status: 'resolved',
          resolution: '已修复',
          reopenCount: 0,
          breached: false,
          slaState: 'at_risk',
        }),
        tx,
      ),
    );
    expect(await open()).toEqual([]);
    // A handled ticket collects no follow-ups: a new contact about the same item is a new matter.
    expect((await recordAs(contactOf(phone, '电梯又停了'))).route).toBe('new_matter');
  });

  it('given openings and later events of two tickets interleaved in one consumer transaction (a fetch of several partitions), then each ticket ends as its events applied one by one would leave it', async () => {
    const [a, b, customer] = [randomUUID(), randomUUID(), randomUUID()];
    const t0 = new Date(Date.now() - 3_600_000);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const number = (ticket: string) => (ticket === a ? 'TK-20261124-000201' : 'TK-20261124-000202');
    const dispatched = (ticket: string, minutes: number) =>
      delivered(TicketDispatchedV1, ticket, { ...base(ticket, customer, at(minutes), number(ticket)), status: 'dispatched', department: 'engineering', slaState: 'at_risk' });
    const [openA, dispatchA, dispatchB, openB] = [created(a, customer, t0, number(a)), dispatched(a, 1), dispatched(b, 2), created(b, customer, t0, number(b))];
    const resolveA = delivered(TicketResolvedV1, a, { ...base(a, customer, at(3), number(a)), status: 'resolved', resolution: '已修复', reopenCount: 0, breached: false, slaState: 'at_risk' });
    await takeIn([
      opened(openA),
      changed(dispatchA),
      // B's dispatch is read before its opening: the opening names the ticket and keeps the later state.
      changed(dispatchB),
      opened(openB),
      changed(resolveA),
    ]);
    const rows = (await db.dataSource.query(
      'SELECT ticket_id::text AS id, number, status, open, sla_state FROM known_tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY number',
      [[a, b]],
    )) as { id: string; number: string; status: string; open: boolean; sla_state: string }[];
    expect(rows).toEqual([
      { id: a, number: 'TK-20261124-000201', status: 'resolved', open: false, sla_state: 'at_risk' },
      { id: b, number: 'TK-20261124-000202', status: 'dispatched', open: true, sla_state: 'at_risk' },
    ]);
  });

  it('given tickets opened and one merged into the other in one consumer transaction, then the merge applies after the openings: the merged one closed, pointing to its survivor', async () => {
    const [a, b, customer] = [randomUUID(), randomUUID(), randomUUID()];
    const t0 = new Date(Date.now() - 3_600_000);
    const [openA, openB] = [created(a, customer, t0, 'TK-20261124-000301'), created(b, customer, t0, 'TK-20261124-000302')];
    const merged = delivered(TicketMergedV1, a, {
      ...base(a, customer, new Date(t0.getTime() + 60_000), 'TK-20261124-000301'),
      status: 'closed',
      mergedTicketId: a,
      survivorTicketId: b,
      survivorNumber: 'TK-20261124-000302',
      contactsMoved: 1,
    });
    await takeIn([opened(openA), opened(openB), [merged, (context) => followMerge(merged, context.tx)]]);
    const rows = (await db.dataSource.query(
      'SELECT ticket_id::text AS id, status, open, merged_into::text AS merged_into FROM known_tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY number',
      [[a, b]],
    )) as { id: string; status: string; open: boolean; merged_into: string | null }[];
    expect(rows).toEqual([
      { id: a, status: 'closed', open: false, merged_into: b },
      { id: b, status: 'new', open: true, merged_into: null },
    ]);
  });
});

describe('who is calling', () => {
  it('given a customer with six contacts, a ticket past its deadline and a callback, when their phone is looked up, then one card shows the last five contacts, the ticket breached and the callback', async () => {
    const phone = newMobile();
    const contacts: RecordedContact[] = [];
    for (let i = 0; i < 6; i += 1) {
      contacts.push(await recordAs(contactOf(phone, `第${i}次来电`, { itemCode: 'consultation.property_service' }), p001Agent, new Date(Date.now() - (6 - i) * 60_000)));
    }
    const ticketId = contacts[0]!.ticketId ?? (await read.byId(contacts[0]!.id, { principal: p001Agent })).ticketId!;
    await db.dataSource.transaction((tx) =>
      followTicket(
        delivered(TicketDispatchedV1, ticketId, {
          ticketId,
          number: 'TK-20261124-000456',
          customerId: contacts[0]!.customerId,
          itemCode: 'consultation.property_service',
          projectCode: 'P001',
          status: 'dispatched',
          at: new Date().toISOString(),
          by: 'agent-1',
          department: 'property',
          nextDueAt: new Date(Date.now() - 1_000).toISOString(),
          slaState: 'on_track',
        }),
        tx,
      ),
    );
    const callbackId = randomUUID();
    await db.dataSource.transaction((tx) =>
      rememberCompletedCallback(
        delivered(CallbackCompletedV1, callbackId, {
          callbackId,
          ticketId,
          customerId: contacts[0]!.customerId,
          satisfied: true,
          satisfactionScore: 5,
          comment: '满意，有事打13800001111',
          completedAt: new Date().toISOString(),
          by: 'agent-2',
        }),
        tx,
      ),
    );

    const [card, ...others] = await lookup.byPhone(` ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)} `, { principal: p001Agent });
    expect(others).toEqual([]);
    expect(card!.customer).toMatchObject({ id: contacts[0]!.customerId, name: '钱*', masked: true, units: [{ projectCode: 'P001', building: '5', room: '501' }] });
    expect(card!.customer.phones[0]).not.toContain(phone);
    expect(card!.lastContacts.map((c) => c.content)).toEqual(['第5次来电', '第4次来电', '第3次来电', '第2次来电', '第1次来电']);
    expect(card!.openTickets.map((t) => [t.ticketId, t.number, t.status, t.slaState])).toEqual([[ticketId, 'TK-20261124-000456', 'dispatched', 'breached']]);
    expect(card!.lastCallbacks).toMatchObject([{ callbackId, ticketId, satisfied: true, score: 5 }]);
    expect(card!.lastCallbacks[0]!.comment).not.toContain('13800001111');
    expect(await accessLogRows(card!.customer.id)).toEqual([]);

    const unmasked = await lookup.byPhone(phone, { principal: p001Reader, purpose: '来电核实' });
    expect(unmasked[0]!.customer).toMatchObject({ name: '钱一', phones: [`+86${phone}`], masked: false });
    expect((await accessLogRows(card!.customer.id)).map((r) => r.fields)).toEqual([['name', 'phones', 'email', 'address', 'birthDate'], ['contact.content']]);

    expect(await lookup.byPhone(phone, { principal: p002Agent })).toEqual([]);
  });

  it('given tickets of several deadlines and projects and callbacks about them, when the phone is looked up, then each reader sees the open tickets of their projects nearest deadline first and only the callbacks about them', async () => {
    const phone = newMobile();
    const first = await recordAs(contactOf(phone, '物业费怎么交', { itemCode: 'consultation.property_service' }));
    const { customerId } = first;
    // The contact's own matter, remembered without a deadline yet, opened before the others.
    const matter = first.ticketId ?? (await read.byId(first.id, { principal: p001Agent })).ticketId!;
    const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
    const ticket = async (number: string, projectCode: string, status: 'dispatched' | 'resolved', nextDueAt?: string) => {
      const ticketId = randomUUID();
      await db.dataSource.transaction((tx) =>
        followTicket(
          delivered(status === 'resolved' ? TicketResolvedV1 : TicketDispatchedV1, ticketId, {
            ticketId,
            number,
            customerId,
            itemCode: 'repair.public_area',
            projectCode,
            status,
            at: new Date().toISOString(),
            by: 'agent-1',
            department: 'engineering',
            ...(nextDueAt ? { nextDueAt, slaState: 'on_track' as const } : {}),
          }),
          tx,
        ),
      );
      return ticketId;
    };
    const far = await ticket('TK-20261130-000903', 'P001', 'dispatched', minutes(600));
    const none = await ticket('TK-20261130-000904', 'P001', 'dispatched');
    const near = await ticket('TK-20261130-000902', 'P001', 'dispatched', minutes(30));
    await ticket('TK-20261130-000905', 'P001', 'resolved');
    const p002 = await ticket('TK-20261130-000906', 'P002', 'dispatched', minutes(5));
    const callback = async (ticketId: string, minutesAgo: number) => {
      const callbackId = randomUUID();
      await db.dataSource.transaction((tx) =>
        rememberCompletedCallback(
          delivered(CallbackCompletedV1, callbackId, { callbackId, ticketId, customerId, satisfied: true, completedAt: minutes(-minutesAgo), by: 'agent-2' }),
          tx,
        ),
      );
      return callbackId;
    };
    // What the caller said to another project's team, on the same record (a unit there too, or a merge).
    const toP002 = randomUUID();
    await db.dataSource.query(
      `INSERT INTO ${db.schema}.contacts
       SELECT copy.* FROM ${db.schema}.contacts c,
         jsonb_populate_record(NULL::${db.schema}.contacts,
           to_jsonb(c) || jsonb_build_object('id', $2::uuid, 'project_code', 'P002', 'external_id', NULL, 'occurred_at', now() + interval '1 minute')) copy
        WHERE c.id = $1`,
      [first.id, toP002],
    );
    const aboutNear = await callback(near, 3);
    const aboutP002 = await callback(p002, 2);
    const aboutUnknown = await callback(randomUUID(), 1);

    const [p001Card] = await lookup.byPhone(phone, { principal: p001Agent });
    expect(p001Card!.openTickets.map((t) => t.ticketId)).toEqual([near, far, none, matter]);
    expect(p001Card!.openTickets[0]).toMatchObject({ number: 'TK-20261130-000902', status: 'dispatched', projectCode: 'P001', itemCode: 'repair.public_area' });
    expect(p001Card!.openTickets[0]!.openedAt).toBeInstanceOf(Date);
    expect(p001Card!.openTickets[2]!.nextDueAt).toBeUndefined();
    expect(p001Card!.lastCallbacks.map((c) => c.callbackId)).toEqual([aboutNear]);
    expect(p001Card!.lastCallbacks[0]!.completedAt).toBeInstanceOf(Date);
    expect(p001Card!.lastContacts.map((c) => c.id)).toEqual([first.id]);
    expect(p001Card!.lastContacts[0]).toMatchObject({ content: '物业费怎么交', masked: true });

    const [everyCard] = await lookup.byPhone(phone, { principal: principal('sup-all') });
    expect(everyCard!.openTickets.map((t) => t.ticketId)).toEqual([p002, near, far, none, matter]);
    expect(everyCard!.lastCallbacks.map((c) => c.callbackId)).toEqual([aboutUnknown, aboutP002, aboutNear]);
    expect(everyCard!.lastContacts.map((c) => c.id)).toEqual([toP002, first.id]);
  });

  /**
   * A phone held by a P002 record and then by a P001 one, whose ids sort against their order of
   * registration: an order seen is then not the ids', and locking in registration order is not
   * locking in id order.
   */
  async function oneP002AndThenOneP001Record(): Promise<{ phone: string; p002: Customer; p001: RecordedContact }> {
    for (let tries = 0; tries < 20; tries += 1) {
      const phone = newMobile();
      const p002 = await maintain.register({ name: '孙二', phones: [phone], units: [{ projectCode: 'P002', building: '1', room: '101', relation: 'owner' }] }, { principal: p002Agent });
      // Only P002 holds the phone, so P001's contact starts a record of its own (ADR 0006).
      const p001 = await recordAs(contactOf(phone, '门禁卡失灵'));
      if (p002.customer.id > p001.customerId) return { phone, p002: p002.customer, p001 };
    }
    throw new Error('no pair of records whose ids sort against their registration in 20 tries');
  }

  it('given one phone held by a P002 record and then by a P001 one, when a reader of both looks it up, then both cards come, the older first; each project alone sees its own', async () => {
    const bothProjects = principal('sup-both', ['P001', 'P002']);
    const { phone, p002, p001 } = await oneP002AndThenOneP001Record();

    const cards = await lookup.byPhone(phone, { principal: bothProjects });
    expect(cards.map((c) => c.customer.id)).toEqual([p002.id, p001.customerId]);
    expect(cards.map((c) => c.lastContacts.length)).toEqual([0, 1]);
    expect((await lookup.byPhone(phone, { principal: p001Agent })).map((c) => c.customer.id)).toEqual([p001.customerId]);
    expect((await lookup.byPhone(phone, { principal: p002Agent })).map((c) => c.customer.id)).toEqual([p002.id]);

    // A later contact by P001 joins P001's record, not P002's.
    expect((await recordAs(contactOf(phone, '门禁卡又失灵了'))).customerId).toBe(p001.customerId);
  });

  it('given a phone only P002 holds and an e-mail a P001 record holds, when a P001 contact from both comes while another transaction holds the P002 record, then it joins the P001 record without waiting for the P002 one', async () => {
    const [phone, email] = [newMobile(), `owner.${randomInt(0, 99_999_999)}@example.com`];
    const p002 = await maintain.register({ name: '孙四', phones: [phone], units: [{ projectCode: 'P002', building: '1', room: '101', relation: 'owner' }] }, { principal: p002Agent });
    const p001 = await maintain.register({ name: '孙四', phones: [newMobile()], email, units: [{ projectCode: 'P001', building: '5', room: '501', relation: 'owner' }] }, { principal: p001Reader });
    const editing = db.dataSource.createQueryRunner();
    await editing.connect();
    try {
      await editing.startTransaction();
      await editing.query(`SELECT 1 FROM ${db.schema}.customers WHERE id = $1 FOR UPDATE`, [p002.customer.id]);
      const contact = settledOrWaiting(recordAs(contactOf(phone, '邮件里说的那个问题', { customer: { phone, email, projectCode: 'P001' } })), 1);
      await contact.reached;
      // P002's record is none of the contact's business: nothing waits for it.
      expect(await statementsWaitingForLocks(db.dataSource)).toBe(0);
      await editing.commitTransaction();
      expect((await contact.done).customerId).toBe(p001.customer.id);
    } finally {
      await editing.release();
    }
  });

  it('given a phone held by a P002 record and then by a P001 one, when a P001 contact from it is resolved by an agent of every project, then only the record it joins is held', async () => {
    const { phone, p001 } = await oneP002AndThenOneP001Record();
    const holders = (await db.dataSource.transaction((tx) => customersRepo.findByPhone(tx, `+86${phone}`))).map((c) => c.id);
    const joined = await resolvedHolding(holders, { phone: `+86${phone}`, unit: { projectCode: 'P001', relation: 'other' } });
    expect(joined).toEqual({ customer: p001.customerId, held: [p001.customerId] });
  });

  it('given a caller whose record another transaction is changing, when their contact waits for it, then it adds its unit to the record as that transaction left it', async () => {
    const phone = newMobile();
    const first = await recordAs(contactOf(phone, '第一次来电'));
    const editing = db.dataSource.createQueryRunner();
    await editing.connect();
    try {
      await editing.startTransaction();
      await editing.query(`SELECT 1 FROM ${db.schema}.customers WHERE id = $1 FOR UPDATE`, [first.customerId]);
      await editing.query(`INSERT INTO ${db.schema}.customer_units (customer_id, project_code, building, room, relation) VALUES ($1, 'P001', '9', '901', 'tenant')`, [
        first.customerId,
      ]);
      // The contact names a unit new to the record, so it saves the record's units once it holds it.
      const waiting = settledOrWaiting(recordAs(contactOf(phone, '换了房间', { customer: { name: '钱一', phone, projectCode: 'P001', building: '7', room: '701' } })), 1);
      await waiting.reached;
      await editing.commitTransaction();
      expect((await waiting.done).customerId).toBe(first.customerId);
    } finally {
      await editing.release();
    }
    const units = (await db.dataSource.query(`SELECT building || '-' || room AS unit FROM ${db.schema}.customer_units WHERE customer_id = $1 ORDER BY 1`, [
      first.customerId,
    ])) as { unit: string }[];
    expect(units.map((u) => u.unit)).toEqual(['5-501', '7-701', '9-901']);
  });

  it('given a transaction holding the customers of a phone in id order, as a merge does, when a contact from that phone comes meanwhile, then neither waits for the other in a circle', async () => {
    const { phone, p002, p001 } = await oneP002AndThenOneP001Record();
    const merging = db.dataSource.createQueryRunner();
    await merging.connect();
    try {
      await merging.startTransaction();
      await merging.query(`SELECT 1 FROM ${db.schema}.customers WHERE id = $1 FOR UPDATE`, [p001.customerId]);
      const contact = settledOrWaiting(recordAs(contactOf(phone, '门禁卡还是失灵')), 1);
      await contact.reached;
      // Registration order would have had the contact hold P002's record and wait for P001's.
      await merging.query(`SELECT 1 FROM ${db.schema}.customers WHERE id = $1 FOR UPDATE`, [p002.id]);
      await merging.commitTransaction();
      expect((await contact.done).customerId).toBe(p001.customerId);
    } finally {
      await merging.release();
    }
  });

  /** Runs `work` while another transaction holds what `hold` takes, then lets it go; `meanwhile` starts once `work` waits. */
  async function whileHeld<T>(hold: (other: EntityManager) => Promise<unknown>, work: () => Promise<unknown>, meanwhile: () => Promise<T>): Promise<[PromiseSettledResult<unknown>, PromiseSettledResult<T>]> {
    const other = db.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await hold(other.manager);
      // A lock is sent ahead (ADR 0189): it is held once a statement after it is answered.
      await other.query('SELECT 1');
      const first = work();
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(1));
      const second = settledOrWaiting(meanwhile(), 2);
      await second.reached;
      await other.commitTransaction();
      return [...(await Promise.allSettled([first, second.done]))] as [PromiseSettledResult<unknown>, PromiseSettledResult<T>];
    } finally {
      await other.release();
    }
  }

  it('given a consumer transaction taking in a callback the duplicate completed, when a merge comes meanwhile, then it waits, and moves the callback to the survivor once that transaction commits', async () => {
    const survivor = await recordAs(contactOf(newMobile(), '报修：电梯异响'));
    const duplicatePhone = newMobile();
    const duplicate = await recordAs(contactOf(duplicatePhone, '门口积水', { customer: { name: '钱一', phone: duplicatePhone, projectCode: 'P001' } }));
    const ticketId = (await read.byId(duplicate.id, { principal: p001Agent })).ticketId!;
    const callbackId = randomUUID();
    const consuming = db.dataSource.createQueryRunner();
    await consuming.connect();
    try {
      await consuming.startTransaction();
      await rememberCompletedCallback(
        delivered(CallbackCompletedV1, callbackId, { callbackId, ticketId, customerId: duplicate.customerId, satisfied: true, completedAt: new Date().toISOString(), by: 'agent-2' }),
        consuming.manager,
      );
      const merge = settledOrWaiting(maintain.merge(survivor.customerId, duplicate.customerId, '同一业主', { principal: p001Reader, purpose: '合并重复档案' }), 1);
      await merge.reached;
      await consuming.commitTransaction();
      await merge.done;
    } finally {
      await consuming.release();
    }
    const [card] = await lookup.byPhone(duplicatePhone, { principal: p001Agent });
    expect([card!.customer.id, card!.lastCallbacks.map((c) => c.callbackId)]).toEqual([survivor.customerId, [callbackId]]);
  });

  it('given a merge under way, when a need raised on a callback of the duplicate is taken in meanwhile, then it waits for the merge and is the survivor’s', async () => {
    // The duplicate's id sorts first, so the merge holds it while it waits for the survivor, which another transaction holds.
    const register = async (phone: string) => (await maintain.register({ name: '冯二', phones: [phone], units: [{ projectCode: 'P001', relation: 'owner' }] }, { principal: p001Reader })).customer;
    const [a, b] = [await register(newMobile()), await register(newMobile())];
    const [duplicate, survivor] = a.id < b.id ? [a, b] : [b, a];
    const [callbackId, agent, at] = [randomUUID(), `agent-${randomInt(0, 99_999_999)}`, new Date().toISOString()];
    const needs = new RecordCallbackNeeds(customersRepo, contactsRepo, new OutboxWriter(db.schema, '/cs/intake'));
    const attempt = delivered(CallbackAttemptedV1, callbackId, {
      ...{ callbackId, kind: 'ticket', method: 'phone', ticketId: randomUUID(), customerId: duplicate.id, projectCode: 'P001', dueAt: at, at, by: agent },
      ...{ attempt: 1, outcome: 'reached', satisfaction: 'satisfied', newNeeds: '想办理车位租赁' },
    });
    const [merged, taken] = await whileHeld(
      (other) => other.query(`SELECT 1 FROM ${db.schema}.customers WHERE id = $1 FOR UPDATE`, [survivor.id]),
      () => maintain.merge(survivor.id, duplicate.id, '同一业主', { principal: p001Reader, purpose: '合并重复档案' }),
      () => db.dataSource.transaction((tx) => needs.handle(attempt, tx)),
    );
    expect([merged.status, taken.status]).toEqual(['fulfilled', 'fulfilled']);
    const holders = (await db.dataSource.query(`SELECT customer_id::text FROM ${db.schema}.contacts WHERE recorded_by = $1`, [agent])) as { customer_id: string }[];
    expect(holders.map((h) => h.customer_id)).toEqual([survivor.id]);
  });

  it('given a merge holding the duplicate while it waits for the survivor, when a contact from the duplicate’s phone comes meanwhile, then it joins the survivor once the merge commits, not a third record of the person', async () => {
    // The duplicate's id sorts first, so the merge holds it while it waits for the survivor.
    const register = async (phone: string) => (await maintain.register({ name: '冯一', phones: [phone], units: [{ projectCode: 'P001', relation: 'owner' }] }, { principal: p001Reader })).customer;
    const [phoneA, phoneB] = [newMobile(), newMobile()];
    const [a, b] = [await register(phoneA), await register(phoneB)];
    const [duplicate, survivor, duplicatePhone] = a.id < b.id ? [a, b, phoneA] : [b, a, phoneB];
    const [merged, contact] = await whileHeld(
      (other) => other.query(`SELECT 1 FROM ${db.schema}.customers WHERE id = $1 FOR UPDATE`, [survivor.id]),
      () => maintain.merge(survivor.id, duplicate.id, '同一业主', { principal: p001Reader, purpose: '合并重复档案' }),
      () => recordAs(contactOf(duplicatePhone, '合并时来电', { customer: { phone: duplicatePhone, projectCode: 'P001' } })),
    );
    expect([merged.status, contact.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(contact.status === 'fulfilled' && contact.value.customerId).toBe(survivor.id);
    const holders = await db.dataSource.transaction((tx) => customersRepo.findByPhone(tx, `+86${duplicatePhone}`));
    expect(holders.map((c) => c.id)).toEqual([survivor.id]);
  });

  it('given an edit of a customer’s phones waiting for a new one, when a contact from their phone comes meanwhile, then neither waits for the other in a circle', async () => {
    const [phone, added] = [newMobile(), newMobile()];
    const { customer } = await maintain.register({ name: '冯二', phones: [phone], units: [{ projectCode: 'P001', relation: 'owner' }] }, { principal: p001Reader });
    const [edited, contact] = await whileHeld(
      (other) => customersRepo.lockPhonesAndEmails(other, { phones: [`+86${added}`] }),
      () => maintain.update(customer.id, { phones: [added, phone] }, undefined, { principal: p001Reader }),
      () => recordAs(contactOf(phone, '改号时来电', { customer: { phone, projectCode: 'P001' } })),
    );
    expect([edited.status, contact.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(contact.status === 'fulfilled' && contact.value.customerId).toBe(customer.id);
  });

  it('given two registrations of the same phones in opposite orders, both waiting for one of them, then one registers them and the other is told they are taken, neither waiting for the other in a circle', async () => {
    const [a, held, b] = [newMobile(), newMobile(), newMobile()];
    const registering = (phones: string[]) => maintain.register({ name: '冯三', phones, units: [{ projectCode: 'P001', relation: 'owner' }] }, { principal: p001Reader });
    const [first, second] = await whileHeld(
      (other) => customersRepo.lockPhonesAndEmails(other, { phones: [`+86${held}`] }),
      () => registering([a, held, b]),
      () => registering([b, held, a]),
    );
    const outcomes = [first, second].map((o) => (o.status === 'fulfilled' ? 'registered' : o.reason instanceof DomainError ? o.reason.code : String(o.reason)));
    expect(outcomes.sort()).toEqual(['CUSTOMER.PHONE_TAKEN', 'registered']);
  });

  it('given a phone nobody holds, then the list is empty; given text that is no phone, then it is refused naming phone', async () => {
    expect(await lookup.byPhone(newMobile(), { principal: p001Agent })).toEqual([]);
    const error = await rejectionOf(lookup.byPhone('not-a-phone', { principal: p001Agent }), RequestValidationError);
    expect([error.code, error.errors.map((e) => e.field)]).toEqual(['CUSTOMER.INVALID_PHONE', ['phone']]);
  });
});
