import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { createValidationPipe, installRequestInput } from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, eventually, throwawaySchema } from '@cs/testing';
import { TicketPresence } from '../application/ticket-presence';
import { MIGRATIONS } from '../infrastructure/migrations';
import { PresenceStore } from '../infrastructure/presence-store';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { aTicket } from '../testing/fixtures';
import { ticketRouteProviders } from '../testing/ticket-route-providers';
import { TicketPresenceController } from './ticket-presence.controller';
import { TicketsController } from './tickets.controller';

interface PresenceEntry {
  userId: string;
  name: string;
  mode: string;
  since: string;
}

let db: ThrowawaySchema;
const run = randomUUID().slice(0, 8);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The ticket read and presence routes with the platform's real auth and problem filter, on a Redis that is up or not. */
async function presenceApp(redis: RedisClient): Promise<NestFastifyApplication> {
  return buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [TicketsController, TicketPresenceController],
    providers: ticketRouteProviders(db, redis, 'presence'),
    pipes: [createValidationPipe()],
    configure: installRequestInput,
  });
}

let app: NestFastifyApplication;
let redis: RedisClient;
let ticketId: string;

const token = (sub: string, name: string, projects = ['P001']) => signDevToken({ roles: 'agent', sub, name, projects }, DEV_JWT_SECRET);
const li = () => token(`agent-li-${run}`, '李客服');
const wang = () => token(`agent-wang-${run}`, '王客服');

async function call(target: NestFastifyApplication, method: 'GET' | 'PUT' | 'DELETE', url: string, bearer: string, body?: object) {
  const response = await target.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : {}) as Record<string, unknown> };
}

const presenceOf = async (bearer: string) => (await call(app, 'GET', `/v1/tickets/${ticketId}`, bearer)).body['presence'] as PresenceEntry[];

beforeAll(async () => {
  db = await throwawaySchema('tickets_presence', MIGRATIONS);
  redis = createRedisClient(redisUrl, 'tickets-presence-test');
  await redis.connect();
  app = await presenceApp(redis);
  const ticket = aTicket();
  await new TicketRepository().insert(db.dataSource.manager, ticket, undefined);
  ticketId = ticket.id;
});

afterAll(async () => {
  await app?.close();
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

describe('who is on a ticket (协同提示)', () => {
  it('given two agents opening one ticket, when each reads it, then each sees the other and never themselves', async () => {
    const first = await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await li(), { mode: 'viewing' });
    expect(first).toMatchObject({ status: 200, body: { presence: [], ttlSeconds: 30 } });
    const second = await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await wang(), { mode: 'editing' });
    expect((second.body['presence'] as PresenceEntry[]).map((p) => [p.name, p.mode])).toEqual([['李客服', 'viewing']]);

    expect((await presenceOf(await li())).map((p) => [p.userId, p.name, p.mode])).toEqual([[`agent-wang-${run}`, '王客服', 'editing']]);
    expect((await presenceOf(await wang())).map((p) => [p.userId, p.name, p.mode])).toEqual([[`agent-li-${run}`, '李客服', 'viewing']]);
  });

  it('given one leaves, when the other reads, then they are alone', async () => {
    expect((await call(app, 'DELETE', `/v1/tickets/${ticketId}/presence`, await wang())).status).toBe(204);
    expect(await presenceOf(await li())).toEqual([]);
  });

  it('given an agent whose desk sends the ticket’s id in capitals, when they announce themselves, then the others see them, and they leave the same way', async () => {
    const shouting = `/v1/tickets/${ticketId.toUpperCase()}/presence`;
    expect((await call(app, 'PUT', shouting, await wang(), { mode: 'editing' })).status).toBe(200);
    expect((await presenceOf(await li())).map((p) => [p.name, p.mode])).toEqual([['王客服', 'editing']]);
    const seenByLi = (await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await li(), { mode: 'viewing' })).body['presence'] as PresenceEntry[];
    expect(seenByLi.map((p) => p.name)).toEqual(['王客服']);
    expect((await call(app, 'GET', `/v1/tickets/${ticketId.toUpperCase()}`, await wang())).body['presence']).toMatchObject([{ name: '李客服' }]);

    expect((await call(app, 'DELETE', shouting, await wang())).status).toBe(204);
    expect((await call(app, 'DELETE', `/v1/tickets/${ticketId}/presence`, await li())).status).toBe(204);
    expect(await presenceOf(await li())).toEqual([]);
  });

  it('given another agent whose entry had lapsed and who beats again while a heartbeat is between its read and its write, then that agent stays on the list', async () => {
    const wangId = `agent-wang-${run}`;
    const longAgo = new Date(Date.now() - 60_000);
    await app.get(TicketPresence).heartbeat(ticketId, { sub: wangId, roles: ['agent'], projects: ['P001'] }, '王客服', 'viewing', longAgo);
    const store = app.get(PresenceStore);
    const read = store.read.bind(store);
    const interleaved = jest.spyOn(store, 'read').mockImplementationOnce(async (id) => {
      const before = await read(id);
      expect((await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await wang(), { mode: 'viewing' })).status).toBe(200);
      return before;
    });
    try {
      expect((await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await li(), { mode: 'viewing' })).status).toBe(200);
    } finally {
      interleaved.mockRestore();
    }
    expect((await presenceOf(await li())).map((p) => p.userId)).toEqual([wangId]);

    expect((await call(app, 'DELETE', `/v1/tickets/${ticketId}/presence`, await wang())).status).toBe(204);
    expect((await call(app, 'DELETE', `/v1/tickets/${ticketId}/presence`, await li())).status).toBe(204);
  });

  it('given an agent of another project, when they announce themselves on the ticket, then it is 404 and nobody sees them', async () => {
    const outsider = await token(`agent-x-${run}`, '外人', ['P009']);
    expect((await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, outsider, { mode: 'viewing' })).status).toBe(404);
    expect(await presenceOf(await li())).toEqual([]);
  });

  it('given a mode that is not one, then it is 400 naming mode', async () => {
    const response = await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await li(), { mode: 'typing' });
    expect(response).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'mode' })] } });
  });

  it('given a live stream, when someone arrives, then the stream says who and in which mode', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${address.port}/v1/tickets/${ticketId}/presence/stream`, {
      headers: { authorization: `Bearer ${await li()}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const received = (pattern: RegExp) =>
      eventually(async () => {
        const chunk = await reader.read();
        text += new TextDecoder().decode(chunk.value ?? new Uint8Array());
        expect(text).toMatch(pattern);
      });
    await received(/event: presence\ndata: \{"ticketId":"[^"]+","presence":\[\]\}/);
    await call(app, 'PUT', `/v1/tickets/${ticketId}/presence`, await wang(), { mode: 'editing' });
    await received(/"name":"王客服","mode":"editing"/);
    controller.abort();
  });

  it('given a handler and an agent watching a ticket of the handler’s department, when the ticket is dispatched to another, then the next check closes the handler’s stream alone and their watching again is 404', async () => {
    const dispatched = aTicket({ department: `plumbing-${run}` });
    await new TicketRepository().insert(db.dataSource.manager, dispatched, undefined);
    const handler = await signDevToken({ roles: 'handler', sub: `handler-zhao-${run}`, name: '赵师傅', projects: ['P001'], department: `plumbing-${run}` }, DEV_JWT_SECRET);
    const address = app.getHttpServer().address() as { port: number };
    const watch = (bearer: string) => fetch(`http://127.0.0.1:${address.port}/v1/tickets/${dispatched.id}/presence/stream`, { headers: { authorization: `Bearer ${bearer}` } });
    const handlersStream = await watch(handler);
    const agentsStream = await watch(await wang());
    expect([handlersStream.status, agentsStream.status]).toEqual([200, 200]);

    await db.dataSource.query(`UPDATE ${db.schema}.tickets SET department = 'electrical' WHERE id = $1`, [dispatched.id]);
    await app.get(TicketPresence).recheckVisibility();

    const handlersReader = handlersStream.body!.getReader();
    await eventually(async () => expect((await handlersReader.read()).done).toBe(true));
    expect((await watch(handler)).status).toBe(404);

    const agentsReader = agentsStream.body!.getReader();
    let text = '';
    await call(app, 'PUT', `/v1/tickets/${dispatched.id}/presence`, await li(), { mode: 'viewing' });
    await eventually(async () => {
      const chunk = await agentsReader.read();
      expect(chunk.done).toBe(false);
      text += new TextDecoder().decode(chunk.value ?? new Uint8Array());
      expect(text).toMatch(/"name":"李客服"/);
    });
    await agentsReader.cancel();
  });
});

describe('without Redis', () => {
  let degraded: NestFastifyApplication;
  let deadRedis: RedisClient;

  beforeAll(async () => {
    deadRedis = createRedisClient('redis://127.0.0.1:1', 'tickets-presence-down');
    degraded = await presenceApp(deadRedis);
  });

  afterAll(async () => {
    await degraded?.close();
    destroyRedisClient(deadRedis);
  });

  it('given Redis is down, when the ticket is read, then it is 200 with nobody present', async () => {
    const response = await call(degraded, 'GET', `/v1/tickets/${ticketId}`, await li());
    expect(response).toMatchObject({ status: 200, body: { id: ticketId, presence: [] } });
  });

  it('given Redis is down, when someone announces themselves, then it is 503 DEPENDENCY.UNAVAILABLE', async () => {
    const response = await call(degraded, 'PUT', `/v1/tickets/${ticketId}/presence`, await li(), { mode: 'viewing' });
    expect(response).toMatchObject({ status: 503, body: { code: 'DEPENDENCY.UNAVAILABLE' } });
  });
});
