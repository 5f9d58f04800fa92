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

beforeAll(async () => {
  ({ db, app } = await intakeHttpApp('intake_contact_attachments', ContactsController, [ResolveCustomer, ACTIVE_ITEMS_PROVIDER, RecordContact, ReadContacts]));
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('an attachment whose address holds phones and ID numbers', () => {
  const sender = '13800138000';
  const idNumber = '110101199003071233';
  const password = 'Wy2026!secret';
  const uris = [
    `https://files.example.com\\share\\张三-${sender}.jpg`,
    `oss://contacts\\2026\\${sender}\\身份证-${idNumber}.png`,
    `https://files.example.com/share\\张三\\${idNumber}/${sender}.png`,
    `https://zhangsan-${sender}.oss-cn-hangzhou.aliyuncs.com/leak.jpg`,
    `https://uploader:${password}@files.example.com/leak.jpg`,
  ];

  it('given a contact recorded with them through the API, written with backslashes, in a bucket’s name or with the store’s password, when it is read without a purpose, then none of them is shown, in its view or its events', async () => {
    const phone = newMobile();
    const recorded = await injectJson(app, 'POST', '/v1/contacts', {
      role: 'agent',
      body: {
        channel: 'wechat',
        content: '身份证和漏水照片见附件',
        customer: { name: '卫一', phone, projectCode: 'P001' },
        attachments: uris.map((uri, i) => ({ name: `附件${i + 1}.jpg`, type: 'image/jpeg', size: 1200, uri })),
      },
    });
    expect(recorded.status).toBe(201);

    const { status, body } = await injectJson(app, 'GET', `/v1/contacts/${String(recorded.body['id'])}`, { role: 'agent' });
    expect([status, body['masked']]).toEqual([200, true]);
    const shown = (body['attachments'] as { uri: string }[]).map((a) => a.uri);
    expect(shown).toEqual([
      'https://files.example.com\\share\\张三-138****8000.jpg',
      'oss://contacts\\2026\\138****8000\\身份证-110***********1233.png',
      'https://files.example.com/share\\张三\\110***********1233/138****8000.png',
      'https://zhangsan-138****8000.oss-cn-hangzhou.aliyuncs.com/leak.jpg',
      'https://uploader:***@files.example.com/leak.jpg',
    ]);

    const events = (await db.dataSource.query(`SELECT event_type, payload::text AS payload FROM ${db.schema}.outbox ORDER BY seq`)) as { event_type: string; payload: string }[];
    expect(events.map((e) => e.event_type)).toContain('contact.received.v1');
    for (const { payload } of events) for (const personal of [sender, idNumber, phone, password]) expect(payload).not.toContain(personal);
  });

  it('given a reader with the permission who states why, then the addresses are shown as sent', async () => {
    const recorded = await injectJson(app, 'POST', '/v1/contacts', {
      role: 'agent',
      body: { channel: 'wechat', content: '照片见附件', customer: { name: '卫二', phone: newMobile(), projectCode: 'P001' }, attachments: [{ name: 'a.jpg', type: 'image/jpeg', size: 1, uri: uris[0] }] },
    });
    const reader = `Bearer ${await signDevToken({ roles: 'supervisor', sub: 'sup-1', permissions: ['customer.pii.read'] }, DEV_JWT_SECRET)}`;
    const { body } = await injectJson(app, 'GET', `/v1/contacts/${String(recorded.body['id'])}`, { headers: { authorization: reader, 'x-access-purpose': encodeURIComponent('核实身份') } });
    expect((body['attachments'] as { uri: string }[]).map((a) => a.uri)).toEqual([uris[0]]);
  });
});
