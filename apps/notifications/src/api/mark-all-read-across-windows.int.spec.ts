import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { RedisClient, destroyRedisClient } from '@cs/persistence';
import { ThrowawaySchema, eventually, openServiceRedis, throwawaySchema } from '@cs/testing';
import { LiveStreams } from '../application/live-streams';
import { ReadInbox } from '../application/read-inbox';
import { RecordNotification } from '../application/record-notification';
import type { Reader } from '../domain/audience';
import { FeedChannel } from '../infrastructure/feed-channel';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { supervisorEscalations } from '../testing/escalations';
import { notificationsHttpApp } from '../testing/notifications-http-app';
import { RecordingSink } from '../testing/recording-sink';

/**
 * A desk with two windows open: what one marks all read through the API shows read on the other
 * window's stream, as the inbox lists it, without a reload.
 */

let db: ThrowawaySchema;
let redis: RedisClient;
let app: NestFastifyApplication;

beforeAll(async () => {
  db = await throwawaySchema('notifications_windows', MIGRATIONS);
  redis = await openServiceRedis('notifications-windows');
  app = await notificationsHttpApp(db, redis, 'windows');
});

afterAll(async () => {
  await app?.close();
  if (redis) destroyRedisClient(redis);
  await db?.drop();
});

/** An escalation in `projectCode` for its supervisors; its ticket's id. */
async function escalation(projectCode: string): Promise<string> {
  const [escalated] = supervisorEscalations(1, projectCode, new Date('2026-12-04T02:15:00Z'));
  await app.get(RecordNotification).execute(db.dataSource.manager, escalated!.eventId, escalated!.alert);
  return escalated!.alert.data.ticketId;
}

const byTicket = (sink: RecordingSink) => new Map(sink.delivered.map((item) => [item.notification.ticket?.id, sink.shownReadAt(item.notification.id)]));

describe('marking all read with two windows open', () => {
  it('given two windows of one supervisor and a third serving another project too, each sent the notifications unread, when one marks all read through the API, then the others show them read at the time the inbox lists, and the other project’s stays unread', async () => {
    const sub = `sup-${randomUUID().slice(0, 8)}`;
    const reader: Reader = { sub, roles: ['supervisor'], projects: ['P1'] };
    const [marking, other, wider] = [new RecordingSink(), new RecordingSink(), new RecordingSink()];
    const streams = app.get(LiveStreams);
    await streams.open(reader, marking);
    await streams.open(reader, other);
    await streams.open({ ...reader, projects: ['P1', 'P2'] }, wider);
    const [first, second] = [await escalation('P1'), await escalation('P1')];
    const elsewhere = await escalation('P2');
    await eventually(() => {
      expect(byTicket(other)).toEqual(new Map([[first, undefined], [second, undefined]]));
      expect(byTicket(wider)).toEqual(new Map([[first, undefined], [second, undefined], [elsewhere, undefined]]));
    }, 10_000);

    const token = await signDevToken({ roles: 'supervisor', sub, projects: ['P1'] }, DEV_JWT_SECRET);
    const response = await app.inject({ method: 'POST', url: '/v1/notifications/read-all', headers: { authorization: `Bearer ${token}` } });
    expect({ status: response.statusCode, body: response.json() }).toEqual({ status: 200, body: { unreadCount: 0 } });

    const listed = (await app.get(ReadInbox).page(reader, { unreadOnly: false, limit: 2 })).items;
    const readAt = listed[0]!.readAt;
    expect(readAt).toBeInstanceOf(Date);
    expect(listed.map((item) => item.readAt)).toEqual([readAt, readAt]);
    await eventually(() => {
      expect(byTicket(other)).toEqual(new Map([[first, readAt], [second, readAt]]));
      expect(byTicket(marking)).toEqual(new Map([[first, readAt], [second, readAt]]));
      expect(byTicket(wider)).toEqual(new Map([[first, readAt], [second, readAt], [elsewhere, undefined]]));
    }, 10_000);
    // Each told once; the other project's never.
    expect(other.reads.map((read) => read.id).sort()).toEqual(listed.map((item) => item.notification.id).sort());
    expect(wider.reads).toHaveLength(2);
  });

  it('given Redis down when the marking tells the streams, then it still answers 200 with nothing unread, the marks committed', async () => {
    const sub = `sup-${randomUUID().slice(0, 8)}`;
    await escalation('P1');
    await eventually(async () => expect(await app.get(NotificationRepository).anyUnfed(db.dataSource.manager)).toBe(false), 10_000);
    jest.spyOn(app.get(FeedChannel), 'publish').mockRejectedValueOnce(new Error('The client is closed'));
    try {
      const token = await signDevToken({ roles: 'supervisor', sub, projects: ['P1'] }, DEV_JWT_SECRET);
      const response = await app.inject({ method: 'POST', url: '/v1/notifications/read-all', headers: { authorization: `Bearer ${token}` } });
      expect({ status: response.statusCode, body: response.json() }).toEqual({ status: 200, body: { unreadCount: 0 } });
      expect(app.get(FeedChannel).publish).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
