import { Controller, Get, Inject } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo, Server, Socket, createServer, connect } from 'node:net';
import { DataSource } from 'typeorm';
import { createLogger } from '@cs/observability';
import { createServiceDataSource } from '@cs/persistence';
import { buildHttpTestApp, injectJson } from '@cs/testing';
import { LOGGER } from '../tokens';
import { ProblemDetailsFilter } from './problem.filter';

/**
 * Postgres lost while the service runs, as a client meets it: the service reaches Postgres
 * through a TCP relay the test then shuts, cutting open connections and refusing new ones.
 */
const DATA_SOURCE = 'probe data source';

@Controller('probe')
class ProbeController {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  @Get()
  async probe(): Promise<{ one: number }> {
    const [row] = (await this.db.query('SELECT 1 AS one')) as { one: number }[];
    return { one: row?.one ?? 0 };
  }
}

function relayTo(target: URL): Promise<{ server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, sockets })));
}

let relay: { server: Server; sockets: Set<Socket> };
let db: DataSource;
let app: NestFastifyApplication;

beforeAll(async () => {
  const admin = new URL(process.env['DATABASE_ADMIN_URL'] ?? '');
  relay = await relayTo(admin);
  const viaRelay = new URL(admin);
  viaRelay.hostname = '127.0.0.1';
  viaRelay.port = String((relay.server.address() as AddressInfo).port);
  db = createServiceDataSource({ url: viaRelay.toString(), schema: 'public' });
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
  relay?.server.close();
});

describe('a request while Postgres is unreachable', () => {
  it('is answered 200 while Postgres is there, then 503 problem+json with Retry-After within 2 s, never 500', async () => {
    expect((await injectJson(app, 'GET', '/probe')).status).toBe(200);

    relay.server.close();
    for (const socket of relay.sockets) socket.destroy();

    for (let attempt = 0; attempt < 2; attempt++) {
      const started = Date.now();
      const response = await injectJson(app, 'GET', '/probe');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({ status: 503, code: 'DEPENDENCY.UNAVAILABLE' });
    }
  });
});
