import { randomUUID } from 'node:crypto';
import { IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import type { ServiceMetrics } from '@cs/observability';
import { RedisClient, destroyRedisClient } from '@cs/persistence';
import { METRICS } from '@cs/platform';
import { ThrowawaySchema, eventually, openServiceRedis, throwawaySchema } from '@cs/testing';
import { LiveStreams } from '../application/live-streams';
import { RecordNotification } from '../application/record-notification';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { supervisorEscalations } from '../testing/escalations';
import { notificationsHttpApp } from '../testing/notifications-http-app';

/**
 * A desk resuming with Last-Event-ID after missing thousands of notifications, over a real socket:
 * one reading slowly gets the whole replay on one connection, one that stops reading is closed.
 */

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;
/**
 * Served on a Unix socket, whose kernel buffers are fixed (some 200 KB): loopback TCP grows its
 * buffers to megabytes, which would take a whole replay, and a desk's reading would not matter.
 */
const socketPath = join(tmpdir(), `notifications-slow-desk-${randomUUID().slice(0, 8)}.sock`);
/** Where the desks resume from: just before what they missed. */
let from: number;
/** What they missed: the stream ids of the notifications recorded while they were away, six pages, some 2 MB as events. */
let missed: number[];

const MISSED = 3_000;
/** What arrives live while a desk replays. */
const LIVE = 100;

beforeAll(async () => {
  db = await throwawaySchema('notifications_slow_desk', MIGRATIONS);
  redis = await openServiceRedis('notifications-slow-desk');
  app = await notificationsHttpApp(db, redis, 'slow-desk');
  await app.getHttpAdapter().getInstance().listen({ path: socketPath });
  const notifications = app.get(NotificationRepository);
  from = await notifications.latestFeedSeq(db.dataSource.manager);
  await record(MISSED);
  // The relay numbers them before any desk resumes.
  await eventually(async () => expect(await notifications.anyUnfed(db.dataSource.manager)).toBe(false), 60_000);
  missed = await feedSeqsAfter(from);
  expect(missed).toHaveLength(MISSED);
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

async function record(count: number): Promise<void> {
  const recordNotification = app.get(RecordNotification);
  await db.dataSource.transaction(async (tx) => {
    for (const { eventId, alert } of supervisorEscalations(count, 'P1', new Date('2026-12-06T02:15:00Z'))) await recordNotification.execute(tx, eventId, alert);
  });
}

async function feedSeqsAfter(seq: number): Promise<number[]> {
  const rows: { feed_seq: string }[] = await db.dataSource.query(`SELECT feed_seq FROM notifications WHERE feed_seq > $1 ORDER BY feed_seq`, [seq]);
  return rows.map((row) => Number(row.feed_seq));
}

const overflowsCounted = async (): Promise<number> => ((await app.get<ServiceMetrics>(METRICS).streamsOverflowed.get()).values.find((value) => value.labels['stream'] === 'notifications')?.value ?? 0);

/**
 * `GET /v1/notifications/stream` resumed from `lastEventId`, its body left unread until the test
 * reads it: what came (the ids of the notifications, in order), and whether the connection ended.
 */
class DeskConnection {
  private readonly received: Buffer[] = [];
  ended = false;
  private reading?: NodeJS.Timeout;

  private constructor(private readonly response: IncomingMessage) {
    response.pause();
    response.once('close', () => (this.ended = true));
  }

  static open(token: string, lastEventId: number): Promise<DeskConnection> {
    return new Promise((resolve, reject) => {
      const sent = request(
        { socketPath, path: '/v1/notifications/stream', headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'last-event-id': String(lastEventId) } },
        (response) => (response.statusCode === 200 ? resolve(new DeskConnection(response)) : reject(new Error(`the stream answered ${response.statusCode ?? 'nothing'}`))),
      );
      sent.on('error', reject);
      sent.end();
    });
  }

  /** Reads steadily, a few kilobytes at a time: a desk on a slow link, well below what the service writes. */
  readSlowly(): void {
    this.reading = setInterval(() => {
      const chunk = this.response.read(Math.min(4_096, this.response.readableLength)) as Buffer | null;
      if (chunk) this.received.push(chunk);
    }, 5);
  }

  /** Reads all that comes from now on, as a desk whose link recovered. */
  readAll(): void {
    clearInterval(this.reading);
    this.response.on('data', (chunk: Buffer) => this.received.push(chunk));
    this.response.resume();
  }

  /** The stream ids of the notifications read so far. */
  get ids(): number[] {
    return [...Buffer.concat(this.received).toString('utf8').matchAll(/^id: (\d+)\nevent: notification\n/gm)].map((match) => Number(match[1]));
  }

  close(): void {
    clearInterval(this.reading);
    this.response.destroy();
  }
}

const supervisor = async () => signDevToken({ roles: 'supervisor', sub: `sup-${randomUUID().slice(0, 8)}`, projects: ['P1'] }, DEV_JWT_SECRET);

describe('a desk resuming with Last-Event-ID after missing six pages', () => {
  it('given it reads slowly but steadily, then it gets the whole replay on the one connection, and what arrived live meanwhile after it, in order, none counted an overflow', async () => {
    const overflowsBefore = await overflowsCounted();
    const desk = await DeskConnection.open(await supervisor(), from);
    try {
      desk.readSlowly();
      await record(LIVE);
      await eventually(() => expect(desk.ids.length >= MISSED + LIVE || desk.ended).toBe(true), 120_000);
      expect(desk.ended).toBe(false);
      expect(desk.ids).toEqual(await feedSeqsAfter(from));
      expect(await overflowsCounted()).toBe(overflowsBefore);
      expect(app.get(LiveStreams).openStreams).toBe(1);
    } finally {
      desk.close();
    }
  }, 150_000);

  it('given it stops reading, then its stream is closed once what it holds and what waits for it pass their bounds, counted an overflow, and it finds the connection ended when it reads again', async () => {
    const overflowsBefore = await overflowsCounted();
    const desk = await DeskConnection.open(await supervisor(), from);
    try {
      // More arrives live while its replay waits for it: more than the stream keeps waiting.
      await record(600);
      await eventually(async () => expect(await overflowsCounted()).toBe(overflowsBefore + 1), 60_000);
      await eventually(() => expect(app.get(LiveStreams).openStreams).toBe(0), 30_000);
      desk.readAll();
      await eventually(() => expect(desk.ended).toBe(true), 30_000);
      expect(desk.ids.length).toBeLessThan(MISSED);
      expect(desk.ids).toEqual(missed.slice(0, desk.ids.length));
      // Resumed from where it got to, it gets the rest.
      const resumed = await DeskConnection.open(await supervisor(), desk.ids.at(-1) ?? from);
      try {
        resumed.readAll();
        const rest = await feedSeqsAfter(desk.ids.at(-1) ?? from);
        await eventually(() => expect(resumed.ids).toEqual(rest), 60_000);
      } finally {
        resumed.close();
      }
    } finally {
      desk.close();
    }
  }, 150_000);
});
