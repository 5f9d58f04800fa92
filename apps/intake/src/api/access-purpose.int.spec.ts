import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { ThrowawaySchema, injectJson, newMobile } from '@cs/testing';
import { ReadContacts } from '../application/read-contacts';
import { RecordContact } from '../application/record-contact';
import { ResolveCustomer } from '../application/resolve-customer';
import { ACTIVE_ITEMS_PROVIDER } from '../infrastructure/active-items';
import { ContactsController } from './contacts.controller';
import { intakeHttpApp } from './intake-http-app.support.spec';

let db: ThrowawaySchema;
let app: NestFastifyApplication;
let contactId: string;
let reader: string;

beforeAll(async () => {
  ({ db, app } = await intakeHttpApp('intake_access_purpose', ContactsController, [ResolveCustomer, ACTIVE_ITEMS_PROVIDER, RecordContact, ReadContacts]));
  const phone = newMobile();
  const recorded = await injectJson(app, 'POST', '/v1/contacts', {
    role: 'agent',
    body: { channel: 'phone', content: `请回电${phone}`, customer: { name: '卫一', phone, projectCode: 'P001' } },
  });
  contactId = recorded.body['id'] as string;
  reader = `Bearer ${await signDevToken({ roles: 'supervisor', sub: 'sup-1', permissions: ['customer.pii.read'] }, DEV_JWT_SECRET)}`;
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('X-Access-Purpose', () => {
  it.each(['%00', '%E5%9B%9E%E7%94%B5%00', '%01', '%0A'])('given %s, which decodes to a control character, then it is 400 problem+json naming X-Access-Purpose and nothing is logged', async (purpose) => {
    const { status, headers, body } = await injectJson(app, 'GET', `/v1/contacts/${contactId}`, { headers: { authorization: reader, 'x-access-purpose': purpose } });
    expect(status).toBe(400);
    expect(headers['content-type']).toContain('application/problem+json');
    expect(body['errors']).toEqual([expect.objectContaining({ field: 'X-Access-Purpose' })]);
    expect(await db.dataSource.query('SELECT purpose FROM pii_access_log')).toEqual([]);
  });

  it('given a purpose in Chinese, percent-encoded, then the content is shown whole and the read logged with it', async () => {
    const { status, body } = await injectJson(app, 'GET', `/v1/contacts/${contactId}`, { headers: { authorization: reader, 'x-access-purpose': encodeURIComponent('回电核实') } });
    expect([status, body['masked']]).toEqual([200, false]);
    expect(await db.dataSource.query('SELECT purpose FROM pii_access_log')).toEqual([{ purpose: '回电核实' }]);
  });
});
