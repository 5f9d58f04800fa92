import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { type RedisClient, createRedisClient } from '@cs/persistence';
import { LOGGER, ProblemDetailsFilter, REDIS, SERVICE_CONFIG, attachRouteInterceptors, createValidationPipe, idempotencyProviders, rateLimitProviders } from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, throwawaySchema } from '@cs/testing';
import { AnswerQuestionnaire } from '../application/answer-questionnaire';
import { CallbackWriter } from '../application/callback-writer';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { QuestionnairesController } from './questionnaires.controller';

/** The Redis keys of this run's counters are named by it, so runs never share a counter. */
const service = `int-questionnaires-${randomUUID().slice(0, 8)}`;

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;

beforeAll(async () => {
  db = await throwawaySchema('callbacks_questionnaires_http', MIGRATIONS);
  redis = createRedisClient(process.env['REDIS_URL']!, service);
  await redis.connect();
  const config = loadServiceConfig('callbacks', { NODE_ENV: 'test', QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE: '3' });
  const links = new QuestionnaireLinks(config);
  const callbacks = new CallbackRepository();
  const writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, new MissedCallbacksRepository(), new OutboxWriter(db.schema, '/cs/callbacks'));
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [QuestionnairesController],
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: REDIS, useValue: redis },
      { provide: LOGGER, useValue: createLogger('callbacks', 'silent') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: AnswerQuestionnaire, useValue: new AnswerQuestionnaire(db.dataSource, links, callbacks, writer) },
      ...rateLimitProviders({ service }),
      ...idempotencyProviders({ service }),
    ],
    pipes: [createValidationPipe()],
    beforeCreate: attachRouteInterceptors,
  });
});

afterAll(async () => {
  await app?.close();
  const counters = await redis.keys(`ratelimit:${service}:*`);
  if (counters.length > 0) await redis.del(counters);
  await redis.close();
  await db?.drop();
});

/** A link this service never signed, asked for from `address`. */
const ask = (method: 'GET' | 'POST', address: string) =>
  app.inject({
    method,
    url: `/v1/questionnaires/${Buffer.alloc(30, 7).toString('base64url')}.${Buffer.alloc(16, 9).toString('base64url')}`,
    remoteAddress: address,
    ...(method === 'POST' ? { payload: { satisfaction: 'satisfied' } } : {}),
  });

describe('the public questionnaire’s rate limit', () => {
  it('Given QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE=3, When one address asks a fourth time in a minute (the page and the answer counted together), Then it is 429 RATE_LIMIT.EXCEEDED with Retry-After, while another address is still answered', async () => {
    const [one, other] = ['198.51.100.7', '198.51.100.8'];
    const answered = [await ask('GET', one), await ask('POST', one), await ask('GET', one)];
    expect(answered.map((r) => r.statusCode)).toEqual([404, 404, 404]);
    expect(answered[2]!.headers['ratelimit-limit']).toBe('3');

    const refused = await ask('POST', one);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    expect((await ask('GET', other)).statusCode).toBe(404);
  });
});
