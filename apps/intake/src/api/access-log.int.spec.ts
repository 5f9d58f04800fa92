import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { createLogger } from '@cs/observability';
import { LOGGER, ProblemDetailsFilter, installRequestInput } from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, injectJson, serialBelowDigitBoundary, throwawaySchema } from '@cs/testing';
import { QueryAccessLog } from '../application/access-log';
import { logUnmaskedRead } from '../application/pii-access';
import { MIGRATIONS } from '../infrastructure/migrations';
import { AccessLogController } from './access-log.controller';

let db: ThrowawaySchema;
let app: NestFastifyApplication;
const customerId = randomUUID();

beforeAll(async () => {
  db = await throwawaySchema('intake_access_log_http', MIGRATIONS);
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [AccessLogController],
    providers: [
      { provide: LOGGER, useValue: createLogger('intake', 'silent') },
      { provide: DataSource, useValue: db.dataSource },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      QueryAccessLog,
    ],
    configure: installRequestInput,
  });
  const principal = { sub: 'agent-7', name: '李客服', roles: ['agent' as const], permissions: ['customer.pii.read'] };
  for (const purpose of ['callback', 'complaint', 'repair']) await logUnmaskedRead(db.dataSource.manager, { principal, purpose }, [customerId], ['phone']);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('GET /v1/pii-access-log cursors', () => {
  it('given the cursor of a page, when reading on, then the older entries follow', async () => {
    const first = await injectJson(app, 'GET', `/v1/pii-access-log?customerId=${customerId}&limit=2`, { role: 'supervisor' });
    expect(first.status).toBe(200);
    expect((first.body['items'] as { purpose: string }[]).map((e) => e.purpose)).toEqual(['repair', 'complaint']);
    const next = await injectJson(app, 'GET', `/v1/pii-access-log?customerId=${customerId}&cursor=${String(first.body['nextCursor'])}`, {
      role: 'supervisor',
    });
    expect((next.body['items'] as { purpose: string }[]).map((e) => e.purpose)).toEqual(['callback']);
  });

  it('given more entries than a page across ids of one and two digits, when paging to the end, then every entry comes once, newest first', async () => {
    await serialBelowDigitBoundary(db.dataSource, 'pii_access_log', 'id');
    const reader = randomUUID();
    const principal = { sub: 'agent-8', name: '王客服', roles: ['agent' as const], permissions: ['customer.pii.read'] };
    const purposes = Array.from({ length: 12 }, (_, i) => `visit-${String(i + 1).padStart(2, '0')}`);
    for (const purpose of purposes) await logUnmaskedRead(db.dataSource.manager, { principal, purpose }, [reader], ['phone']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await injectJson(app, 'GET', `/v1/pii-access-log?customerId=${reader}&limit=5${cursor ? `&cursor=${cursor}` : ''}`, { role: 'supervisor' });
      expect(page.status).toBe(200);
      seen.push(...(page.body['items'] as { purpose: string }[]).map((e) => e.purpose));
      cursor = page.body['nextCursor'] as string | undefined;
    } while (cursor);
    expect(seen).toEqual([...purposes].reverse());
  });

  it.each(['9999999999999999999', '99999999999999999999', '-1', '1e3'])(
    'given cursor=%s, which int8 cannot hold or no page returned, then it is 400 naming cursor',
    async (cursor) => {
      const { status, headers, body } = await injectJson(app, 'GET', `/v1/pii-access-log?cursor=${cursor}`, { role: 'supervisor' });
      expect(status).toBe(400);
      expect(headers['content-type']).toContain('application/problem+json');
      expect(body).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'cursor', code: 'invalid_format', params: { format: 'cursor' }, message: 'must be a valid cursor' }] });
    },
  );
});
