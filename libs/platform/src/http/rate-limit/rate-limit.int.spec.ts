import { randomUUID } from 'node:crypto';
import { Controller, Get, Post } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { createLogger } from '@cs/observability';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { REDIS_LOSSES, buildHttpTestApp, closeServiceRedis, eventually, openServiceRedis, redisBehindRelayFor } from '@cs/testing';
import { ProblemDetailsFilter } from '../../problem/problem.filter';
import { LOGGER, REDIS } from '../../tokens';
import { idempotencyProviders } from '../idempotency/providers';
import { attachRouteInterceptors } from '../route-interceptors';
import { RateLimit } from './rate-limit.decorator';
import { RateLimiter, rateLimitKey, rateLimitRedisKey } from './rate-limiter';
import { rateLimitProviders } from './providers';

const run = randomUUID().slice(0, 8);
const service = `int-rl-${run}`;
const TEST_CONFIG = Symbol('TEST_CONFIG');
interface TestConfig {
  readonly reportsPerMinute: number;
}

/** Buckets come from a header so each test draws from counters of its own. */
const fromHeader = (request: FastifyRequest) => `${run}:${String(request.headers['x-bucket'])}`;

@Controller('limited')
@RateLimit({ bucket: (request) => `class:${fromHeader(request)}`, limit: 1, windowSeconds: 60 })
class LimitedController {
  @Get()
  @RateLimit({ bucket: fromHeader, limit: 3, windowSeconds: 60 })
  read(): { ok: true } {
    return { ok: true };
  }

  @Get('configured')
  @RateLimit<TestConfig>({ bucket: fromHeader, limit: (config) => config.reportsPerMinute, windowSeconds: 60, config: TEST_CONFIG })
  configured(): { ok: true } {
    return { ok: true };
  }

  @Get('inherited')
  inherited(): { ok: true } {
    return { ok: true };
  }

  @Post('created')
  @RateLimit({ bucket: fromHeader, limit: 1, windowSeconds: 60 })
  create(): { id: string } {
    return { id: randomUUID() };
  }
}

function startApp(redis: RedisClient): Promise<NestFastifyApplication> {
  return buildHttpTestApp({
    controllers: [LimitedController],
    providers: [
      { provide: REDIS, useValue: redis },
      { provide: LOGGER, useValue: createLogger(service, 'silent') },
      { provide: TEST_CONFIG, useValue: { reportsPerMinute: 2 } satisfies TestConfig },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ...rateLimitProviders({ service }),
      ...idempotencyProviders({ service }),
    ],
    beforeCreate: attachRouteInterceptors,
  });
}

function call(app: NestFastifyApplication, url: string, bucket: string, method: 'GET' | 'POST' = 'GET', key?: string) {
  const headers: Record<string, string> = { 'x-bucket': bucket };
  if (key !== undefined) headers['idempotency-key'] = key;
  return app.getHttpAdapter().getInstance().inject({ method, url, headers });
}

let redis: RedisClient;
let app: NestFastifyApplication;

beforeAll(async () => {
  redis = await openServiceRedis(service);
  app = await startApp(redis);
});

afterAll(async () => {
  await app.close();
  await closeServiceRedis(redis, service);
});

describe('RateLimiter', () => {
  it('keeps the counters of copies of the platform in different namespaces apart, on one Redis', async () => {
    const logger = createLogger(service, 'silent');
    const [one, other] = ['a', 'b'].map((copy) => new RateLimiter(redis, { service, namespace: `${run}-${copy}` }, logger));
    const bucket = `${run}:namespaced`;
    try {
      expect((await one!.consume(bucket, 1, 60)).allowed).toBe(true);
      expect((await one!.consume(bucket, 1, 60)).allowed).toBe(false);
      // The other copy's clients have spent nothing.
      expect((await other!.consume(bucket, 1, 60)).allowed).toBe(true);
      expect(await redis.exists(rateLimitRedisKey({ service, namespace: `${run}-a` }, rateLimitKey(bucket, 60)))).toBe(1);
    } finally {
      for (const limiter of [one!, other!]) limiter.onApplicationShutdown();
    }
    expect(rateLimitRedisKey({ service, namespace: 'ns' }, 'k')).toBe(`ns:ratelimit:${service}:k`);
    expect(rateLimitRedisKey({ service }, 'k')).toBe(`ratelimit:${service}:k`);
  });

  it('allows up to the limit in a window, then refuses until the window ends', async () => {
    const limiter = app.get(RateLimiter);
    const bucket = `${run}:direct`;
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await limiter.consume(bucket, 2, 60));

    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    for (const decision of decisions) expect(decision.resetSeconds).toBeGreaterThanOrEqual(59);
  });

  it('opens a fresh window once the previous one has expired', async () => {
    const limiter = app.get(RateLimiter);
    const bucket = `${run}:expiring`;
    expect((await limiter.consume(bucket, 1, 60)).allowed).toBe(true);
    expect((await limiter.consume(bucket, 1, 60)).allowed).toBe(false);
    // The window's end brought forward in Redis, not slept through: a stall cannot end it early.
    const key = rateLimitRedisKey({ service }, rateLimitKey(bucket, 60));
    expect(await redis.pExpire(key, 20)).toBe(1);
    await eventually(async () => expect(await redis.exists(key)).toBe(0), 5_000, 20);
    expect(await limiter.consume(bucket, 1, 60)).toEqual({ allowed: true, remaining: 0, resetSeconds: 60 });
  });

  it('counts concurrent requests exactly', async () => {
    const limiter = app.get(RateLimiter);
    const bucket = `${run}:concurrent`;
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.consume(bucket, 5, 60)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(app.get(RateLimiter).consume(`${run}:bad`, 0, 60)).rejects.toThrow(RangeError);
    await expect(app.get(RateLimiter).consume(`${run}:bad`, 1, 0.5)).rejects.toThrow(RangeError);
  });
});

describe('@RateLimit', () => {
  it('answers the call beyond the limit with 429 RATE_LIMIT.EXCEEDED and Retry-After', async () => {
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await call(app, '/limited', 'a'));

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(responses.map((r) => r.headers['ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    expect(responses.every((r) => r.headers['ratelimit-limit'] === '3')).toBe(true);
    const refused = responses[3]!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-reset']).toBe(refused.headers['retry-after']);
  });

  it('leaves other buckets unaffected', async () => {
    for (let i = 0; i < 4; i++) await call(app, '/limited', 'b');
    const other = await call(app, '/limited', 'c');

    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('2');
  });

  it('reads a limit from the injected config', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, '/limited/configured', 'd')).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("applies the controller's rule to routes without their own", async () => {
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await call(app, '/limited/inherited', 'e')).statusCode);
    expect(statuses).toEqual([200, 429]);
  });

  it('refuses an idempotent retry beyond the limit without storing the 429 under its key', async () => {
    const key = `${run}-${randomUUID()}`;
    const first = await call(app, '/limited/created', 'f', 'POST', key);
    const second = await call(app, '/limited/created', 'f', 'POST', key);
    const freshBucket = await call(app, '/limited/created', 'g', 'POST', key);

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(429);
    // Once the caller is under its limit again, the retry replays the original result.
    expect(freshBucket.statusCode).toBe(201);
    expect(freshBucket.headers['idempotency-replayed']).toBe('true');
    expect(freshBucket.body).toBe(first.body);
  });
});

describe('with Redis unreachable', () => {
  it('counts in the replica’s memory instead: the limit still holds, rather than refusing every request or none', async () => {
    const downRedis = createRedisClient('redis://127.0.0.1:1', `${service}-down`);
    const downApp = await startApp(downRedis);
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(downApp, '/limited', 'h')).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await downApp.close();
      destroyRedisClient(downRedis);
    }
  });
});

describe('with Redis lost while the service runs', () => {
  const lost = redisBehindRelayFor(`${service}-lost`, startApp);

  it.each(REDIS_LOSSES)('given Redis %s, then each call is answered in time, the limit holds with Retry-After, and once Redis is back the shared counters are used again by themselves', async (_, mode) => {
    const bucket = `lost-${mode}`;
    await lost.relay.cut(mode);
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const response = await call(lost.subject, '/limited', bucket);
        answers.push({ status: response.statusCode, ms: Date.now() - started, retryAfter: response.headers['retry-after'] });
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
      // The first waits for the watch's PING (one or two intervals); the bound is the 2 s within which a lost dependency must answer.
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(2_500);
      expect(Number(answers[3]!.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(answers[3]!.retryAfter)).toBeLessThanOrEqual(60);
    } finally {
      await lost.relay.restore();
    }
    const shared = rateLimitRedisKey({ service }, rateLimitKey(`${run}:${bucket}-back`, 60));
    await eventually(async () => {
      expect((await call(lost.subject, '/limited', `${bucket}-back`)).statusCode).toBe(200);
      expect(await redis.exists(shared)).toBe(1);
    }, 15_000, 200);
  });
});
