import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
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
import { ThrowawaySchema, buildHttpTestApp, throwawaySchema } from '@cs/testing';
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
  redis = createRedisClient(process.env['REDIS_URL']!, service);
  await redis.connect();
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
  const leftovers = await redis.keys(`idempotency:${service}:*`);
  if (leftovers.length > 0) await redis.del(leftovers);
  destroyRedisClient(redis);
  await db?.drop();
});

const admin = { sub: `admin-${randomUUID()}`, roles: ['admin' as const], projects: ['P001'] };

async function subscribe(key: string, name: string) {
  const token = await signDevToken(admin, DEV_JWT_SECRET);
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
});
