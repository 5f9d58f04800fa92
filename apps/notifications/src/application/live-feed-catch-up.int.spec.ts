import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { ThrowawaySchema, backendPid, eventually, sessionsWaitingOn, throwawaySchema } from '@cs/testing';
import { FeedChannel } from '../infrastructure/feed-channel';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import type { Reader } from '../domain/audience';
import { MARKS_KEPT } from '../domain/inbox-mark';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { RecordingSink } from '../testing/recording-sink';
import { feedMessageOf } from './feed-item';
import { LiveStreams, UNREAD_REMEMBERED } from './live-streams';
import { RecordNotification } from './record-notification';
import { ReadInbox } from './read-inbox';
import { RelayLiveFeed } from './relay-live-feed';
import { TellStreamsRead } from './tell-streams-read';

/**
 * What the feed channel does not bring — a publish that failed while Redis was down, a message a
 * replica's subscriber missed — reaches the live streams from Postgres; a stream that missed more
 * than a page gets all of it. Each replica here is built by hand: no running relay takes the
 * notifications first.
 */

/** A channel whose publishes fail, as with Redis down. */
class UnreachableChannel extends FeedChannel {
  override async publishAll(): Promise<void> {
    throw new Error('Connection is closed.');
  }
}

/** A replica's subscriber that hears nothing, as while it reconnects. */
class DeafChannel extends FeedChannel {
  override listen(): () => void {
    return () => undefined;
  }
}

/** A replica's subscriber that hears only what the test hands it: a message missed, the next one heard. */
class HandedChannel extends FeedChannel {
  listener: (message: string) => void = () => undefined;
  override listen(listener: (message: string) => void): () => void {
    this.listener = listener;
    return () => undefined;
  }
}

/** A relay's channel that hands what it publishes to a replica's subscriber, as Redis would, at once. */
class LoopbackChannel extends FeedChannel {
  constructor(private readonly to: HandedChannel) {
    super(redis, logger, config);
  }
  override async publish(message: string): Promise<void> {
    this.to.listener(message);
  }
  override async publishAll(messages: readonly string[]): Promise<void> {
    messages.forEach((message) => this.to.listener(message));
  }
}

/** A marking's channel that keeps what it publishes, for the test to hand on in the order it chooses. */
class KeptChannel extends FeedChannel {
  readonly published: string[] = [];
  override async publish(message: string): Promise<void> {
    this.published.push(message);
  }
}

let db: ThrowawaySchema;
let redis: RedisClient;
const logger = createLogger('notifications', 'silent');
const config = loadServiceConfig('notifications', { NODE_ENV: 'test', KAFKA_TOPIC_PREFIX: `catch-up-${randomUUID().slice(0, 8)}` });
const notifications = new NotificationRepository();
const record = new RecordNotification(notifications, new WebhookSubscriptionRepository(), new WebhookDeliveryRepository());
const supervisor = { sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] };

/** `count` escalations in a project (P1 unless told), recorded together. */
async function escalations(count: number, projectCode = 'P1'): Promise<string[]> {
  const ticketIds = Array.from({ length: count }, () => randomUUID());
  await db.dataSource.transaction(async (tx) => {
    for (const ticketId of ticketIds) {
      await record.execute(tx, randomUUID(), {
        type: 'ticket.escalated.v1',
        data: {
          ticketId,
          number: 'TK-20261204-000001',
          customerId: randomUUID(),
          status: 'dispatched',
          itemCode: 'complaint.construction_quality',
          projectCode,
          at: '2026-12-04T02:15:00.000Z',
          by: 'system',
          level: 1,
          reason: 'major_complaint',
          notify: { roles: ['supervisor'], projectCode, userIds: [] },
        },
      });
    }
  });
  return ticketIds;
}

const relayWith = (channel: FeedChannel) => new RelayLiveFeed(db.dataSource, notifications, channel, logger, config);
/**
 * A replica whose subscriber hears what the test hands it, and an inbox telling it what its
 * readers mark read; what earlier tests left waiting is numbered first, away from its streams.
 */
async function handedReplica() {
  while ((await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()) > 0);
  const marks = new InboxMarkRepository();
  const channel = new HandedChannel(redis, logger, config);
  const streams = new LiveStreams(db.dataSource, notifications, channel, logger, marks);
  await streams.onApplicationBootstrap();
  return { channel, streams, marks, inbox: inboxTelling(new LoopbackChannel(channel), marks) };
}

/** An inbox whose readers' read marks are told to the streams on `channel`. */
const inboxTelling = (channel: FeedChannel, marks: InboxMarkRepository) => new ReadInbox(db.dataSource, notifications, marks, new TellStreamsRead(channel, logger));

beforeAll(async () => {
  db = await throwawaySchema('notifications_catch_up', MIGRATIONS);
  redis = createRedisClient(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', 'notifications-catch-up');
  await redis.connect();
});

afterAll(async () => {
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

describe('what the feed channel did not bring', () => {
  it('given Redis down when the relay publishes, then the notifications are numbered all the same, and a replica’s streams get them from Postgres at its next looks', async () => {
    const streams = new LiveStreams(db.dataSource, notifications, new DeafChannel(redis, logger, config), logger, new InboxMarkRepository());
    await streams.onApplicationBootstrap();
    const sink = new RecordingSink();
    await streams.open(supervisor, sink);
    try {
      const ticketIds = await escalations(3);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(3);
      expect(await notifications.anyUnfed(db.dataSource.manager)).toBe(false);

      // The first look sees them in Postgres; one still unheard at the next is read into the streams.
      await streams.lookForMissed();
      expect(sink.delivered).toEqual([]);
      await streams.lookForMissed();
      expect(sink.delivered.map((item) => item.notification.ticket?.id).sort()).toEqual([...ticketIds].sort());
      await streams.lookForMissed();
      expect(sink.delivered).toHaveLength(3);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given notifications the channel did not bring, read before they reach the streams (one singly by one reader, all by another marking all read), then each stream gets them read or unread as its reader’s inbox lists them', async () => {
    const marks = new InboxMarkRepository();
    const channel = new DeafChannel(redis, logger, config);
    const streams = new LiveStreams(db.dataSource, notifications, channel, logger, marks);
    await streams.onApplicationBootstrap();
    const inbox = inboxTelling(channel, marks);
    const reading = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const marking = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const [readingSink, markingSink] = [new RecordingSink(), new RecordingSink()];
    await streams.open(reading, readingSink);
    await streams.open(marking, markingSink);
    try {
      const [first, second] = await escalations(2);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(2);
      const listed = await inbox.page(reading, { unreadOnly: false, limit: 2 });
      const firstId = listed.items.find((item) => item.notification.ticket?.id === first)!.notification.id;
      await inbox.markRead(firstId, reading, new Date('2026-12-04T08:00:00Z'));
      await inbox.markAllRead(marking, new Date('2026-12-04T09:00:00Z'));

      await streams.lookForMissed();
      await streams.lookForMissed();

      const readAt = (sink: RecordingSink) => new Map(sink.delivered.map((item) => [item.notification.ticket?.id, item.readAt]));
      expect(readAt(readingSink)).toEqual(new Map([[first, new Date('2026-12-04T08:00:00Z')], [second, undefined]]));
      expect(readAt(markingSink)).toEqual(new Map([[first, new Date('2026-12-04T09:00:00Z')], [second, new Date('2026-12-04T09:00:00Z')]]));
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given a notification only a reader’s mark reaching least far of MARKS_KEPT covers, when they mark all read from a new scope while the catch-up reads it, then their stream gets it read at that mark’s time', async () => {
    while ((await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()) > 0);
    const marks = new InboxMarkRepository();
    const channel = new DeafChannel(redis, logger, config);
    const streams = new LiveStreams(db.dataSource, notifications, channel, logger, marks);
    await streams.onApplicationBootstrap();
    const inbox = inboxTelling(channel, marks);
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    const readsOf = notifications.readsOf.bind(notifications);
    try {
      const [ticketId] = await escalations(1);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(1);
      const upTo = await notifications.latestFeedSeq(db.dataSource.manager);
      // Eight marks reaching as far: P1's, made first, is the one a ninth scope's marking folds.
      const hour = (index: number) => new Date(Date.UTC(2026, 11, 4, index));
      const scopes = Array.from({ length: MARKS_KEPT }, (_, index) => ({ reader: { ...reader, projects: [`P${index + 1}`] }, upTo, at: hour(index + 1) }));
      await marks.save(db.dataSource.manager, reader.sub, scopes.reverse());
      // The reader marks all read from P9's token between the catch-up's read of read marks and of marks.
      jest.spyOn(notifications, 'readsOf').mockImplementationOnce(async (...args) => {
        const reads = await readsOf(...args);
        await inbox.markAllRead({ ...reader, projects: ['P9'] }, hour(10));
        return reads;
      });

      await streams.lookForMissed();
      await streams.lookForMissed();

      expect((await marks.find(db.dataSource.manager, reader.sub)).map((mark) => mark.reader.projects)).not.toContainEqual(['P1']);
      expect(sink.delivered.map((item) => [item.notification.ticket?.id, item.readAt])).toEqual([[ticketId, hour(1)]]);
    } finally {
      jest.restoreAllMocks();
      streams.beforeApplicationShutdown();
    }
  });

  it('given a stream that missed more than a page, when it reconnects with its Last-Event-ID, then it gets every one, in feed order, once', async () => {
    const streams = new LiveStreams(db.dataSource, notifications, new DeafChannel(redis, logger, config), logger, new InboxMarkRepository());
    await streams.onApplicationBootstrap();
    const from = await notifications.latestFeedSeq(db.dataSource.manager);
    const ticketIds = await escalations(1_200);
    const relay = relayWith(new UnreachableChannel(redis, logger, config));
    while ((await relay.relayOnce()) > 0);
    const sink = new RecordingSink();
    try {
      await streams.open(supervisor, sink, from);
      expect(sink.delivered.map((item) => item.notification.ticket?.id).sort()).toEqual([...ticketIds].sort());
      const seqs = sink.delivered.map((item) => item.feedSeq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(1_200);
      expect(sink.closed).toBe(false);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given a message missed while the subscriber reconnected and the next one heard, then the missed one reaches the stream late, once', async () => {
    const channel = new HandedChannel(redis, logger, config);
    const streams = new LiveStreams(db.dataSource, notifications, channel, logger, new InboxMarkRepository());
    await streams.onApplicationBootstrap();
    const sink = new RecordingSink();
    await streams.open(supervisor, sink);
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(2);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(2);
      const [missed, next] = await notifications.feedAfter(db.dataSource.manager, supervisor, [], from, 10);
      // Only the second reaches this replica.
      channel.listener(feedMessageOf({ ...next!, feedSeq: next!.feedSeq! }));
      expect(sink.delivered.map((item) => item.feedSeq)).toEqual([next!.feedSeq]);

      await streams.lookForMissed();
      await streams.lookForMissed();
      expect(sink.delivered.map((item) => item.feedSeq)).toEqual([next!.feedSeq, missed!.feedSeq]);
      await streams.lookForMissed();
      channel.listener(feedMessageOf({ ...next!, feedSeq: next!.feedSeq! }));
      expect(sink.delivered).toHaveLength(2);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });
});

describe('what the feed channel brings', () => {
  const readAt = (sink: RecordingSink) => new Map(sink.delivered.map((item) => [item.notification.ticket?.id, item.readAt]));

  it('given notifications read while they waited for their stream id (one singly by one reader, both by another marking all read), when the relay publishes them, then each stream gets them read or unread as its reader’s inbox lists them', async () => {
    const { channel, streams, inbox } = await handedReplica();
    const [reading, marking, quiet] = [0, 1, 2].map(() => ({ ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` }));
    const [readingSink, markingSink, quietSink] = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    await streams.open(reading!, readingSink);
    await streams.open(marking!, markingSink);
    await streams.open(quiet!, quietSink);
    try {
      const [first, second] = await escalations(2);
      const listed = await inbox.page(reading!, { unreadOnly: false, limit: 2 });
      expect(listed.items.every((item) => item.feedSeq === undefined)).toBe(true);
      await inbox.markRead(listed.items.find((item) => item.notification.ticket?.id === first)!.notification.id, reading!, new Date('2026-12-04T08:00:00Z'));
      await inbox.markAllRead(marking!, new Date('2026-12-04T09:00:00Z'));

      expect(await relayWith(new LoopbackChannel(channel)).relayOnce()).toBe(2);

      await eventually(() => {
        expect(readAt(readingSink)).toEqual(new Map([[first, new Date('2026-12-04T08:00:00Z')], [second, undefined]]));
        expect(readAt(markingSink)).toEqual(new Map([[first, new Date('2026-12-04T09:00:00Z')], [second, new Date('2026-12-04T09:00:00Z')]]));
        expect(readAt(quietSink)).toEqual(new Map([[first, undefined], [second, undefined]]));
      }, 10_000);
      await streams.lookForMissed();
      await streams.lookForMissed();
      expect([readingSink, markingSink, quietSink].map((sink) => sink.delivered.length)).toEqual([2, 2, 2]);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it.each([
    ['marks it read', (inbox: ReadInbox, reader: Reader, id: string, at: Date) => inbox.markRead(id, reader, at)],
    ['marks all read', (inbox: ReadInbox, reader: Reader, _id: string, at: Date) => inbox.markAllRead(reader, at)],
  ])('given a notification waiting for its stream id, when its reader %s while the relay’s claim holds it, then their stream shows it read, as their inbox lists it', async (_marking, mark) => {
    const { channel, streams, inbox } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    const claimForFeed = notifications.claimForFeed.bind(notifications);
    const at = new Date('2026-12-04T10:00:00Z');
    let marking: Promise<unknown> = Promise.resolve();
    try {
      await escalations(1);
      const [listed] = (await inbox.page(reader, { unreadOnly: false, limit: 1 })).items;
      expect(listed!.feedSeq).toBeUndefined();
      // The reader marks it read once the claim holds it: their mark waits for the relay to commit.
      jest.spyOn(notifications, 'claimForFeed').mockImplementationOnce(async (tx, limit) => {
        const claimed = await claimForFeed(tx, limit);
        const pid = await backendPid(tx);
        marking = mark(inbox, reader, listed!.notification.id, at);
        await eventually(async () => expect(await sessionsWaitingOn(db.dataSource, pid)).toBeGreaterThan(0), 10_000, 20);
        return claimed;
      });

      expect(await relayWith(new LoopbackChannel(channel)).relayOnce()).toBe(1);
      await marking;

      expect((await inbox.page(reader, { unreadOnly: false, limit: 1 })).items[0]!.readAt).toEqual(at);
      await eventually(() => {
        expect(sink.delivered.map((item) => item.notification.id)).toEqual([listed!.notification.id]);
        expect(sink.shownReadAt(listed!.notification.id)).toEqual(at);
      }, 10_000);
    } finally {
      jest.restoreAllMocks();
      await marking.catch(() => undefined);
      streams.beforeApplicationShutdown();
    }
  });

  it('given a reader who marks read a notification their stream has not sent yet, when it comes, then it goes out read on their stream, unread on another reader’s, and not to their stream it does not reach', async () => {
    const { channel, streams, inbox } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const [readerSink, otherSink, elsewhereSink] = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    await streams.open(reader, readerSink);
    await streams.open({ ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` }, otherSink);
    await streams.open({ ...reader, projects: ['P2'] }, elsewhereSink);
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(1);
      // Numbered, its message still on its way to this replica (a flagged look-up, say).
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(1);
      const [numbered] = await notifications.feedAfter(db.dataSource.manager, reader, [], from, 1);
      const at = new Date('2026-12-04T11:00:00Z');
      await inbox.markRead(numbered!.notification.id, reader, at);
      expect(readerSink.reads).toEqual([]);

      channel.listener(feedMessageOf({ ...numbered!, feedSeq: numbered!.feedSeq! }));

      expect(readerSink.delivered.map((item) => [item.notification.id, item.readAt])).toEqual([[numbered!.notification.id, at]]);
      expect(otherSink.delivered.map((item) => [item.notification.id, item.readAt])).toEqual([[numbered!.notification.id, undefined]]);
      expect([otherSink.reads, elsewhereSink.delivered, elsewhereSink.reads]).toEqual([[], [], []]);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given a notification their stream sent unread, when its reader marks it read twice at once (a double click, two windows), then both answer the time their inbox lists and their stream is told it once, at that time', async () => {
    const { channel, streams, inbox } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    const markRead = notifications.markRead.bind(notifications);
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(1);
      expect(await relayWith(new LoopbackChannel(channel)).relayOnce()).toBe(1);
      const [numbered] = await notifications.feedAfter(db.dataSource.manager, reader, [], from, 1);
      const id = numbered!.notification.id;
      expect(sink.delivered.map((item) => [item.notification.id, item.readAt])).toEqual([[id, undefined]]);
      // Both markings found it unread before either wrote its mark.
      let arrived = 0;
      let bothFoundIt!: () => void;
      const found = new Promise<void>((resolve) => (bothFoundIt = resolve));
      jest.spyOn(notifications, 'markRead').mockImplementation(async (...args) => {
        if (++arrived === 2) bothFoundIt();
        await found;
        return markRead(...args);
      });

      const answers = await Promise.all([inbox.markRead(id, reader, new Date('2026-12-04T12:00:00Z')), inbox.markRead(id, reader, new Date('2026-12-04T12:00:01Z'))]);

      const listed = (await inbox.page(reader, { unreadOnly: false, limit: 1 })).items[0]!;
      expect(listed.notification.id).toBe(id);
      expect(answers.map((answer) => answer.readAt)).toEqual([listed.readAt, listed.readAt]);
      expect(sink.reads).toEqual([{ id, readAt: listed.readAt }]);
    } finally {
      jest.restoreAllMocks();
      streams.beforeApplicationShutdown();
    }
  });

  it('given a notification some reader read before its stream id and a later one nobody read, when the channel brings both, then the stream gets them in stream id order', async () => {
    const { channel, streams } = await handedReplica();
    const sink = new RecordingSink();
    await streams.open({ ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` }, sink);
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(2);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(2);
      const [read, unread] = await notifications.feedAfter(db.dataSource.manager, supervisor, [], from, 2);

      channel.listener(feedMessageOf({ ...read!, feedSeq: read!.feedSeq! }, true));
      channel.listener(feedMessageOf({ ...unread!, feedSeq: unread!.feedSeq! }));

      await eventually(() => expect(sink.delivered.map((item) => item.feedSeq)).toEqual([read!.feedSeq, unread!.feedSeq]), 10_000);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given a notification nobody read waiting behind a flagged one’s look-up, when its reader marks all read meanwhile, then it goes out read at the marking’s time, and another project’s on a stream serving both stays unread', async () => {
    const { channel, streams, inbox, marks } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const [sink, wider] = [new RecordingSink(), new RecordingSink()];
    await streams.open(reader, sink);
    await streams.open({ ...reader, projects: ['P1', 'P2'] }, wider);
    const findAll = marks.findAll.bind(marks);
    let lookUp!: () => void;
    const lookedUp = new Promise<void>((resolve) => (lookUp = resolve));
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(2);
      await escalations(1, 'P2');
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(3);
      const numbered = await notifications.feedAfter(db.dataSource.manager, { ...reader, projects: ['P1', 'P2'] }, [], from, 3);
      const [flagged, waiting] = numbered.filter((item) => item.notification.audience.projectCode === 'P1');
      const elsewhere = numbered.find((item) => item.notification.audience.projectCode === 'P2');
      // The look-up of the flagged one's read state takes until the marking is done.
      jest.spyOn(marks, 'findAll').mockImplementationOnce(async (...args) => {
        await lookedUp;
        return findAll(...args);
      });
      for (const item of numbered) channel.listener(feedMessageOf({ ...item, feedSeq: item.feedSeq! }, item === flagged));
      const at = new Date('2026-12-04T13:00:00Z');

      await inbox.markAllRead(reader, at);
      expect(sink.delivered.map((item) => item.feedSeq)).not.toContain(waiting!.feedSeq);
      lookUp();

      const sent = (target: RecordingSink) => new Map(target.delivered.map((item) => [item.feedSeq, item.readAt]));
      await eventually(() => {
        expect(sent(sink)).toEqual(new Map([[flagged!.feedSeq, at], [waiting!.feedSeq, at]]));
        expect(sent(wider)).toEqual(new Map([[flagged!.feedSeq, at], [waiting!.feedSeq, at], [elsewhere!.feedSeq, undefined]]));
      }, 10_000);
      expect([sink.reads, wider.reads]).toEqual([[], []]);
    } finally {
      lookUp();
      jest.restoreAllMocks();
      streams.beforeApplicationShutdown();
    }
  });

  it('given a marking of all read heard while what it covers waits behind a flagged one’s look-up, when a window of the reader opens then, then what it covers goes out read on that window too', async () => {
    const { channel, streams, inbox, marks } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const findAll = marks.findAll.bind(marks);
    let lookUp!: () => void;
    const lookedUp = new Promise<void>((resolve) => (lookUp = resolve));
    const late = new RecordingSink();
    // Another supervisor's desk, whose stream the flagged one is looked up for.
    await streams.open({ ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` }, new RecordingSink());
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(2);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(2);
      const [flagged, waiting] = await notifications.feedAfter(db.dataSource.manager, reader, [], from, 2);
      jest.spyOn(marks, 'findAll').mockImplementationOnce(async (...args) => {
        await lookedUp;
        return findAll(...args);
      });
      for (const item of [flagged!, waiting!]) channel.listener(feedMessageOf({ ...item, feedSeq: item.feedSeq! }, item === flagged));
      const at = new Date('2026-12-04T13:30:00Z');
      await inbox.markAllRead(reader, at);

      // Opened once the mark was heard, before its turn in the queue: it began before the mark's stream id.
      await streams.open(reader, late);
      lookUp();

      await eventually(() => expect(new Map(late.delivered.map((item) => [item.feedSeq, item.readAt]))).toEqual(new Map([[flagged!.feedSeq, at], [waiting!.feedSeq, at]])), 10_000);
      expect(late.reads).toEqual([]);
    } finally {
      lookUp();
      jest.restoreAllMocks();
      streams.beforeApplicationShutdown();
    }
  });

  it('given a stream that sent more than UNREAD_REMEMBERED unread, when its reader marks all read from another window, then it is told the latest UNREAD_REMEMBERED read, not the earliest', async () => {
    const { channel, streams, inbox } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(UNREAD_REMEMBERED + 1);
      const relay = relayWith(new LoopbackChannel(channel));
      while ((await relay.relayOnce()) > 0);
      const sent = await notifications.feedAfter(db.dataSource.manager, reader, [], from, UNREAD_REMEMBERED + 1);
      expect(sink.delivered.filter((item) => !item.readAt)).toHaveLength(UNREAD_REMEMBERED + 1);
      const at = new Date('2026-12-04T14:00:00Z');

      await inbox.markAllRead(reader, at);

      expect(sink.reads.map((read) => read.id).sort()).toEqual(sent.slice(1).map((item) => item.notification.id).sort());
      expect(new Set(sink.reads.map((read) => read.readAt.getTime()))).toEqual(new Set([at.getTime()]));
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given two markings of all read covering a notification the stream sent unread, when the later one’s message comes first, then the stream tells it read at the later time and then the earlier, as the inbox lists it, and no later time over it after', async () => {
    const { channel, streams, marks } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}`, projects: ['P1', 'P2'] };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    try {
      const [ticket] = await escalations(1);
      const relay = relayWith(new LoopbackChannel(channel));
      while ((await relay.relayOnce()) > 0);
      await eventually(() => expect(sink.delivered).toHaveLength(1), 10_000);
      const kept = new KeptChannel(redis, logger, config);
      const [first, later] = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-04T15:05:00Z')];
      await inboxTelling(kept, marks).markAllRead({ ...reader, projects: ['P1'] }, first);
      await inboxTelling(kept, marks).markAllRead(reader, later);
      const [firstMessage, laterMessage] = kept.published;
      const id = sink.delivered[0]!.notification.id;
      expect((await inboxTelling(kept, marks).page(reader, { unreadOnly: false, limit: 1 })).items.map((item) => item.readAt)).toEqual([first]);

      for (const message of [laterMessage!, firstMessage!, laterMessage!, firstMessage!]) channel.listener(message);

      await eventually(() => expect(sink.reads).toEqual([{ id, readAt: later }, { id, readAt: first }]), 10_000);
      expect(sink.shownReadAt(id)).toEqual(first);
      expect(sink.delivered[0]!.notification.ticket?.id).toBe(ticket);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it.each(['the marking’s first', 'the single read’s first'])('given a notification marked read singly while a marking of all read made earlier ran (it found it unread), when their messages cross (%s), then the stream ends at the single read’s time, as the inbox lists it (a read mark of its own before any mark)', async (first) => {
    const { channel, streams, marks } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}`, projects: ['P1', 'P2'] };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    try {
      await escalations(1);
      const relay = relayWith(new LoopbackChannel(channel));
      while ((await relay.relayOnce()) > 0);
      await eventually(() => expect(sink.delivered).toHaveLength(1), 10_000);
      const id = sink.delivered[0]!.notification.id;
      const kept = new KeptChannel(redis, logger, config);
      const [marked, readSingly] = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-04T15:00:01Z')];
      // The single read committed first, the marking's `now` a second before it: the race of two windows.
      await inboxTelling(kept, marks).markRead(id, reader, readSingly);
      await inboxTelling(kept, marks).markAllRead({ ...reader, projects: ['P1'] }, marked);
      const [singleMessage, markMessage] = kept.published;
      expect((await inboxTelling(kept, marks).page(reader, { unreadOnly: false, limit: 1 })).items.map((item) => item.readAt)).toEqual([readSingly]);

      const messages = first === 'the marking’s first' ? [markMessage!, singleMessage!] : [singleMessage!, markMessage!];
      for (const message of messages) channel.listener(message);

      await eventually(() => expect(sink.reads.at(-1)).toEqual({ id, readAt: readSingly }), 10_000);
      expect(sink.shownReadAt(id)).toEqual(readSingly);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given a notification its inbox lists read singly, when a stream resuming with Last-Event-ID has been told it and then hears a crossing marking of all read made before, then it is not told the marking’s time over the single read’s', async () => {
    const { channel, streams, marks } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}`, projects: ['P1', 'P2'] };
    const ended = new RecordingSink();
    await streams.open(reader, ended);
    try {
      await escalations(1);
      const relay = relayWith(new LoopbackChannel(channel));
      while ((await relay.relayOnce()) > 0);
      await eventually(() => expect(ended.delivered).toHaveLength(1), 10_000);
      const [sent] = ended.delivered;
      ended.close();
      const kept = new KeptChannel(redis, logger, config);
      // After the notification was recorded, so the resuming stream is told it.
      const [marked, readSingly] = [new Date(Date.now() + 60_000), new Date(Date.now() + 61_000)];
      await inboxTelling(kept, marks).markRead(sent!.notification.id, reader, readSingly);
      await inboxTelling(kept, marks).markAllRead({ ...reader, projects: ['P1'] }, marked);
      const [, markMessage] = kept.published;

      const resumed = new RecordingSink();
      await streams.open(reader, resumed, sent!.feedSeq);
      // Earlier tests' notifications of P1 reach this reader too, read by the marking alone.
      const readsOfIt = () => resumed.reads.filter((read) => read.id === sent!.notification.id);
      expect(readsOfIt()).toEqual([{ id: sent!.notification.id, readAt: readSingly }]);
      // A mark is applied to the streams as it is heard, not in its turn in the queue.
      channel.listener(markMessage!);

      expect(readsOfIt()).toEqual([{ id: sent!.notification.id, readAt: readSingly }]);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });

  it('given a message on the channel this release cannot hand on (a read message of another shape) between a flagged notification and a later one, then the later one still reaches the stream live', async () => {
    const { channel, streams } = await handedReplica();
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` };
    const sink = new RecordingSink();
    await streams.open(reader, sink);
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(2);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(2);
      const [flagged, later] = await notifications.feedAfter(db.dataSource.manager, reader, [], from, 2);
      // Only the live path can send them: the catch-up cannot read what the channel lost.
      jest.spyOn(notifications, 'feedBetween').mockRejectedValue(new Error('statement timeout'));

      channel.listener(feedMessageOf({ ...flagged!, feedSeq: flagged!.feedSeq! }, true));
      channel.listener(JSON.stringify({ read: { userId: reader.sub, notifications: [{ id: flagged!.notification.id, feedSeq: flagged!.feedSeq }] } }));
      channel.listener(feedMessageOf({ ...later!, feedSeq: later!.feedSeq! }));

      await eventually(() => expect(sink.delivered.map((item) => item.feedSeq)).toEqual([flagged!.feedSeq, later!.feedSeq]), 12_000);
    } finally {
      jest.restoreAllMocks();
      streams.beforeApplicationShutdown();
    }
  });

  it('given a notification nobody read before its stream id, when the relay publishes it, then every stream gets it unread with no read of Postgres for it', async () => {
    const { channel, streams, marks } = await handedReplica();
    const sink = new RecordingSink();
    await streams.open({ ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}` }, sink);
    const reads = jest.spyOn(notifications, 'readsOf');
    const markReads = jest.spyOn(marks, 'findAll');
    try {
      const [ticketId] = await escalations(1);
      expect(await relayWith(new LoopbackChannel(channel)).relayOnce()).toBe(1);
      expect(readAt(sink)).toEqual(new Map([[ticketId, undefined]]));
      expect(reads).not.toHaveBeenCalled();
      expect(markReads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
      markReads.mockRestore();
      streams.beforeApplicationShutdown();
    }
  });
});

describe('a stream resumed with Last-Event-ID and left open', () => {
  it('given three notifications its earlier connection was sent, one read since, when it resumes, then it is told that read and remembers only the two unread, each let go once its read is told, singly or by marking all read', async () => {
    const { streams, inbox } = await handedReplica();
    // A project of its own: its window holds only what this test records.
    const projectCode = `P-${randomUUID().slice(0, 8)}`;
    const reader = { ...supervisor, sub: `sup-${randomUUID().slice(0, 8)}`, projects: [projectCode] };
    const sink = new RecordingSink();
    try {
      const from = await notifications.latestFeedSeq(db.dataSource.manager);
      await escalations(3, projectCode);
      expect(await relayWith(new UnreachableChannel(redis, logger, config)).relayOnce()).toBe(3);
      const [first, second, third] = await notifications.feedAfter(db.dataSource.manager, reader, [], from, 10);
      await inbox.markRead(first!.notification.id, reader);

      await streams.open(reader, sink, third!.feedSeq);
      expect(sink.reads.map((read) => read.id)).toEqual([first!.notification.id]);
      expect(streams.rememberedOn(sink)).toBe(2);

      await inbox.markRead(second!.notification.id, reader);
      await eventually(() => expect(sink.reads.map((read) => read.id)).toEqual([first!.notification.id, second!.notification.id]));
      expect(streams.rememberedOn(sink)).toBe(1);

      await inbox.markAllRead(reader);
      await eventually(() => expect(sink.reads.map((read) => read.id)).toEqual([first, second, third].map((item) => item!.notification.id)));
      expect(streams.rememberedOn(sink)).toBe(0);
    } finally {
      streams.beforeApplicationShutdown();
    }
  });
});
