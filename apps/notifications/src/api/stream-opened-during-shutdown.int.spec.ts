import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { RedisClient, destroyRedisClient } from '@cs/persistence';
import { ThrowawaySchema, openServiceRedis, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { EventStreamReader } from '../testing/event-stream-reader';
import { notificationsHttpApp } from '../testing/notifications-http-app';

/** A stream still finding where it resumes from when shutdown closes the others, over a real socket. */

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;
const readers: EventStreamReader[] = [];

beforeAll(async () => {
  db = await throwawaySchema('notifications_stream_at_shutdown', MIGRATIONS);
  redis = await openServiceRedis('notifications-stream-at-shutdown');
  app = await notificationsHttpApp(db, redis, 'stream-at-shutdown');
  await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  // A stream the service left open would keep the server, and the suite, waiting.
  readers.forEach((reader) => reader.close());
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

async function openStream(baseUrl: string, lastEventId?: string): Promise<EventStreamReader> {
  const reader = await EventStreamReader.open(baseUrl, await signDevToken({ roles: 'supervisor', sub: 'sup-1', projects: ['P1'] }, DEV_JWT_SECRET), lastEventId);
  readers.push(reader);
  return reader;
}

describe('a notifications stream opening as the service shuts down', () => {
  it('given a stream still reading where it resumes from when shutdown closed the others, when that read returns, then the stream is closed and shutdown completes', async () => {
    const { port } = app.getHttpServer().address() as { port: number };
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
    await open.ended;
    release();

    await late.ended;
    await shutdown;
  }, 60_000);
});
