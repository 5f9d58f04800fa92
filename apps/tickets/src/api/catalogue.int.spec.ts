import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { LOGGER, OUTBOX, ProblemDetailsFilter, createValidationPipe } from '@cs/platform';
import { InjectOptions, ThrowawaySchema, buildHttpTestApp, injectJson, throwawaySchema } from '@cs/testing';
import { GetCatalogue } from '../application/get-catalogue';
import { UpdateCatalogue } from '../application/update-catalogue';
import type { CatalogueSection, VersionedCatalogue } from '../domain/catalogue';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { CatalogueController } from './catalogue.controller';

let db: ThrowawaySchema;
let app: NestFastifyApplication;

beforeAll(async () => {
  db = await throwawaySchema('tickets_catalogue_http', MIGRATIONS);
  // The platform's real auth guard, problem filter and validation pipe; the outbox is only
  // written, as no relay runs to publish the test's events to the shared broker.
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [CatalogueController],
    providers: [
      { provide: LOGGER, useValue: createLogger('tickets', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: OUTBOX, useValue: new OutboxWriter(db.schema, '/cs/tickets') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      CatalogueRepository,
      GetCatalogue,
      UpdateCatalogue,
    ],
    pipes: [createValidationPipe()],
  });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const call = (method: 'GET' | 'PUT', url: string, options?: InjectOptions) => injectJson(app, method, url, options);

async function document(): Promise<{ etag: string; sections: CatalogueSection[] }> {
  const { headers, body } = await call('GET', '/v1/catalogue?includeInactive=true', { role: 'admin' });
  return { etag: String(headers['etag']), sections: [...(body as unknown as VersionedCatalogue).sections] };
}

describe('GET and PUT /v1/catalogue', () => {
  it('given no token, when reading, then it is 401', async () => {
    expect((await call('GET', '/v1/catalogue')).status).toBe(401);
  });

  it('given an agent, when reading, then the active catalogue comes with its version as ETag', async () => {
    const { status, headers, body } = await call('GET', '/v1/catalogue', { role: 'agent' });
    expect(status).toBe(200);
    expect(headers['etag']).toBe('W/"1"');
    const catalogue = body as unknown as VersionedCatalogue;
    expect(catalogue.version).toBe(1);
    expect(catalogue.sections.flatMap((s) => s.items)).toHaveLength(45);
    expect(catalogue.sections[1]).toMatchObject({ code: 'repair', label: { 'zh-CN': '报修', en: 'Repair' }, active: true });
  });

  it('given a query flag that is not true or false, when reading, then it is 400 naming it', async () => {
    const { status, body } = await call('GET', '/v1/catalogue?includeInactive=yes', { role: 'agent' });
    expect(status).toBe(400);
    expect(body['errors']).toEqual([expect.objectContaining({ field: 'includeInactive' })]);
  });

  it('given an agent, when editing, then it is 403', async () => {
    const { sections } = await document();
    expect((await call('PUT', '/v1/catalogue', { role: 'agent', body: { sections } })).status).toBe(403);
  });

  it('given an admin with the current ETag, when relabelling, then the new document and ETag come back', async () => {
    const { etag, sections } = await document();
    sections[1] = { ...sections[1]!, label: { 'zh-CN': '报修', en: 'Repairs' } };
    const { status, headers, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections }, headers: { 'if-match': etag } });
    expect(status).toBe(200);
    expect(headers['etag']).toBe('W/"2"');
    expect(body).toMatchObject({ version: 2, sections: expect.arrayContaining([expect.objectContaining({ code: 'repair', label: { 'zh-CN': '报修', en: 'Repairs' } })]) });
  });

  it('given a stale ETag, when editing, then it is 412 problem+json', async () => {
    const { sections } = await document();
    const { status, headers, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections }, headers: { 'if-match': 'W/"1"' } });
    expect(status).toBe(412);
    expect(headers['content-type']).toContain('application/problem+json');
    expect(body).toMatchObject({ code: 'CATALOGUE.VERSION_CONFLICT' });
  });

  it('given an item left out, when editing, then it is 422 naming the field and the code', async () => {
    const { sections } = await document();
    sections[0] = { ...sections[0]!, items: sections[0]!.items.slice(1) };
    const { status, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections } });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      code: 'CATALOGUE.ITEM_REMOVED',
      catalogueCode: 'consultation.property_service',
      errors: [expect.objectContaining({ field: 'sections[0].items' })],
    });
  });

  it('given an item given the place its record must name, then the answer and every read show it, and every item shows its own or its section’s', async () => {
    const { etag, sections } = await document();
    const complaints = sections.findIndex((s) => s.code === 'complaint');
    sections[complaints] = { ...sections[complaints]!, items: sections[complaints]!.items.map((i) => (i.code === 'complaint.service_quality' ? { ...i, place: 'none' as const } : i)) };
    const { status, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections }, headers: { 'if-match': etag } });
    expect(status).toBe(200);
    const placeOf = (catalogue: { readonly sections: readonly CatalogueSection[] }, code: string) => catalogue.sections.flatMap((s) => s.items).find((i) => i.code === code)?.place;
    expect(placeOf(body as unknown as VersionedCatalogue, 'complaint.service_quality')).toBe('none');
    const read = (await call('GET', '/v1/catalogue', { role: 'agent' })).body as unknown as VersionedCatalogue;
    expect(['complaint.service_quality', 'complaint.construction_quality', 'repair.public_area', 'consultation.other'].map((code) => placeOf(read, code))).toEqual(['none', 'room', 'building', 'none']);
    expect(read.sections.flatMap((s) => s.items).every((i) => i.place !== undefined)).toBe(true);
  });

  it('given a label holding a phone number or an e-mail address, when editing, then it is 422 CATALOGUE.PERSONAL_DATA naming the label and nothing is stored or published', async () => {
    const { etag, sections } = await document();
    const published = async () => ((await db.dataSource.query(`SELECT payload::text AS payload FROM ${db.schema}.outbox WHERE event_type = 'catalogue.changed.v1'`)) as { payload: string }[]).map((r) => r.payload);
    const before = await published();
    const relabelled = (label: { 'zh-CN': string; en: string }) => sections.map((s, i) => (i === 1 ? { ...s, items: s.items.map((item, j) => (j === 0 ? { ...item, label } : item)) } : s));
    for (const [label, field] of [
      [{ 'zh-CN': '报修请拨13812345678', en: 'Repair' }, 'sections[1].items[0].label.zh-CN'],
      [{ 'zh-CN': '报修', en: 'Ask wang.gong@example.com' }, 'sections[1].items[0].label.en'],
    ] as const) {
      const { status, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections: relabelled(label) }, headers: { 'if-match': etag } });
      expect([status, body['code'], body['errors']]).toEqual([422, 'CATALOGUE.PERSONAL_DATA', [expect.objectContaining({ field })]]);
    }
    expect(await published()).toEqual(before);
    expect((await document()).etag).toBe(etag);
  });

  it('given a place that is not room, building or none, when editing, then it is 400 naming the item’s field', async () => {
    const { sections } = await document();
    const broken = [{ ...sections[0]!, items: [{ ...sections[0]!.items[0]!, place: 'floor' }] }, ...sections.slice(1)];
    const { status, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections: broken } });
    expect(status).toBe(400);
    expect(body['errors']).toEqual([expect.objectContaining({ field: 'sections[0].items[0].place' })]);
  });

  it('given a body missing a nested label, when editing, then it is 400 naming the nested field', async () => {
    const { sections } = await document();
    const broken = [{ ...sections[0]!, items: [{ code: sections[0]!.items[0]!.code, label: { 'zh-CN': '物业服务' }, active: true }] }];
    const { status, body } = await call('PUT', '/v1/catalogue', { role: 'admin', body: { sections: broken } });
    expect(status).toBe(400);
    const fields = (body['errors'] as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['sections[0].items[0].label.en']));
  });
});
