import { randomUUID } from 'node:crypto';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { type RedisClient, createRedisClient } from '@cs/persistence';
import { LOGGER, ProblemDetailsFilter, REDIS, SERVICE_CONFIG, attachRouteInterceptors, createValidationPipe, idempotencyProviders, rateLimitProviders, serviceHttpAdapter } from '@cs/platform';
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
const apps: NestFastifyApplication[] = [];

/** The questionnaire routes limited to 3 requests a minute, on the HTTP server the service runs on, behind `trustedProxyHops` proxies. */
async function questionnaireApp(trustedProxyHops: number): Promise<NestFastifyApplication> {
  const config = loadServiceConfig('callbacks', { NODE_ENV: 'test', QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE: '3', TRUSTED_PROXY_HOPS: String(trustedProxyHops) });
  const links = new QuestionnaireLinks(config);
  const callbacks = new CallbackRepository();
  const writer = new CallbackWriter(callbacks, new CallbackTimerRepository(), links, new MissedCallbacksRepository(), new OutboxWriter(db.schema, '/cs/callbacks'));
  const built = await buildHttpTestApp({
    adapter: serviceHttpAdapter(config.trustedProxyHops),
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
  apps.push(built);
  return built;
}

beforeAll(async () => {
  db = await throwawaySchema('callbacks_questionnaires_http', MIGRATIONS);
  redis = createRedisClient(process.env['REDIS_URL']!, service);
  await redis.connect();
  // As compose runs it: clients reach the service directly.
  app = await questionnaireApp(0);
});

afterAll(async () => {
  for (const built of apps) await built.close();
  const counters = await redis.keys(`ratelimit:${service}:*`);
  if (counters.length > 0) await redis.del(counters);
  await redis.close();
  await db?.drop();
});

/** A link this service never signed. */
const UNSIGNED = `/v1/questionnaires/${Buffer.alloc(30, 7).toString('base64url')}.${Buffer.alloc(16, 9).toString('base64url')}`;

/** A link this service never signed, asked for from `address`. */
const ask = (method: 'GET' | 'POST', address: string) =>
  app.inject({
    method,
    url: UNSIGNED,
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

describe('the public questionnaire’s limit per client, behind proxies', () => {
  /** The link's page asked for through `app` from the proxy at `remote`, its X-Forwarded-For as given. */
  const through = (behind: NestFastifyApplication, remote: string, forwardedFor: string) =>
    behind.inject({ method: 'GET', url: UNSIGNED, remoteAddress: remote, headers: { 'x-forwarded-for': forwardedFor } });

  it('Given TRUSTED_PROXY_HOPS=1 (the ingress in front), When two customers come through the one ingress address, Then each has a limit of its own, keyed on the entry the ingress added, whatever a customer wrote before it', async () => {
    const behindIngress = await questionnaireApp(1);
    const ingress = '10.20.0.5';
    const [one, other] = ['203.0.113.10', '203.0.113.20'];
    // The ingress appends the address it saw; an entry a customer wrote itself comes before it.
    const first = [await through(behindIngress, ingress, one), await through(behindIngress, ingress, `192.0.2.1, ${one}`), await through(behindIngress, ingress, `192.0.2.2, ${one}`)];
    expect(first.map((r) => r.statusCode)).toEqual([404, 404, 404]);
    expect((await through(behindIngress, ingress, `192.0.2.3, ${one}`)).statusCode).toBe(429);

    const others = [await through(behindIngress, ingress, other), await through(behindIngress, ingress, other)];
    expect(others.map((r) => [r.statusCode, r.headers['ratelimit-remaining']])).toEqual([[404, '2'], [404, '1']]);
  });

  it('Given TRUSTED_PROXY_HOPS=0 (clients connect directly), When one client writes a new X-Forwarded-For on each request, Then it still draws from its own address’s limit', async () => {
    const direct = '198.51.100.30';
    const forged = ['203.0.113.31', '203.0.113.32', '203.0.113.33', '203.0.113.34'];
    const statuses: number[] = [];
    for (const entry of forged) statuses.push((await through(app, direct, entry)).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
