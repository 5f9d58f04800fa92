import { Permission } from '@cs/auth';
import { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { ContactRepository } from '../infrastructure/contact.repository';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { throwawayPiiCodec } from '../infrastructure/pii/throwaway-pii-codec.support.spec';
import { AnnounceBirthdays } from './announce-birthdays';
import { MaintainCustomers } from './maintain-customers';
import type { AccessContext } from './pii-access';

let db: ThrowawaySchema;
let maintain: MaintainCustomers;
let announce: AnnounceBirthdays;
let customers: CustomerRepository;
const logged: unknown[] = [];

const agent: AccessContext = { principal: { sub: 'agent-1', name: 'agent-1', roles: ['agent'], permissions: [] } };
const reader: AccessContext = { principal: { sub: 'sup-1', name: 'sup-1', roles: ['supervisor'], permissions: [Permission.CustomerPiiRead] }, purpose: '核对客户资料' };
const fakeLogger = Object.fromEntries(['info', 'warn', 'error', 'debug', 'trace', 'fatal'].map((level) => [level, (...args: unknown[]) => logged.push(args)])) as unknown as Logger;
let phoneSeq = 0;
const phone = () => `1390000${String((phoneSeq += 1)).padStart(4, '0')}`;

async function register(birthDate: string | undefined, projectCode = 'P001') {
  const { customer } = await maintain.register(
    { name: '孙小美', phones: [phone()], units: [{ projectCode, building: '2', room: '301', relation: 'owner' }], ...(birthDate ? { birthDate } : {}) },
    agent,
  );
  return customer.id;
}

async function outbox(type?: string): Promise<{ type: string; payload: string }[]> {
  const rows = (await db.dataSource.query(`SELECT event_type AS type, payload FROM ${db.schema}.outbox ORDER BY seq`)) as { type: string; payload: string | object }[];
  return rows.map((r) => ({ type: r.type, payload: typeof r.payload === 'string' ? r.payload : JSON.stringify(r.payload) })).filter((r) => !type || r.type === type);
}

beforeAll(async () => {
  db = await throwawaySchema('intake_birthdays', MIGRATIONS);
  const pii = throwawayPiiCodec();
  customers = new CustomerRepository(pii);
  const writer = new OutboxWriter(db.schema, '/cs/intake');
  maintain = new MaintainCustomers(db.dataSource, customers, new ContactRepository(pii), writer);
  announce = new AnnounceBirthdays(db.dataSource, customers, writer, fakeLogger);
});

afterAll(async () => {
  await db?.drop();
});

describe('birth dates in the registry', () => {
  it('Given a birth date on registration, Then it is stored encrypted, shown masked without customer.pii.read, and never in an event', async () => {
    const { customer, view } = await maintain.register(
      { name: '周大福', phones: [phone()], units: [{ projectCode: 'P001', room: '101', relation: 'owner' }], birthDate: '1985-06-18' },
      agent,
    );
    expect(view.birthDate).toBe('****-**-**');
    const [row] = (await db.dataSource.query(`SELECT birth_date_enc, birthday_idx, row_to_json(c)::text AS whole FROM ${db.schema}.customers c WHERE id = $1`, [customer.id])) as {
      birth_date_enc: string;
      birthday_idx: string;
      whole: string;
    }[];
    expect(row!.birth_date_enc).toBeTruthy();
    expect(row!.whole).not.toMatch(/1985|06-18/);
    expect(row!.birthday_idx).toMatch(/^[0-9a-f]{64}$/);

    const unmasked = await maintain.update(customer.id, {}, undefined, reader);
    expect(unmasked.view.birthDate).toBe('1985-06-18');
    const cleared = await maintain.update(customer.id, { birthDate: null }, undefined, reader);
    expect(cleared.view.birthDate).toBeUndefined();
    const [after] = (await db.dataSource.query(`SELECT birth_date_enc, birthday_idx FROM ${db.schema}.customers WHERE id = $1`, [customer.id])) as { birth_date_enc: null; birthday_idx: null }[];
    expect(after).toEqual({ birth_date_enc: null, birthday_idx: null });

    for (const event of await outbox()) expect(event.payload).not.toMatch(/1985|06-18/);
  });

  it('Given a date that does not exist, Then registration is refused', async () => {
    await expect(maintain.register({ name: '吴三', phones: [phone()], birthDate: '1991-02-29' }, agent)).rejects.toMatchObject({ code: 'CUSTOMER.INVALID_BIRTH_DATE' });
  });
});

describe('the daily birthday announcement', () => {
  it('Given customers born on 30 Nov, Then on 30 Nov (Shanghai) each is announced once, even when the job runs twice or on two replicas', async () => {
    const born = [await register('1980-11-30'), await register('1999-11-30', 'P002')];
    const notToday = await register('1980-12-01');
    await register(undefined);
    // 00:30 in Shanghai on 30 Nov is still 29 Nov in UTC.
    const at = new Date('2026-11-29T16:30:00Z');
    const counts = await Promise.all([announce.announceDue(at), announce.announceDue(at)]);
    expect(counts.sort()).toEqual([0, 2]);
    expect(await announce.announceDue(new Date('2026-11-30T08:00:00Z'))).toBe(0);

    const events = (await outbox('customer.birthday.v1')).map((e) => JSON.parse(e.payload) as { customerId: string; projectCodes: string[]; date: string });
    expect(events.filter((e) => e.date === '2026-11-30').sort((a, b) => a.customerId.localeCompare(b.customerId))).toEqual(
      [
        { customerId: born[0], projectCodes: ['P001'], date: '2026-11-30' },
        { customerId: born[1], projectCodes: ['P002'], date: '2026-11-30' },
      ].sort((a, b) => a.customerId!.localeCompare(b.customerId!)),
    );
    expect(events.map((e) => e.customerId)).not.toContain(notToday);
    for (const event of await outbox()) expect(event.payload).not.toMatch(/1980|1999/);
    expect(JSON.stringify(logged)).not.toMatch(/1980|1999|11-30T|"11-30"/);
  });

  it('Given a Feb-29 birthday, Then it is announced on 28 Feb in a common year and on 29 Feb in a leap year', async () => {
    const leapling = await register('1992-02-29');
    const feb28 = await register('1990-02-28');
    await announce.announceDue(new Date('2027-02-28T04:00:00Z'));
    await announce.announceDue(new Date('2028-02-28T04:00:00Z'));
    await announce.announceDue(new Date('2028-02-29T04:00:00Z'));
    const events = (await outbox('customer.birthday.v1')).map((e) => JSON.parse(e.payload) as { customerId: string; date: string });
    expect(events.filter((e) => e.customerId === leapling).map((e) => e.date)).toEqual(['2027-02-28', '2028-02-29']);
    expect(events.filter((e) => e.customerId === feb28).map((e) => e.date)).toEqual(['2027-02-28', '2028-02-28']);
  });

  it('Given an erased customer, Then no birthday is announced for them', async () => {
    const gone = await register('1970-03-03');
    await maintain.erase(gone, '客户申请删除', { principal: { sub: 'sup-all', name: 'sup-all', roles: ['supervisor'], permissions: [] } });
    const [row] = (await db.dataSource.query(`SELECT birth_date_enc, birthday_idx FROM ${db.schema}.customers WHERE id = $1`, [gone])) as unknown[];
    expect(row).toEqual({ birth_date_enc: null, birthday_idx: null });
    expect(await announce.announceDue(new Date('2027-03-03T04:00:00Z'))).toBe(0);
  });
});
