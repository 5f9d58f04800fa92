import { Controller, Get, Inject } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createLogger } from '@cs/observability';
import { DEFAULT_CONNECT_TIMEOUT_MS, createServiceDataSource } from '@cs/persistence';
import { RelayCut, TcpRelay, adminUrl, buildHttpTestApp, injectJson, waitingForThePoolAtMost } from '@cs/testing';
import { LOGGER } from '../tokens';
import { ProblemDetailsFilter } from './problem.filter';

/**
 * Postgres lost while the service runs, as a client meets it: the service reaches Postgres
 * through a TCP relay the test then cuts, resetting open connections and refusing new ones (a
 * stopped server), never answering them (a host gone silent), or stalling the open ones too (a
 * frozen host), and then restores.
 */
const DATA_SOURCE = 'probe data source';
/**
 * How long the pool waits for a connection to open while Postgres is there: the services' 1 s, which
 * a loaded machine can miss, is the bound only while the relay is cut, where the 503 in 2 s rests on it.
 */
const OPENING_MS = 10_000;

@Controller('probe')
class ProbeController {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  @Get()
  async probe(): Promise<{ one: number }> {
    const [row] = (await this.db.query('SELECT 1 AS one')) as { one: number }[];
    return { one: row?.one ?? 0 };
  }
}

let relay: TcpRelay;
let db: DataSource;
let app: NestFastifyApplication;

beforeAll(async () => {
  relay = await TcpRelay.to(adminUrl());
  db = createServiceDataSource({ url: relay.via(adminUrl()), schema: 'public', queryTimeoutMs: 1_000, connectTimeoutMs: OPENING_MS });
  await db.initialize();
  app = await buildHttpTestApp({
    controllers: [ProbeController],
    providers: [
      { provide: DATA_SOURCE, useValue: db },
      { provide: LOGGER, useValue: createLogger('probe', 'silent') },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    ],
  });
});

afterAll(async () => {
  await app?.close();
  await db?.destroy().catch(() => undefined);
  await relay?.close();
});

async function expectQuick503(): Promise<void> {
  const started = Date.now();
  const response = await injectJson(app, 'GET', '/probe');
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.body).toMatchObject({ status: 503, code: 'DEPENDENCY.UNAVAILABLE' });
}

describe('a request while Postgres is unreachable', () => {
  // Blackhole: Postgres' host stops answering, and only opening a connection giving up (DATABASE_CONNECT_TIMEOUT_MS) ends the wait.
  // Frozen: the pool's open connections stop answering too, and only the statement's own limit (DATABASE_QUERY_TIMEOUT_MS) ends it.
  it.each<[string, RelayCut]>([
    ['stopped', 'refuse'],
    ['silent', 'blackhole'],
    ['frozen with its connections open', 'freeze'],
  ])('%s, is answered 503 problem+json with Retry-After within 2 s, never 500, and 200 again once it is back', async (_, mode) => {
    expect((await injectJson(app, 'GET', '/probe')).status).toBe(200);
    waitingForThePoolAtMost(db, DEFAULT_CONNECT_TIMEOUT_MS);
    await relay.cut(mode);
    for (let attempt = 0; attempt < 2; attempt++) await expectQuick503();
    await relay.restore();
    // Back, the first request opens a connection anew: it is answered 200, not after a retry.
    waitingForThePoolAtMost(db, OPENING_MS);
    expect((await injectJson(app, 'GET', '/probe')).status).toBe(200);
  });
});
