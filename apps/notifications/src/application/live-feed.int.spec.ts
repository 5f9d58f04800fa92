import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { createLogger } from '@cs/observability';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { ThrowawaySchema, eventually, throwawaySchema } from '@cs/testing';
import { FeedChannel } from '../infrastructure/feed-channel';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository, StoredNotification } from '../infrastructure/notification.repository';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import { liveFeedProviders } from '../testing/live-feed-providers';
import { RecordingSink } from '../testing/recording-sink';
import { LiveStreams } from './live-streams';
import { RecordNotification } from './record-notification';
import { RelayLiveFeed } from './relay-live-feed';


let db: ThrowawaySchema;
let redis: RedisClient;
let app: TestingModule;
let running = false;

beforeAll(async () => {
  db = await throwawaySchema('notifications_live_feed', MIGRATIONS);
  redis = createRedisClient(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', 'notifications-live-feed');
  await redis.connect();
  app = await Test.createTestingModule({
    providers: liveFeedProviders(db, redis, 'live-feed'),
  }).compile();
  await app.init();
  running = true;
});

afterAll(async () => {
  if (running) await app.close();
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

describe('the live feed of a running service', () => {
  it('given a stream resuming from an id past every notification held (the schema restored from a backup), then it goes on from now and gets the next notification live', async () => {
    const latest = await app.get(NotificationRepository).latestFeedSeq(db.dataSource.manager);
    const sink = new RecordingSink();
    await app.get(LiveStreams).open({ sub: 'sup-9', roles: ['supervisor'], projects: ['P9'] }, sink, latest + 1_000_000);
    const ticketId = randomUUID();
    await app.get(RecordNotification).execute(db.dataSource.manager, randomUUID(), {
      type: 'ticket.escalated.v1',
      data: {
        ticketId,
        number: 'TK-20261008-000126',
        customerId: randomUUID(),
        status: 'dispatched',
        itemCode: 'complaint.construction_quality',
        projectCode: 'P9',
        at: '2026-10-08T02:15:00.000Z',
        by: 'system',
        level: 1,
        reason: 'major_complaint',
        notify: { roles: ['supervisor'], projectCode: 'P9', userIds: [] },
      },
    });

    await eventually(() => expect(sink.delivered.map((item) => item.notification.ticket?.id)).toEqual([ticketId]), 10_000);
  });

  it('given many notifications recorded at once, when the relay publishes them together, then the stream gets each once, in feed order', async () => {
    const sink = new RecordingSink();
    await app.get(LiveStreams).open({ sub: 'sup-2', roles: ['supervisor'], projects: ['P2'] }, sink);
    const ticketIds = Array.from({ length: 30 }, () => randomUUID());
    await db.dataSource.transaction(async (tx) => {
      for (const ticketId of ticketIds) {
        await app.get(RecordNotification).execute(tx, randomUUID(), {
          type: 'ticket.escalated.v1',
          data: {
            ticketId,
            number: 'TK-20261008-000124',
            customerId: randomUUID(),
            status: 'dispatched',
            itemCode: 'complaint.construction_quality',
            projectCode: 'P2',
            at: '2026-10-08T02:15:00.000Z',
            by: 'system',
            level: 1,
            reason: 'major_complaint',
            notify: { roles: ['supervisor'], projectCode: 'P2', userIds: [] },
          },
        });
      }
    });

    const delivered = await eventually(() => {
      expect(sink.delivered).toHaveLength(30);
      return sink.delivered;
    }, 10_000);
    expect(delivered.map((item) => item.notification.ticket?.id).sort()).toEqual([...ticketIds].sort());
    const seqs = delivered.map((item) => item.feedSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(30);
  });

  it('given nothing waiting for the feed, then the relay opens no transaction; given a notification recorded, then it opens one and relays it', async () => {
    const relay = app.get(RelayLiveFeed);
    await eventually(async () => expect(await app.get(NotificationRepository).anyUnfed(db.dataSource.manager)).toBe(false), 10_000);
    const transactions = jest.spyOn(db.dataSource, 'transaction');
    try {
      expect(await relay.relayOnce()).toBe(0);
      expect(transactions).not.toHaveBeenCalled();

      await app.get(RecordNotification).execute(db.dataSource.manager, randomUUID(), {
        type: 'ticket.escalated.v1',
        data: {
          ticketId: randomUUID(),
          number: 'TK-20261008-000125',
          customerId: randomUUID(),
          status: 'dispatched',
          itemCode: 'complaint.construction_quality',
          projectCode: 'P3',
          at: '2026-10-08T02:15:00.000Z',
          by: 'system',
          level: 1,
          reason: 'major_complaint',
          notify: { roles: ['supervisor'], projectCode: 'P3', userIds: [] },
        },
      });
      // The running loop or this call relays it, whichever comes first (the other finds the lock
      // taken); either opens the claim's transaction.
      await relay.relayOnce();
      await eventually(async () => expect(await app.get(NotificationRepository).anyUnfed(db.dataSource.manager)).toBe(false), 10_000);
      expect(transactions).toHaveBeenCalled();
    } finally {
      transactions.mockRestore();
    }
  });

  it('given a reconnecting stream whose missed notifications cannot be read, then it is closed and forgotten, so the client reconnects from the same place', async () => {
    class UnreadableFeed extends NotificationRepository {
      override async feedAfter(): Promise<StoredNotification[]> {
        throw new Error('Connection terminated due to connection timeout');
      }
    }
    const streams = new LiveStreams(db.dataSource, new UnreadableFeed(), app.get(FeedChannel), createLogger('notifications', 'silent'), new InboxMarkRepository());
    const sink = new RecordingSink();
    await expect(streams.open({ sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] }, sink, 40)).rejects.toThrow(/timeout/);
    expect([sink.closed, streams.openStreams]).toEqual([true, 0]);
  });

  it('given a stream resuming from an id this replica has not heard of, when Postgres cannot say where the feed is, then it is closed, not left open hearing nothing but heartbeats', async () => {
    class UnreachableFeed extends NotificationRepository {
      override async latestFeedSeq(): Promise<number> {
        throw new Error('Connection terminated due to connection timeout');
      }
    }
    const streams = new LiveStreams(db.dataSource, new UnreachableFeed(), app.get(FeedChannel), createLogger('notifications', 'silent'), new InboxMarkRepository());
    const sink = new RecordingSink();
    await expect(streams.open({ sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] }, sink, 40)).rejects.toThrow(/timeout/);
    expect([sink.closed, streams.openStreams]).toEqual([true, 0]);
  });

  it('given an open stream, when a notification for its reader is recorded, then the relay brings it to the stream, and shutdown closes the stream', async () => {
    const sink = new RecordingSink();
    await app.get(LiveStreams).open({ sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] }, sink);
    const ticketId = randomUUID();

    await db.dataSource.transaction((tx) =>
      app.get(RecordNotification).execute(tx, randomUUID(), {
        type: 'ticket.escalated.v1',
        data: {
          ticketId,
          number: 'TK-20261008-000123',
          customerId: randomUUID(),
          status: 'dispatched',
          itemCode: 'complaint.construction_quality',
          projectCode: 'P1',
          at: '2026-10-08T02:15:00.000Z',
          by: 'system',
          level: 1,
          reason: 'major_complaint',
          notify: { roles: ['supervisor'], projectCode: 'P1', userIds: [] },
        },
      }),
    );

    const [item] = await eventually(() => {
      expect(sink.delivered).toHaveLength(1);
      return sink.delivered;
    }, 10_000);
    expect(item).toMatchObject({ feedSeq: expect.any(Number), notification: { ticket: { id: ticketId } } });

    await app.close();
    running = false;
    expect(sink.closed).toBe(true);
  });
});
