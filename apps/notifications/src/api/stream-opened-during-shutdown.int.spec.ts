import { Agent, type Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { RedisClient, destroyRedisClient } from '@cs/persistence';
import { ThrowawaySchema, eventually, openServiceRedis, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { EventStreamReader } from '../testing/event-stream-reader';
import { notificationsHttpApp } from '../testing/notifications-http-app';

/** A stream still finding where it resumes from when shutdown closes the others, over a real socket. */

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;
const readers: EventStreamReader[] = [];
/** Keeps a connection whose response ended for the next request, with no idle limit of its own: as a browser or the ingress does. */
const keeping = new Agent({ keepAlive: true });

beforeAll(async () => {
  db = await throwawaySchema('notifications_stream_at_shutdown', MIGRATIONS);
  redis = await openServiceRedis('notifications-stream-at-shutdown');
  app = await notificationsHttpApp(db, redis, 'stream-at-shutdown');
  await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  // A stream the service left open would keep the server, and the suite, waiting.
  readers.forEach((reader) => reader.close());
  keeping.destroy();
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

async function openStream(baseUrl: string, lastEventId?: string): Promise<EventStreamReader> {
  const reader = await EventStreamReader.open(baseUrl, await signDevToken({ roles: 'supervisor', sub: 'sup-1', projects: ['P1'] }, DEV_JWT_SECRET), lastEventId, keeping);
  readers.push(reader);
  return reader;
}

describe('a notifications stream opening as the service shuts down', () => {
  it('given a stream still reading where it resumes from when shutdown closed the others and the HTTP server, when that read returns, then the stream is closed and shutdown completes, its client keeping connections for reuse', async () => {
    const server = app.getHttpServer() as Server;
    const { port } = server.address() as { port: number };
    const baseUrl = `http://127.0.0.1:${port}`;
    const open = await openStream(baseUrl);
    const notifications = app.get(NotificationRepository);
    const latestFeedSeq = notifications.latestFeedSeq.bind(notifications);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Every read of where the feed is waits from here on (the catch-up's too, which changes nothing here).
    jest.spyOn(notifications, 'latestFeedSeq').mockImplementation(async (manager) => {
      await released;
      return latestFeedSeq(manager);
    });
    // Past every id this replica heard: the stream asks Postgres where the feed is before it registers,
    // and its headers are sent first, so once they are here its read is held.
    const late = await openStream(baseUrl, String((await latestFeedSeq(db.dataSource.manager)) + 1_000_000));

    const shutdown = app.close();
    let shutDown = false;
    void shutdown.then(() => (shutDown = true));
    await open.ended;
    // The HTTP server has stopped taking connections and let go of the idle ones: the stream ends after.
    await eventually(() => expect(server.listening).toBe(false), 10_000, 10);
    release();

    await late.ended;
    // The server waits for every connection it has: one kept for another request would hold it as long as its client keeps it.
    await eventually(() => expect(shutDown).toBe(true), 10_000, 20);
    await shutdown;
  }, 60_000);
});
