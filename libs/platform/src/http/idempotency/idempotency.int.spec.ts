import { randomUUID } from 'node:crypto';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  HttpCode,
  INestApplication,
  Injectable,
  Param,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { AuthenticatedRequest, PRINCIPAL } from '@cs/auth';
import { DomainError, presentProps } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { REDIS_LOSSES, buildHttpTestApp, closeServiceRedis, eventually, openServiceRedis, redisBehindRelayFor } from '@cs/testing';
import { ProblemDetailsFilter } from '../../problem/problem.filter';
import { LOGGER, REDIS } from '../../tokens';
import { IdempotencyRequired } from './idempotency.decorators';
import { idempotencyProviders } from './providers';
import { attachRouteInterceptors } from '../route-interceptors';

const run = randomUUID().slice(0, 8);
const service = `int-idem-${run}`;
const calls = { create: 0, slow: 0, invalid: 0, crash: 0, required: 0, patch: 0 };
let openGate: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();
let slowStarted: () => void = () => undefined;

/** Stands in for AuthGuard: `x-test-user` authenticates as that sub, no header means a public call. */
@Injectable()
class TestPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const sub = request.headers['x-test-user'];
    if (typeof sub === 'string') request[PRINCIPAL] = { sub, name: sub, roles: [], permissions: [] };
    return true;
  }
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown): { id: string; received: unknown } {
    calls.create++;
    return { id: randomUUID(), received: body };
  }

  @Post('slow')
  async slow(): Promise<{ id: string }> {
    calls.slow++;
    slowStarted();
    await gate;
    return { id: randomUUID() };
  }

  @Post('invalid')
  invalid(): never {
    calls.invalid++;
    throw new DomainError('THING.INVALID', 'invalid', `name is too short (attempt ${randomUUID()})`, 'name');
  }

  @Post('crash')
  crash(): never {
    calls.crash++;
    throw new Error('boom');
  }

  @Post('accepted')
  @HttpCode(202)
  accepted(@Res({ passthrough: true }) reply: FastifyReply): { id: string } {
    const id = randomUUID();
    void reply.header('location', `/things/${id}`).header('etag', `W/"${id}"`);
    return { id };
  }

  @Post('required')
  @IdempotencyRequired()
  required(): { id: string } {
    calls.required++;
    return { id: randomUUID() };
  }

  /** A public route whose path carries the caller's credential, as a questionnaire's link token does. */
  @Post('answers/:token')
  answer(@Param('token') token: string): { id: string } {
    if (token === 'forged') throw new DomainError('THING.LINK_INVALID', 'invalid', 'not a link this service gave', 'token');
    calls.create++;
    return { id: randomUUID() };
  }

  @Patch('patched')
  @IdempotencyRequired()
  patched(): { id: string } {
    calls.patch++;
    return { id: randomUUID() };
  }
}

function startApp(redis: RedisClient): Promise<NestFastifyApplication> {
  return buildHttpTestApp({
    controllers: [ThingsController],
    providers: [
      { provide: REDIS, useValue: redis },
      { provide: LOGGER, useValue: createLogger(service, 'silent') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: APP_GUARD, useClass: TestPrincipalGuard },
      ...idempotencyProviders({ service }),
    ],
    beforeCreate: attachRouteInterceptors,
  });
}

interface Call {
  readonly key?: string;
  readonly user?: string;
  readonly body?: Record<string, unknown>;
  readonly method?: 'POST' | 'PATCH';
  readonly headers?: Record<string, string>;
}

function send(app: INestApplication, url: string, call: Call = {}) {
  const headers: Record<string, string> = { ...call.headers };
  if (call.key !== undefined) headers['idempotency-key'] = call.key;
  if (call.user !== undefined) headers['x-test-user'] = call.user;
  return (app as NestFastifyApplication)
    .getHttpAdapter()
    .getInstance()
    .inject({ method: call.method ?? 'POST', url, headers, ...presentProps({ payload: call.body }) });
}

const newKey = () => `${run}-${randomUUID()}`;

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

describe('Idempotency-Key on POST', () => {
  it('replays the stored status and body without running the handler again', async () => {
    const before = calls.create;
    const key = newKey();
    const first = await send(app, '/things', { key, body: { name: 'tap' } });
    const second = await send(app, '/things', { key, body: { name: 'tap' } });

    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.body).toBe(first.body);
    expect(calls.create - before).toBe(1);
  });

  it('treats a body with its keys in another order as the same request', async () => {
    const key = newKey();
    const first = await send(app, '/things', { key, body: { a: 1, nested: { x: 1, y: 2 } } });
    const second = await send(app, '/things', { key, body: { nested: { y: 2, x: 1 }, a: 1 } });

    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
  });

  it('refuses the same key with a different body as 422 IDEMPOTENCY.KEY_REUSED', async () => {
    const before = calls.create;
    const key = newKey();
    await send(app, '/things', { key, body: { name: 'tap' } });
    const reused = await send(app, '/things', { key, body: { name: 'sink' } });

    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json()).toMatchObject({
      code: 'IDEMPOTENCY.KEY_REUSED',
      errors: [{ field: 'Idempotency-Key' }],
    });
    expect(calls.create - before).toBe(1);
  });

  it("refuses a user's key on another route as key reuse", async () => {
    const key = newKey();
    await send(app, '/things', { key, user: 'carol' });
    const elsewhere = await send(app, '/things/required', { key, user: 'carol' });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('answers a duplicate that arrives while the first is still running with 409, and runs the handler once', async () => {
    const before = calls.slow;
    const key = newKey();
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    gate = new Promise<void>((resolve) => (openGate = resolve));
    // If both requests wrongly reached the handler, neither would settle until the gate opens.
    const safety = setTimeout(() => openGate(), 10_000);

    const a = send(app, '/things/slow', { key, body: { n: 1 } });
    const b = send(app, '/things/slow', { key, body: { n: 1 } });
    await started;
    const firstSettled = await Promise.race([a, b]);
    expect(firstSettled.statusCode).toBe(409);
    expect(firstSettled.json()).toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });

    openGate();
    clearTimeout(safety);
    const statuses = (await Promise.all([a, b])).map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 409]);
    expect(calls.slow - before).toBe(1);

    const retry = await send(app, '/things/slow', { key, body: { n: 1 } });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(calls.slow - before).toBe(1);
  });

  it('replays a 4xx problem exactly as the exception filter first rendered it', async () => {
    const before = calls.invalid;
    const key = newKey();
    const first = await send(app, '/things/invalid', { key, body: { name: 'x' } });
    const second = await send(app, '/things/invalid', { key, body: { name: 'x' } });

    expect(first.statusCode).toBe(422);
    expect(first.json()).toMatchObject({ code: 'THING.INVALID', instance: '/things/invalid', errors: [{ field: 'name' }] });
    expect(second.statusCode).toBe(422);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    // The message carries a fresh UUID per run, so equality proves the body came from the store.
    expect(second.body).toBe(first.body);
    expect(calls.invalid - before).toBe(1);
  });

  it('forgets a key whose request failed with a 5xx, so the retry runs', async () => {
    const before = calls.crash;
    const key = newKey();
    const first = await send(app, '/things/crash', { key });
    const second = await send(app, '/things/crash', { key });

    expect(first.statusCode).toBe(500);
    expect(second.statusCode).toBe(500);
    expect(second.headers['idempotency-replayed']).toBeUndefined();
    expect(calls.crash - before).toBe(2);
  });

  it('replays the status a handler chose, its Location and its ETag', async () => {
    const key = newKey();
    const first = await send(app, '/things/accepted', { key });
    const second = await send(app, '/things/accepted', { key });

    expect(first.statusCode).toBe(202);
    expect(first.headers['location']).toBe(`/things/${first.json<{ id: string }>().id}`);
    expect(second.statusCode).toBe(202);
    expect(second.headers['location']).toBe(first.headers['location']);
    expect(second.headers['etag']).toBe(`W/"${first.json<{ id: string }>().id}"`);
    expect(second.body).toBe(first.body);
  });

  it('replays a 4xx in the language it was first answered in, with its Content-Language', async () => {
    const key = newKey();
    const asked = { key, body: { name: 'x' }, headers: { 'accept-language': 'zh-CN' } };
    const first = await send(app, '/things/invalid', asked);
    const second = await send(app, '/things/invalid', asked);
    expect(first.headers['content-language']).toBe('zh-CN');
    expect([second.headers['idempotency-replayed'], second.headers['content-language'], second.headers['vary']]).toEqual(['true', 'zh-CN', 'Accept-Language']);
    expect(second.body).toBe(first.body);
  });

  it('takes a retry with another If-Match or another access purpose for another request: refused as key reuse, never given the first answer', async () => {
    for (const [name, before, after] of [
      ['if-match', 'W/"3"', 'W/"7"'],
      ['x-access-purpose', '回电核实', ''],
    ] as const) {
      const key = newKey();
      await send(app, '/things', { key, body: { n: 1 }, headers: { [name]: before } });
      const retried = await send(app, '/things', { key, body: { n: 1 }, headers: after ? { [name]: after } : {} });
      expect([name, retried.statusCode, retried.json<{ code: string }>().code]).toEqual([name, 422, 'IDEMPOTENCY.KEY_REUSED']);
    }
  });

  it('runs the handler every time when no key is sent', async () => {
    const before = calls.create;
    const first = await send(app, '/things', { body: { name: 'tap' } });
    const second = await send(app, '/things', { body: { name: 'tap' } });

    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.headers['idempotency-replayed']).toBeUndefined();
    expect(first.json<{ id: string }>().id).not.toBe(second.json<{ id: string }>().id);
    expect(calls.create - before).toBe(2);
  });

  it('keeps the keys of different users, and of anonymous callers, apart', async () => {
    const before = calls.create;
    const key = newKey();
    const responses = [
      await send(app, '/things', { key, user: 'alice', body: { name: 'tap' } }),
      await send(app, '/things', { key, user: 'bob', body: { name: 'tap' } }),
      await send(app, '/things', { key, body: { name: 'tap' } }),
    ];

    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201]);
    expect(responses.every((response) => response.headers['idempotency-replayed'] === undefined)).toBe(true);
    expect(new Set(responses.map((response) => response.json<{ id: string }>().id)).size).toBe(3);
    expect(calls.create - before).toBe(3);

    const aliceAgain = await send(app, '/things', { key, user: 'alice', body: { name: 'tap' } });
    expect(aliceAgain.headers['idempotency-replayed']).toBe('true');
    expect(aliceAgain.body).toBe(responses[0]!.body);
  });

  it('keeps an anonymous caller’s keys by the path they called, so a refusal of a made-up link is not the answer to a real one under the same key', async () => {
    const key = 'answer-1';
    const forged = await send(app, '/things/answers/forged', { key, body: { score: 5 } });
    expect(forged.statusCode).toBe(422);
    const real = await send(app, `/things/answers/${run}-real`, { key, body: { score: 5 } });
    expect([real.statusCode, real.headers['idempotency-replayed']]).toEqual([201, undefined]);
    const again = await send(app, `/things/answers/${run}-real`, { key, body: { score: 5 } });
    expect([again.statusCode, again.headers['idempotency-replayed'], again.body]).toEqual([201, 'true', real.body]);
  });

  it('keeps in Redis neither the key, nor who sent it, nor the answer in clear', async () => {
    const key = newKey();
    const first = await send(app, '/things', { key, user: 'alice-13800138000', body: { name: '王小明', phone: '13800138000' } });
    const stored = await redis.keys(`idempotency:${service}:*`);
    const values = await Promise.all(stored.map((name) => redis.get(name)));
    const everything = [...stored, ...values].join('\n');
    for (const secret of [key, 'alice', '13800138000', '王小明', first.json<{ id: string }>().id]) {
      expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    }
    const replayed = await send(app, '/things', { key, user: 'alice-13800138000', body: { name: '王小明', phone: '13800138000' } });
    expect([replayed.headers['idempotency-replayed'], replayed.body]).toEqual(['true', first.body]);
  });

  it.each([
    ['with a space', 'two words'],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['empty', ''],
  ])('answers a key %s with 400 naming the header', async (_name, key) => {
    const before = calls.create;
    const response = await send(app, '/things', { key });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'Idempotency-Key' }] });
    expect(calls.create - before).toBe(0);
  });
});

describe('@IdempotencyRequired()', () => {
  it('answers 428 IDEMPOTENCY.KEY_REQUIRED without the header', async () => {
    const before = calls.required;
    const response = await send(app, '/things/required');

    expect(response.statusCode).toBe(428);
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REQUIRED' });
    expect(calls.required - before).toBe(0);
  });

  it('runs the route once with the header', async () => {
    const before = calls.required;
    const key = newKey();
    const first = await send(app, '/things/required', { key });
    const second = await send(app, '/things/required', { key });

    expect(first.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(calls.required - before).toBe(1);
  });

  it('opts a PATCH route into idempotency', async () => {
    const before = calls.patch;
    const key = newKey();
    const first = await send(app, '/things/patched', { key, method: 'PATCH', body: { a: 1 } });
    const second = await send(app, '/things/patched', { key, method: 'PATCH', body: { a: 1 } });

    expect(first.statusCode).toBe(200);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    expect(calls.patch - before).toBe(1);
  });
});

describe('with Redis unreachable', () => {
  let downRedis: RedisClient;
  let downApp: NestFastifyApplication;

  beforeAll(async () => {
    // Nothing listens on port 1; the client (like the platform's) refuses commands while disconnected.
    downRedis = createRedisClient('redis://127.0.0.1:1', `${service}-down`);
    downApp = await startApp(downRedis);
  });

  afterAll(async () => {
    await downApp.close();
    destroyRedisClient(downRedis);
  });

  it('fails closed with 503 IDEMPOTENCY.UNAVAILABLE for requests with a key', async () => {
    const before = calls.create;
    const response = await send(downApp, '/things', { key: newKey(), body: { name: 'tap' } });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'IDEMPOTENCY.UNAVAILABLE' });
    expect(calls.create - before).toBe(0);
  });

  it('leaves requests without a key alone', async () => {
    const response = await send(downApp, '/things', { body: { name: 'tap' } });
    expect(response.statusCode).toBe(201);
  });
});

describe('with Redis lost while the service runs', () => {
  const lost = redisBehindRelayFor(`${service}-lost`, startApp);

  it.each(REDIS_LOSSES)('given Redis %s, then a request with a key is 503 IDEMPOTENCY.UNAVAILABLE with Retry-After in time and not run, one without is served, and once Redis is back a keyed request runs and is replayed', async (_, mode) => {
    const before = calls.create;
    await lost.relay.cut(mode);
    try {
      const started = Date.now();
      const keyed = await send(lost.subject, '/things', { key: newKey(), body: { name: 'tap' } });
      // One or two of the watch's PINGs; the bound is the 2 s within which a lost dependency must answer.
      expect(Date.now() - started).toBeLessThan(2_500);
      expect([keyed.statusCode, keyed.json<{ code: string }>().code, Number(keyed.headers['retry-after']) > 0]).toEqual([503, 'IDEMPOTENCY.UNAVAILABLE', true]);
      expect(calls.create).toBe(before);
      expect((await send(lost.subject, '/things', { body: { name: 'tap' } })).statusCode).toBe(201);
    } finally {
      await lost.relay.restore();
    }
    const key = newKey();
    const first = await eventually(async () => {
      const response = await send(lost.subject, '/things', { key, body: { name: 'tap' } });
      expect(response.statusCode).toBe(201);
      return response;
    }, 15_000, 200);
    const replayed = await send(lost.subject, '/things', { key, body: { name: 'tap' } });
    expect([replayed.headers['idempotency-replayed'], replayed.body]).toEqual(['true', first.body]);
  });
});
