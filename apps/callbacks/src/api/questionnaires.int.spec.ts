import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET } from '@cs/auth';
import { loadServiceConfig } from '@cs/config';
import { OutboxWriter } from '@cs/messaging';
import { ServiceMetrics, createLogger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import {
  LOGGER,
  ProblemDetailsFilter,
  REDIS,
  SERVICE_CONFIG,
  attachRouteInterceptors,
  createValidationPipe,
  idempotencyProviders,
  installMethodNotAllowed,
  installRequestHooks,
  rateLimitProviders,
  serviceHttpAdapter,
} from '@cs/platform';
import { Browser, chromium } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { TcpRelay, ThrowawaySchema, adminUrl, buildHttpTestApp, closeServiceRedis, eventually, openServiceRedis, redisBehindRelay, testDataSource, throwawaySchema } from '@cs/testing';
import { AnswerQuestionnaire } from '../application/answer-questionnaire';
import { CallbackWriter } from '../application/callback-writer';
import { CallbackTimerRepository } from '../infrastructure/callback-timer.repository';
import { CallbackRepository } from '../infrastructure/callback.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { MissedCallbacksRepository } from '../infrastructure/missed-callbacks.repository';
import { QuestionnaireLinks } from '../infrastructure/questionnaire-links';
import { QuestionnaireRouterRefusals } from './questionnaire-router-refusals';
import { QuestionnairesController } from './questionnaires.controller';

/** The Redis keys of this run's counters are named by it, so runs never share a counter. */
const service = `int-questionnaires-${randomUUID().slice(0, 8)}`;

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;
const apps: NestFastifyApplication[] = [];

/** What the apps of this file log, a line each: the request log among it. */
let logged = '';
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logged += chunk.toString();
    done();
  },
});
const logger = createLogger('callbacks', 'info', logStream);
const metrics = new ServiceMetrics('callbacks');

/**
 * The questionnaire routes limited to 3 requests a minute, on the HTTP server the service runs on,
 * behind `trustedProxyHops` proxies, reading Postgres through `dataSource` (the schema's own by default)
 * and counting in `counters` (the shared Redis by default).
 */
async function questionnaireApp(trustedProxyHops: number, dataSource: DataSource = db.dataSource, counters: RedisClient = redis): Promise<NestFastifyApplication> {
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
      { provide: REDIS, useValue: counters },
      { provide: LOGGER, useValue: logger },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: AnswerQuestionnaire, useValue: new AnswerQuestionnaire(dataSource, links, callbacks, writer) },
      QuestionnaireRouterRefusals,
      ...rateLimitProviders({ service }),
      ...idempotencyProviders({ service }),
    ],
    pipes: [createValidationPipe()],
    // As createServiceApp installs them: each request logged as it completes, and a method no route of the path takes 405 before the router answers.
    configure: (built) => {
      installRequestHooks(built.getHttpAdapter().getInstance(), logger, metrics);
      installMethodNotAllowed(built.getHttpAdapter().getInstance());
    },
    beforeCreate: attachRouteInterceptors,
  });
  apps.push(built);
  return built;
}

beforeAll(async () => {
  db = await throwawaySchema('callbacks_questionnaires_http', MIGRATIONS);
  redis = await openServiceRedis(service);
  // As compose runs it: clients reach the service directly.
  app = await questionnaireApp(0);
});

afterAll(async () => {
  for (const built of apps) await built.close();
  await closeServiceRedis(redis, service);
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

describe('the public questionnaire’s rate limit with Redis lost', () => {
  it('Given Redis lost while the service runs, When one address asks a fourth time in a minute, Then it is still 429 with Retry-After (counted by the replica alone, ADR 0152), another address is still answered, and once Redis is back the counters are shared again', async () => {
    const lost = await redisBehindRelay(`${service}-lost`);
    const { relay } = lost;
    try {
      const limited = await questionnaireApp(0, db.dataSource, lost.client);
      const from = (address: string) => limited.inject({ method: 'GET', url: UNSIGNED, remoteAddress: address });
      const [one, other, later] = ['198.51.100.21', '198.51.100.22', '198.51.100.23'];
      await relay.cut('refuse');
      try {
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push(await from(one));
        expect(answers.map((r) => r.statusCode)).toEqual([404, 404, 404, 429]);
        expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
        expect((await from(other)).statusCode).toBe(404);
      } finally {
        await relay.restore();
      }
      await eventually(async () => {
        expect((await from(later)).statusCode).toBe(404);
        expect(await redis.keys(`ratelimit:${service}:*${encodeURIComponent(later)}*`)).toHaveLength(1);
      }, 15_000, 200);
    } finally {
      await lost.close();
    }
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

/** What Chromium sends when the customer opens the link. */
const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const PROBLEM = /^application\/problem\+json/;
const PAGE = /^text\/html/;

describe('the questionnaire link’s refusals, as the customer’s phone and as an API client get them', () => {
  const open = (url: string, address: string, accept?: string) => app.inject({ method: 'GET', url, remoteAddress: address, headers: accept === undefined ? {} : { accept } });

  it('Given one address past its limit, When a browser opens the link, Then it is 429 with Retry-After as a zh-CN page saying to try again later, and problem+json to a client asking for it', async () => {
    const address = '198.51.100.40';
    for (let i = 0; i < 3; i += 1) expect((await open(UNSIGNED, address, NAVIGATION)).statusCode).toBe(404);

    const page = await open(UNSIGNED, address, NAVIGATION);
    expect([page.statusCode, page.headers['content-type']]).toEqual([429, expect.stringMatching(PAGE)]);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['vary']).toContain('Accept');
    expect(page.body).toContain('lang="zh-CN"');
    expect(page.body).toMatch(/访问过于频繁，请约 \d+ 秒后刷新本页面。/);

    for (const accept of ['application/problem+json', 'application/json']) {
      const problem = await open(UNSIGNED, address, accept);
      expect([problem.statusCode, problem.headers['content-type']]).toEqual([429, expect.stringMatching(PROBLEM)]);
      expect(problem.json()).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED' });
      expect(Number(problem.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('Given a token longer than any link this service signs, When a browser opens it, Then it is 400 as the page saying the link is invalid, and problem+json naming `token` to a client asking for it', async () => {
    const url = `/v1/questionnaires/${'a'.repeat(401)}`;
    const page = await open(url, '198.51.100.41', NAVIGATION);
    expect([page.statusCode, page.headers['content-type']]).toEqual([400, expect.stringMatching(PAGE)]);
    expect(page.body).toContain('该问卷链接无效。');

    const problem = await open(url, '198.51.100.41', 'application/problem+json');
    expect([problem.statusCode, problem.headers['content-type']]).toEqual([400, expect.stringMatching(PROBLEM)]);
    expect(problem.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'token', code: 'too_long' }] });
  });

  it('Given an unknown link, When it is opened with no Accept or by a browser, Then it is the 404 page as before, and problem+json QUESTIONNAIRE.NOT_FOUND to a client asking for JSON', async () => {
    for (const accept of [undefined, '*/*', NAVIGATION]) {
      const page = await open(UNSIGNED, '198.51.100.42', accept);
      expect([page.statusCode, page.headers['content-type']]).toEqual([404, expect.stringMatching(PAGE)]);
      expect(page.body).toContain('该问卷链接无效。');
    }
    const problem = await open(UNSIGNED, '198.51.100.43', 'application/json');
    expect([problem.statusCode, problem.headers['content-type'], problem.json<{ code: string }>().code]).toEqual([404, expect.stringMatching(PROBLEM), 'QUESTIONNAIRE.NOT_FOUND']);
  });

  describe('refused by the router before the route runs (a link mangled on its way: cut, escaped twice, run into the next word)', () => {
    const REFUSED: readonly { what: string; url: string; status: number; code: string }[] = [
      { what: 'a token past the router’s 1,024 characters', url: `/v1/questionnaires/${'a'.repeat(1025)}`, status: 414, code: 'REQUEST.PATH_TOO_LONG' },
      { what: 'a malformed percent-escape', url: '/v1/questionnaires/%E0%A4%A', status: 400, code: 'REQUEST.BAD_URL' },
      { what: 'no token', url: '/v1/questionnaires', status: 404, code: 'HTTP.NOT_FOUND' },
      { what: 'a segment after the token', url: `${UNSIGNED}/extra`, status: 404, code: 'HTTP.NOT_FOUND' },
      { what: 'a slash after the token', url: `${UNSIGNED}/`, status: 404, code: 'HTTP.NOT_FOUND' },
    ];

    it.each(REFUSED)('Given $what, When a browser opens it, Then it is $status as the zh-CN page saying the link is invalid, with Vary: Accept', async ({ url, status }) => {
      const page = await open(url, '198.51.100.45', NAVIGATION);
      expect([page.statusCode, page.headers['content-type']]).toEqual([status, expect.stringMatching(PAGE)]);
      expect(page.headers['vary']).toContain('Accept');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).toContain('lang="zh-CN"');
      expect(page.body).toContain('该问卷链接无效。');
    });

    it.each(REFUSED)('Given $what, When a client asking for JSON opens it, Then it is $status problem+json $code, the token never echoed', async ({ url, status, code }) => {
      const problem = await open(url, '198.51.100.46', 'application/json');
      expect([problem.statusCode, problem.headers['content-type']]).toEqual([status, expect.stringMatching(PROBLEM)]);
      expect(problem.headers['vary']).toContain('Accept');
      expect(problem.json()).toMatchObject({ status, code });
      expect(problem.body).not.toContain(UNSIGNED.split('/').pop());
    });

    const TOKEN = UNSIGNED.split('/').pop()!;
    it.each([
      ['a slash doubled after the prefix', `/v1/questionnaires//${TOKEN}`],
      ['another case', `/V1/Questionnaires/${TOKEN}`],
      ['an escaped slash', `/v1/questionnaires%2F${TOKEN}`],
      ['a `;` for the slash', `/v1/questionnaires;${TOKEN}`],
      ['a malformed escape, in another case', `/v1/QUESTIONNAIRES/${TOKEN}%E0%A4%A`],
    ])('Given a link mangled so (%s), When a client asking for JSON opens it, Then its refusal never echoes the token, in detail or instance', async (_, url) => {
      const problem = await open(url, '198.51.100.49', 'application/json');
      expect([problem.statusCode >= 400 && problem.statusCode < 500, problem.headers['content-type']]).toEqual([true, expect.stringMatching(PROBLEM)]);
      expect(problem.body).not.toContain(TOKEN);
    });

    it('Given a segment after the token, When it is POSTed (only the page’s script posts, and reads JSON), Then it is 404 problem+json whatever Accept says', async () => {
      const answer = await app.inject({ method: 'POST', url: `${UNSIGNED}/extra`, remoteAddress: '198.51.100.47', payload: { satisfaction: 'satisfied' } });
      expect([answer.statusCode, answer.headers['content-type']]).toEqual([404, expect.stringMatching(PROBLEM)]);
    });

    it.each<[string, number]>([
      ['/v1/questionnairesx', 404],
      ['/v1/callbacks/%E0%A4%A', 400],
    ])('Given %s, outside the questionnaire’s path, When a browser opens it, Then it is %p problem+json as before, not negotiated on Accept', async (url, status) => {
      const problem = await open(url, '198.51.100.48', NAVIGATION);
      expect([problem.statusCode, problem.headers['content-type']]).toEqual([status, expect.stringMatching(PROBLEM)]);
      expect(String(problem.headers['vary'] ?? '').split(/,\s*/)).not.toContain('Accept');
    });
  });

  it('Given Postgres lost, When a browser opens a valid link, Then it is 503 with Retry-After as a page saying to try again shortly, and problem+json DEPENDENCY.UNAVAILABLE to a client asking for it', async () => {
    const relay = await TcpRelay.to(adminUrl());
    const lost = await testDataSource({ url: relay.via(adminUrl()), schema: db.schema, queryTimeoutMs: 1_000 }).initialize();
    try {
      const unreachable = await questionnaireApp(0, lost);
      const url = `/v1/questionnaires/${new QuestionnaireLinks(loadServiceConfig('callbacks', { NODE_ENV: 'test' })).mint(randomUUID(), new Date()).token}`;
      await relay.cut('refuse');
      const page = await unreachable.inject({ method: 'GET', url, remoteAddress: '198.51.100.44', headers: { accept: NAVIGATION } });
      expect([page.statusCode, page.headers['content-type'], page.headers['retry-after']]).toEqual([503, expect.stringMatching(PAGE), '5']);
      expect(page.body).toContain('系统繁忙，请约 5 秒后刷新本页面。');

      const problem = await unreachable.inject({ method: 'GET', url, remoteAddress: '198.51.100.44', headers: { accept: 'application/problem+json' } });
      expect([problem.statusCode, problem.headers['content-type'], problem.headers['retry-after']]).toEqual([503, expect.stringMatching(PROBLEM), '5']);
      expect(problem.json()).toMatchObject({ code: 'DEPENDENCY.UNAVAILABLE' });
    } finally {
      await lost.destroy().catch(() => undefined);
      await relay.close();
    }
  });

  describe('in headless Chromium, as the customer opens the link', () => {
    let browser: Browser;
    let port: number;
    beforeAll(async () => {
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.getHttpServer().address() as AddressInfo).port;
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('past the limit, the customer is shown the page saying to try again later, not JSON', async () => {
      const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const answers: { status: number; type: string | undefined }[] = [];
      for (let i = 0; i < 4; i += 1) {
        const answer = await tab.goto(`http://127.0.0.1:${port}${UNSIGNED}`);
        answers.push({ status: answer?.status() ?? 0, type: answer?.headers()['content-type'] });
      }
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 429]);
      expect(answers[3]!.type).toMatch(PAGE);
      // What the tab shows: the page's heading and message, where a JSON answer shows its text.
      expect(await tab.locator('h1').allTextContents()).toEqual(['服务回访问卷']);
      expect(await tab.locator('.msg').allTextContents()).toEqual([expect.stringMatching(/^访问过于频繁，请约 \d+ 秒后刷新本页面。$/)]);
      await tab.close();
    });

    it('a link with a dot segment, which the browser takes out before sending it, is refused without its token shown or logged', async () => {
      const token = new QuestionnaireLinks(loadServiceConfig('callbacks', { NODE_ENV: 'test' })).mint(randomUUID(), new Date()).token;
      const claim = token.split('.')[0]!;
      const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const answer = await tab.goto(`http://127.0.0.1:${port}/v1/questionnaires/../${token}`);
      expect([answer?.status(), new URL(answer!.url()).pathname]).toEqual([404, `/v1/${token}`]);
      expect(await answer!.text()).not.toContain(claim);
      await eventually(() => expect(logged).toContain(`"url":"/v1/***"`));
      expect(logged).not.toContain(claim);
      await tab.close();
    });

    it('a link whose percent-escape was mangled on its way, the customer is shown the page saying the link is invalid, not JSON', async () => {
      const tab = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const answer = await tab.goto(`http://127.0.0.1:${port}/v1/questionnaires/%E0%A4%A`);
      expect([answer?.status(), answer?.headers()['content-type']]).toEqual([400, expect.stringMatching(PAGE)]);
      expect(await tab.locator('h1').allTextContents()).toEqual(['服务回访问卷']);
      expect(await tab.locator('.msg').allTextContents()).toEqual(['该问卷链接无效。']);
      await tab.close();
    });
  });
});

describe('a questionnaire token arriving under another path (a browser sends /v1/questionnaires/../<token> as /v1/<token>)', () => {
  const token = new QuestionnaireLinks(loadServiceConfig('callbacks', { NODE_ENV: 'test' })).mint(randomUUID(), new Date()).token;
  const [claim = '', signature = ''] = token.split('.');
  const requestLogOf = (requestId: string): Record<string, unknown> | undefined =>
    logged
      .split('\n')
      .filter((line) => line.includes(requestId))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['msg'] === 'request completed');

  it.each([
    ['one dot segment taken out', `/v1/${token}`, '/v1/***'],
    ['two dot segments taken out', `/${token}`, '/***'],
    ['under another of the service’s paths', `/v1/callbacks/${token}`, '/v1/callbacks/***'],
    ['its dot escaped, which the router would decode', `/v1/${claim}%2E${signature}`, '/v1/***'],
    ['its dot escaped twice, by a mail client', `/v1/${claim}%252E${signature}`, '/v1/***'],
    ['run into the words around it', `/v1/see${token}thanks`, '/v1/***'],
    ['cut short by an SMS', `/v1/${claim}.${signature.slice(0, 9)}`, '/v1/***'],
    ['in the query', `/v1/?ref=${token}`, '/v1/?ref=***'],
  ])('Given a token (%s), When it is opened, Then the 404 names the path with the token masked in detail and instance, and the request’s log line does too', async (_, url, masked) => {
    for (const accept of ['application/problem+json', NAVIGATION]) {
      const refused = await app.inject({ method: 'GET', url, remoteAddress: '198.51.100.60', headers: { accept } });
      expect([refused.statusCode, refused.headers['content-type']]).toEqual([404, expect.stringMatching(PROBLEM)]);
      expect(refused.json()).toMatchObject({ code: 'HTTP.NOT_FOUND', instance: masked, detail: `Cannot GET ${masked}` });
      expect(refused.body).not.toContain(claim);
      const requestId = String(refused.headers['x-request-id']);
      await eventually(() => expect(requestLogOf(requestId)).toMatchObject({ url: masked, status: 404 }));
      expect(JSON.stringify(requestLogOf(requestId))).not.toContain(claim);
    }
    expect(logged).not.toContain(claim);
  });
});
