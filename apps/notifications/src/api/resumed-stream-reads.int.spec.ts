import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import type { RedisClient } from '@cs/persistence';
import { REDIS, createValidationPipe, installRequestInput } from '@cs/platform';
import { REDIS_LOSSES, ThrowawaySchema, buildHttpTestApp, eventually, redisBehindRelayFor, throwawaySchema } from '@cs/testing';
import { ReadInbox } from '../application/read-inbox';
import { RecordNotification } from '../application/record-notification';
import { TellStreamsRead } from '../application/tell-streams-read';
import { MIGRATIONS } from '../infrastructure/migrations';
import { supervisorEscalations } from '../testing/escalations';
import { EventStreamReader } from '../testing/event-stream-reader';
import { liveFeedProviders } from '../testing/live-feed-providers';
import { NotificationsController } from './notifications.controller';

/**
 * A desk whose stream ends (a network drop, a token expiring) and resumes with Last-Event-ID: what
 * was marked read meanwhile, of what its earlier connection was sent, shows read on it, over the
 * real HTTP stream, Redis up or lost.
 */

let db: ThrowawaySchema;
let baseUrl: string;

beforeAll(async () => {
  db = await throwawaySchema('notifications_resumed_reads', MIGRATIONS);
});

const bed = redisBehindRelayFor('notifications-resumed-reads', async (redis) => {
  const app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [NotificationsController],
    providers: [...liveFeedProviders(db, redis, 'resumed-reads'), TellStreamsRead, ReadInbox],
    pipes: [createValidationPipe()],
    configure: installRequestInput,
  });
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
  return app;
});

afterAll(async () => {
  await db?.drop();
});

const app = (): NestFastifyApplication => bed.subject;

/** An escalation in `projectCode` for its supervisors; the notification's id once its stream sent it. */
async function escalation(projectCode: string, stream: EventStreamReader): Promise<string> {
  const [escalated] = supervisorEscalations(1, projectCode, new Date('2026-12-05T02:15:00Z'));
  await app().get(RecordNotification).execute(db.dataSource.manager, escalated!.eventId, escalated!.alert);
  const ticketId = escalated!.alert.data.ticketId;
  let id: string | undefined;
  await eventually(() => {
    const sent = stream.dataOf('notification').find((item) => (item['ticket'] as { id: string }).id === ticketId);
    expect(sent).toMatchObject({ read: false });
    id = sent!['id'] as string;
  }, 15_000);
  return id!;
}

async function post(token: string, url: string): Promise<number> {
  const response = await app().inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` } });
  return response.statusCode;
}

const supervisor = (sub: string, projects: string[]) => signDevToken({ roles: 'supervisor', sub, projects }, DEV_JWT_SECRET);

/** When the reader's inbox lists each read, by id; the unread left out. */
async function listedReadAt(sub: string, projects: string[]): Promise<Map<string, string>> {
  const { items } = await app().get(ReadInbox).page({ sub, roles: ['supervisor'], projects }, { unreadOnly: false, limit: 50 });
  return new Map(items.flatMap((item) => (item.readAt ? [[item.notification.id, item.readAt.toISOString()]] : [])));
}

const readsOn = (stream: EventStreamReader) => new Map(stream.dataOf('read').map((read) => [read['id'] as string, read['readAt'] as string]));

describe('a stream resuming with Last-Event-ID', () => {
  it('given a window sent notifications unread that ended, when they are marked read singly and by marking all read, then the window resuming is told each read at the inbox’s time, of its projects only, not one read before its last id, and then what is read later too', async () => {
    const sub = `sup-${randomUUID().slice(0, 8)}`;
    const both = await supervisor(sub, ['P1', 'P2']);
    const window = await EventStreamReader.open(baseUrl, both);
    const early = await escalation('P1', window);
    expect(await post(both, `/v1/notifications/${early}/read`)).toBe(200);
    await eventually(() => expect([...readsOn(window).keys()]).toEqual([early]), 15_000);
    const [single, byMark, elsewhere] = [await escalation('P1', window), await escalation('P1', window), await escalation('P2', window)];
    const lastEventId = window.lastEventId;
    window.close();

    expect(await post(both, `/v1/notifications/${single}/read`)).toBe(200);
    expect(await post(await supervisor(sub, ['P1']), '/v1/notifications/read-all')).toBe(200);
    const listed = await listedReadAt(sub, ['P1', 'P2']);
    expect([...listed.keys()].sort()).toEqual([early, single, byMark].sort());

    const resumed = await EventStreamReader.open(baseUrl, both, lastEventId);
    await eventually(() => expect(readsOn(resumed)).toEqual(new Map([[single, listed.get(single)], [byMark, listed.get(byMark)]])), 15_000);
    expect(resumed.dataOf('notification')).toEqual([]);

    // In step from then on: what the earlier connection sent unread is told read when it is read.
    expect(await post(both, `/v1/notifications/${elsewhere}/read`)).toBe(200);
    const elsewhereReadAt = (await listedReadAt(sub, ['P2'])).get(elsewhere);
    await eventually(() => expect(resumed.dataOf('read')).toHaveLength(3), 15_000);
    expect(resumed.dataOf('read')[2]).toEqual({ id: elsewhere, readAt: elsewhereReadAt });

    // A stream of P1 alone resuming there is told nothing of P2's.
    const narrower = await EventStreamReader.open(baseUrl, await supervisor(sub, ['P1']), lastEventId);
    await eventually(() => expect([...readsOn(narrower).keys()].sort()).toEqual([single, byMark].sort()), 15_000);
    resumed.close();
    narrower.close();
  });

  it.each(REDIS_LOSSES)('given Redis %s while a notification a window was sent unread is marked read, then the marking answers 200 and the window resuming with Last-Event-ID is told it read, from Postgres', async (_, mode) => {
    const sub = `sup-${randomUUID().slice(0, 8)}`;
    const token = await supervisor(sub, ['P1']);
    const window = await EventStreamReader.open(baseUrl, token);
    const notification = await escalation('P1', window);
    await bed.relay.cut(mode);
    try {
      expect(await post(token, `/v1/notifications/${notification}/read`)).toBe(200);
      const lastEventId = window.lastEventId;
      window.close();
      const resumed = await EventStreamReader.open(baseUrl, token, lastEventId);
      const listed = await listedReadAt(sub, ['P1']);
      await eventually(() => expect(readsOn(resumed)).toEqual(new Map([[notification, listed.get(notification)]])), 15_000);
      resumed.close();
    } finally {
      await bed.relay.restore();
      // Redis is back once the service's client is: a test after this one publishing while it still
      // reconnected would see its notification only at the next catch-up from Postgres, seconds on.
      await eventually(() => expect(app().get<RedisClient>(REDIS).isReady).toBe(true), 15_000, 50);
    }
  });
});
