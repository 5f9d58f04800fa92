import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { createValidationPipe, installRequestInput } from '@cs/platform';
import { ThrowawaySchema, buildHttpTestApp, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { aTicket } from '../testing/fixtures';
import { ticketRouteProviders } from '../testing/ticket-route-providers';
import { TicketPresenceController } from './ticket-presence.controller';

/** A presence stream still reading its ticket when shutdown closes the others, over a real socket. */

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;
let ticketId: string;
const run = randomUUID().slice(0, 8);
const clients = new AbortController();

beforeAll(async () => {
  db = await throwawaySchema('tickets_presence_at_shutdown', MIGRATIONS);
  redis = createRedisClient(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', 'tickets-presence-at-shutdown');
  await redis.connect();
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [TicketPresenceController],
    providers: ticketRouteProviders(db, redis, 'presence-shutdown'),
    pipes: [createValidationPipe()],
    configure: installRequestInput,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const ticket = aTicket();
  await new TicketRepository().insert(db.dataSource.manager, ticket, undefined);
  ticketId = ticket.id;
});

afterAll(async () => {
  // A stream the service left open would keep the server, and the suite, waiting.
  clients.abort();
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

describe('a presence stream opening as the service shuts down', () => {
  it('given a stream still reading its ticket when shutdown closed the others, when that read returns, then the stream is closed and shutdown completes', async () => {
    const { port } = app.getHttpServer().address() as { port: number };
    const bearer = await signDevToken({ roles: 'agent', sub: `agent-li-${run}`, name: '李客服', projects: ['P001'] }, DEV_JWT_SECRET);
    const watch = () => fetch(`http://127.0.0.1:${port}/v1/tickets/${ticketId}/presence/stream`, { headers: { authorization: `Bearer ${bearer}` }, signal: clients.signal });
    const open = await watch();
    const tickets = app.get(TicketRepository);
    const find = tickets.find.bind(tickets);
    let reading!: () => void;
    const held = new Promise<void>((resolve) => (reading = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(tickets, 'find').mockImplementation(async (manager, id) => {
      reading();
      await released;
      return find(manager, id);
    });
    const late = watch();
    await held;

    const shutdown = app.close();
    await open.text();
    release();

    const lateStream = await late;
    expect(lateStream.status).toBe(200);
    await lateStream.text();
    await shutdown;
  }, 60_000);
});
