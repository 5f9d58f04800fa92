import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, injectJson, newMobile, rejectionOf } from '@cs/testing';
import { LookUpCaller } from '../application/look-up-caller';
import { MaintainCustomers } from '../application/maintain-customers';
import { ReadCustomers } from '../application/read-customers';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { CustomersController } from './customers.controller';
import { intakeHttpApp } from './intake-http-app.support.spec';

let db: ThrowawaySchema;
let app: NestFastifyApplication;

beforeAll(async () => {
  ({ db, app } = await intakeHttpApp('intake_customers_http', CustomersController, [ReadCustomers, MaintainCustomers, LookUpCaller]));
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function registered(name: string): Promise<string> {
  const { status, body } = await injectJson(app, 'POST', '/v1/customers', {
    role: 'agent',
    body: { name, phones: [newMobile()], units: [{ projectCode: 'P001', building: '3', room: '1202', relation: 'owner' }] },
  });
  expect(status).toBe(201);
  return body['id'] as string;
}

describe('POST /v1/customers/{id}/merge', () => {
  it('given the duplicate’s id in capitals (the same UUID, RFC 9562), when a supervisor merges, then the duplicate is merged as with the id in lower case', async () => {
    const [survivorId, duplicateId] = [await registered('韩一'), await registered('韩一')];

    const merged = await injectJson(app, 'POST', `/v1/customers/${survivorId}/merge`, {
      role: 'supervisor',
      body: { duplicateId: duplicateId.toUpperCase(), reason: '同一业主两个号码' },
    });

    expect(merged.status).toBe(200);
    expect(merged.body['phones']).toHaveLength(2);
    const history = await injectJson(app, 'GET', `/v1/customers/${survivorId}/merges`, { role: 'supervisor' });
    expect(history.body['items']).toEqual([expect.objectContaining({ mergedId: duplicateId })]);
  });
});

describe('a problem answering a search by personal data', () => {
  it('given a search by phone and name refused for its e-mail, then the problem names the field and its instance holds none of the phone, the name or the e-mail', async () => {
    const phone = newMobile();
    const refused = await injectJson(app, 'GET', `/v1/customers?phone=${phone}&name=${encodeURIComponent('韩梅梅')}&email=${encodeURIComponent(`han.${phone}@`)}`, { role: 'agent' });

    expect(refused.status).toBe(400);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(refused.body['instance']).toEqual(expect.stringMatching(/^\/v1\/customers\?/));
    const said = JSON.stringify(refused.body);
    for (const personal of [phone, '韩梅梅', encodeURIComponent('韩梅梅'), 'han.']) expect(said).not.toContain(personal);
  });
});

describe('PATCH /v1/customers/{id}', () => {
  it('given a stale ETag, when editing, then it is 412 CUSTOMER.VERSION_CONFLICT naming If-Match with the current version, and nothing changes', async () => {
    const id = await registered('韩二');
    const edited = await injectJson(app, 'PATCH', `/v1/customers/${id}`, { role: 'agent', body: { name: '韩二二' }, headers: { 'if-match': 'W/"1"' } });
    expect(edited.status).toBe(200);

    const stale = await injectJson(app, 'PATCH', `/v1/customers/${id}`, { role: 'agent', body: { name: '韩三' }, headers: { 'if-match': 'W/"1"' } });

    expect([stale.status, stale.headers['content-type']]).toEqual([412, expect.stringContaining('application/problem+json')]);
    expect(stale.body).toMatchObject({ code: 'CUSTOMER.VERSION_CONFLICT', currentVersion: 2, errors: [expect.objectContaining({ field: 'If-Match' })] });
    expect(await db.dataSource.query(`SELECT version FROM ${db.schema}.customers WHERE id = $1`, [id])).toEqual([{ version: 2 }]);
  });

  it('given a customer saved over a version changed meanwhile, with no If-Match in play, then it is 409 CUSTOMER.CHANGED_MEANWHILE, not a 412', async () => {
    const id = await registered('韩四');
    const customers = app.get(CustomerRepository);
    const read = (await customers.findById(db.dataSource.manager, id))!;
    await customers.update(db.dataSource.manager, { ...read, name: '韩五' }, read.version);

    const error = await rejectionOf(customers.update(db.dataSource.manager, { ...read, name: '韩六' }, read.version), DomainError);

    expect([error.code, error.kind, error.field]).toEqual(['CUSTOMER.CHANGED_MEANWHILE', 'conflict', undefined]);
  });
});
