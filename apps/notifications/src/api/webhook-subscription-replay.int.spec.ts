import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import {
  IdempotencyCommitLog,
  LOGGER,
  OUTBOX,
  ProblemDetailsFilter,
  REDIS,
  SERVICE_CONFIG,
  attachRouteInterceptors,
  createValidationPipe,
  idempotencyProviders,
  idempotencySlot,
  installRequestInput,
} from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, closeServiceRedis, openServiceRedis, throwawaySchema } from '@cs/testing';
import { ManageWebhookSubscriptions } from '../application/manage-webhook-subscriptions';
import { MIGRATIONS } from '../infrastructure/migrations';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { WebhookSubscriptionsController } from './webhook-subscriptions.controller';

/**
 * A subscription's signing secret is shown only in the answer to its creation: a retry of that
 * creation under its Idempotency-Key, once Redis lost the record, gets the same answer from the
 * command's own row (ADR 0160) instead of a subscription whose secret nobody received.
 */
const service = `notifications-replay-${randomUUID().slice(0, 8)}`;
let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;

beforeAll(async () => {
  db = await throwawaySchema('notifications_subscription_replay', MIGRATIONS);
  const outbox = new OutboxWriter(db.schema, `/test/${service}`);
  db.dataSource.subscribers.push(outbox.committed);
  redis = await openServiceRedis(service);
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [WebhookSubscriptionsController],
    providers: [
      { provide: DataSource, useValue: db.dataSource },
      { provide: LOGGER, useValue: createLogger(service, 'silent') },
      { provide: REDIS, useValue: redis },
      { provide: OUTBOX, useValue: outbox },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      {
        provide: SERVICE_CONFIG,
        useValue: loadServiceConfig('notifications', { NODE_ENV: 'test', DATABASE_SCHEMA: db.schema, NOTIFICATION_WEBHOOK_PORTS: '443' }),
      },
      ...idempotencyProviders({ service }),
      IdempotencyCommitLog,
      WebhookSubscriptionRepository,
      WebhookDeliveryRepository,
      ManageWebhookSubscriptions,
    ],
    pipes: [createValidationPipe()],
    configure: installRequestInput,
    beforeCreate: attachRouteInterceptors,
  });
});

afterAll(async () => {
  await app?.close();
  await closeServiceRedis(redis, service);
  await db?.drop();
});

const admin = { sub: `admin-${randomUUID()}`, roles: ['admin' as const], projects: ['P001'] };
type Caller = { readonly roles: readonly ('admin' | 'supervisor')[]; readonly projects?: readonly string[] };

async function subscribe(key: string, name: string, caller: Caller = admin) {
  const token = await signDevToken({ sub: admin.sub, roles: [...caller.roles], ...(caller.projects ? { projects: [...caller.projects] } : {}) }, DEV_JWT_SECRET);
  return app.inject({
    method: 'POST',
    url: '/v1/webhook-subscriptions',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
    payload: { name, url: 'https://hooks.example.com/cs', eventTypes: ['sla_breached'], projectCode: 'P001' },
  });
}

async function subscriptionsNamed(name: string): Promise<number> {
  const [row] = await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${db.schema}.webhook_subscriptions WHERE name = $1`, [name]);
  return row!.n;
}

describe('a webhook subscription created under an Idempotency-Key', () => {
  it('given Redis lost the record of its creation, when the creation is retried, then it answers the same subscription and the same secret, stored no-store, and makes no second one', async () => {
    const key = randomUUID();
    const name = `desk-${randomUUID().slice(0, 8)}`;
    const first = await subscribe(key, name);
    expect(first.statusCode).toBe(201);
    const created = first.json<{ id: string; secret: string }>();
    expect(created.secret).toEqual(expect.any(String));
    await redis.del(idempotencySlot(service, { kind: 'principal', sub: admin.sub }, key).redisKey);

    const retry = await subscribe(key, name);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(created);
    expect(retry.headers['location']).toBe(`/v1/webhook-subscriptions/${created.id}`);
    expect(retry.headers['cache-control']).toBe('no-store');
    expect(await subscriptionsNamed(name)).toBe(1);
  });

  it('given the admin no longer serves the project, when the creation is retried, then the answer and its secret are withheld: 403 IDEMPOTENCY.RIGHTS_WITHDRAWN, from Redis and from the row alike', async () => {
    const key = randomUUID();
    const name = `desk-${randomUUID().slice(0, 8)}`;
    expect((await subscribe(key, name)).statusCode).toBe(201);
    const narrowed = { roles: ['admin' as const], projects: ['P002'] };

    const fromRedis = await subscribe(key, name, narrowed);
    expect(fromRedis.statusCode).toBe(403);
    expect(fromRedis.json()).toMatchObject({ code: 'IDEMPOTENCY.RIGHTS_WITHDRAWN' });
    expect(fromRedis.body).not.toContain('secret');

    await redis.del(idempotencySlot(service, { kind: 'principal', sub: admin.sub }, key).redisKey);
    const fromRow = await subscribe(key, name, narrowed);
    expect(fromRow.statusCode).toBe(403);
    expect(fromRow.json()).toMatchObject({ code: 'IDEMPOTENCY.RIGHTS_WITHDRAWN' });
    expect(await subscriptionsNamed(name)).toBe(1);

    // Rights added since withhold nothing.
    expect((await subscribe(key, name, { roles: ['admin'], projects: ['P001', 'P002'] })).headers['idempotency-replayed']).toBe('true');
    expect((await subscribe(key, name, { roles: ['admin'] })).headers['idempotency-replayed']).toBe('true');
  });

  it('given the admin lost the role the route requires, when the creation is retried, then the route’s guard refuses it before any replay', async () => {
    const key = randomUUID();
    const name = `desk-${randomUUID().slice(0, 8)}`;
    expect((await subscribe(key, name)).statusCode).toBe(201);

    const retry = await subscribe(key, name, { roles: ['supervisor'], projects: ['P001'] });
    expect(retry.statusCode).toBe(403);
    expect(retry.headers['idempotency-replayed']).toBeUndefined();
    expect(retry.body).not.toContain('secret');
  });
});
