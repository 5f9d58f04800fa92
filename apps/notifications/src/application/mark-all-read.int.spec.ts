import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, eventually, planWithoutSequentialScans, recordingQueries, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import type { Reader } from '../domain/audience';
import { MARKS_KEPT, type InboxMark } from '../domain/inbox-mark';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { PruneNotifications } from './prune-notifications';
import { ReadInbox } from './read-inbox';
import { supervisorEscalations } from '../testing/escalations';
import { toldStreams } from '../testing/told-streams';
import { RecordNotification } from './record-notification';

/**
 * 全部已读 — "mark all read" and the unread count it narrows: what a reader may see and has not
 * read, marked one by one or all at once, as notifications arrive, age out and reach them.
 */
let db: ThrowawaySchema;
const notifications = new NotificationRepository();
const marks = new InboxMarkRepository();
const record = new RecordNotification(notifications, new WebhookSubscriptionRepository(), new WebhookDeliveryRepository());
let inbox: ReadInbox;

beforeAll(async () => {
  db = await throwawaySchema('notifications_mark_all', MIGRATIONS);
  inbox = new ReadInbox(db.dataSource, notifications, marks, toldStreams());
});

afterAll(async () => {
  await db?.drop();
});

/** A project of the test's own: its readers see nothing another test recorded. */
const aProject = (): string => `P-${randomUUID().slice(0, 8)}`;
const supervisorOf = (...projects: string[]): Reader => ({ sub: `sup-${randomUUID().slice(0, 8)}`, roles: ['supervisor'], projects });

/** `count` escalations to the supervisors of `projectCode`; their ids, oldest first. */
async function escalations(count: number, projectCode: string): Promise<string[]> {
  const events = supervisorEscalations(count, projectCode, new Date());
  await db.dataSource.transaction((tx) => record.executeAll(tx, events, new Date()));
  const rows = (await db.dataSource.query('SELECT id::text FROM notifications WHERE source_event_id = ANY($1) ORDER BY seq', [events.map((e) => e.eventId)])) as { id: string }[];
  return rows.map((r) => r.id);
}

/** The live feed's relay gives every notification waiting for one its stream id. */
async function feed(): Promise<void> {
  await db.dataSource.transaction((tx) => notifications.claimForFeed(tx, 100_000));
}

async function unread(reader: Reader): Promise<number> {
  return (await inbox.page(reader, { unreadOnly: false, limit: 1 })).unreadCount;
}

/** The reader's whole inbox as listed, id → when they read it (undefined: unread). */
async function listed(reader: Reader): Promise<Map<string, Date | undefined>> {
  const page = await inbox.page(reader, { unreadOnly: false, limit: 200 });
  return new Map(page.items.map((item) => [item.notification.id, item.readAt]));
}

async function unreadListed(reader: Reader): Promise<string[]> {
  return (await inbox.page(reader, { unreadOnly: true, limit: 200 })).items.map((item) => item.notification.id);
}

describe('marking all read', () => {
  it('given five unread, when one is marked read, then four are; when all are, then none, each read since the marking and the one read before keeping its time', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    const ids = await escalations(5, project);
    await feed();
    expect(await unread(reader)).toBe(5);

    await inbox.markRead(ids[0]!, reader, new Date('2026-12-04T08:00:00Z'));
    expect(await unread(reader)).toBe(4);

    await inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z'));
    expect(await unread(reader)).toBe(0);
    expect(await unreadListed(reader)).toEqual([]);
    const readAt = await listed(reader);
    expect(ids.map((id) => readAt.get(id))).toEqual([new Date('2026-12-04T08:00:00Z'), ...Array(4).fill(new Date('2026-12-04T09:00:00Z'))]);
    // Marking one of them read again keeps the marking's time.
    expect((await inbox.markRead(ids[3]!, reader, new Date('2026-12-04T10:00:00Z'))).readAt).toEqual(new Date('2026-12-04T09:00:00Z'));
    expect((await listed(reader)).get(ids[3]!)).toEqual(new Date('2026-12-04T09:00:00Z'));
  });

  it('given all marked read, when new ones arrive (one given its stream id, one still waiting for it), then they are unread; marked all again, then none is and the first ones keep their time', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    const before = await escalations(2, project);
    await feed();
    await inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z'));

    const [fed] = await escalations(1, project);
    await feed();
    const [waiting] = await escalations(1, project);
    expect(await unread(reader)).toBe(2);
    expect((await unreadListed(reader)).sort()).toEqual([fed, waiting].sort());

    await inbox.markRead(fed!, reader, new Date('2026-12-04T09:30:00Z'));
    expect(await unreadListed(reader)).toEqual([waiting]);
    expect(await unread(reader)).toBe(1);

    await inbox.markAllRead(reader, new Date('2026-12-04T10:00:00Z'));
    await feed();
    expect(await unread(reader)).toBe(0);
    const readAt = await listed(reader);
    expect([...before, fed, waiting].map((id) => readAt.get(id!))).toEqual([
      new Date('2026-12-04T09:00:00Z'),
      new Date('2026-12-04T09:00:00Z'),
      new Date('2026-12-04T09:30:00Z'),
      new Date('2026-12-04T10:00:00Z'),
    ]);
  });

  it('given a notification still waiting for its stream id when all are marked read, then it stays read once it has one', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    const [waiting] = await escalations(1, project);
    await inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z'));
    await feed();

    expect(await unread(reader)).toBe(0);
    expect((await listed(reader)).get(waiting!)).toEqual(new Date('2026-12-04T09:00:00Z'));
  });

  it('given all marked read, when marked again with nothing new, then nothing changes', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    await escalations(3, project);
    await feed();
    await inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z'));
    const state = async () => ({
      mark: await marks.find(db.dataSource.manager, reader.sub),
      reads: (await db.dataSource.query('SELECT notification_id::text, read_at FROM notification_reads WHERE user_id = $1 ORDER BY 1', [reader.sub])) as unknown[],
      listed: await listed(reader),
    });
    const once = await state();

    await inbox.markAllRead(reader, new Date('2026-12-04T11:00:00Z'));

    expect(await state()).toEqual(once);
    expect(await unread(reader)).toBe(0);
  });

  it('given a supervisor of one project who marked all read, then another’s and another project’s notifications are untouched, and those reaching them through a project given them later are unread', async () => {
    const [mine, theirs] = [aProject(), aProject()];
    const reader = supervisorOf(mine);
    const colleague = supervisorOf(mine);
    const ours = await escalations(2, mine);
    const others = await escalations(3, theirs);
    await feed();

    await inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z'));

    expect(await unread(reader)).toBe(0);
    expect(await unread(colleague)).toBe(2);
    expect(await db.dataSource.query('SELECT 1 FROM notification_reads WHERE notification_id = ANY($1)', [others])).toEqual([]);
    // The same person, their token now serving the other project too.
    const widened: Reader = { ...reader, projects: [mine, theirs] };
    expect(await unread(widened)).toBe(3);
    expect((await unreadListed(widened)).sort()).toEqual([...others].sort());
    const readAt = await listed(widened);
    expect(ours.map((id) => readAt.get(id))).toEqual([new Date('2026-12-04T09:00:00Z'), new Date('2026-12-04T09:00:00Z')]);
    expect(others.map((id) => readAt.get(id))).toEqual([undefined, undefined, undefined]);

    await inbox.markAllRead(widened, new Date('2026-12-04T10:00:00Z'));
    expect(await unread(widened)).toBe(0);
    const after = await listed(widened);
    expect([...ours, ...others].map((id) => after.get(id))).toEqual([
      new Date('2026-12-04T09:00:00Z'),
      new Date('2026-12-04T09:00:00Z'),
      ...Array(3).fill(new Date('2026-12-04T10:00:00Z')),
    ]);
  });

  it('given a handler of a department who marked all read, when a notification for supervisors and handlers of no department reaches them through the supervisor role given them later, then it is unread in the list, the unread list and the count alike', async () => {
    const project = aProject();
    const handler: Reader = { sub: `h-${randomUUID().slice(0, 8)}`, roles: ['handler'], department: 'engineering', projects: [project] };
    const events = supervisorEscalations(1, project, new Date()).map(({ eventId, alert }) => {
      if (alert.type !== 'ticket.escalated.v1') throw new Error(`an escalation, not ${alert.type}`);
      return { eventId, alert: { ...alert, data: { ...alert.data, notify: { roles: ['supervisor' as const, 'handler' as const], projectCode: project, userIds: [] } } } };
    });
    await db.dataSource.transaction((tx) => record.executeAll(tx, events, new Date()));
    const [toBoth] = (await db.dataSource.query('SELECT id::text FROM notifications WHERE source_event_id = $1', [events[0]!.eventId])) as { id: string }[];
    await feed();
    // A handler is reached only for their department's notifications: this one is not theirs.
    expect(await unread(handler)).toBe(0);
    await inbox.markAllRead(handler, new Date('2026-12-04T09:00:00Z'));

    const promoted: Reader = { ...handler, roles: ['handler', 'supervisor'] };
    expect((await listed(promoted)).get(toBoth!.id)).toBeUndefined();
    expect([...(await listed(promoted)).keys()]).toEqual([toBoth!.id]);
    expect(await unreadListed(promoted)).toEqual([toBoth!.id]);
    expect(await unread(promoted)).toBe(1);
  });

  it('given unread notifications after a marking, when the retention deletes the old ones, then the count is of those left', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    const marked = await escalations(2, project);
    await feed();
    await inbox.markAllRead(reader, new Date());
    const arrived = await escalations(3, project);
    await feed();
    await inbox.markRead(arrived[0]!, reader);
    expect(await unread(reader)).toBe(2);

    await db.dataSource.query("UPDATE notifications SET created_at = now() - interval '400 days' WHERE id = ANY($1)", [[marked[0], arrived[0], arrived[1]]]);
    const prune = new PruneNotifications(db.dataSource, notifications, createLogger('notifications', 'silent'), loadServiceConfig('notifications', { NODE_ENV: 'test' }), new WebhookDeliveryRepository(), new WebhookSubscriptionRepository());
    expect(await prune.pruneOnce()).toBe(3);

    expect(await unread(reader)).toBe(1);
    expect(await unreadListed(reader)).toEqual([arrived[2]]);
    expect([...(await listed(reader)).keys()].sort()).toEqual([marked[1], arrived[2]].sort());
  });

  it('given notifications the retention is deleting at that moment, when their reader marks all read, then it waits and marks the rest, not a failed insert', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    await inbox.markAllRead(reader, new Date('2026-12-04T08:00:00Z'));
    const [going, staying] = await escalations(2, project);
    await db.dataSource.query("UPDATE notifications SET created_at = now() - interval '400 days' WHERE id = $1", [going]);
    const retention = db.dataSource.createQueryRunner();
    await retention.connect();
    try {
      await retention.startTransaction();
      expect(await notifications.deleteRecordedBefore(retention.manager, new Date(Date.now() - 180 * 86_400_000), 1_000)).toBeGreaterThanOrEqual(1);
      const waiting = await statementsWaitingForLocks(db.dataSource);

      const marking = inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z')).then(
        () => 'marked',
        (error: unknown) => error,
      );
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(waiting + 1), 10_000, 20);
      await retention.commitTransaction();

      expect(await marking).toBe('marked');
    } finally {
      if (retention.isTransactionActive) await retention.rollbackTransaction();
      await retention.release();
    }
    expect(await db.dataSource.query('SELECT notification_id::text AS id FROM notification_reads WHERE user_id = $1', [reader.sub])).toEqual([{ id: staying }]);
    expect(await unread(reader)).toBe(0);
  });
});

describe('marking all read from tokens of different scopes', () => {
  it('given all marked read from a token of two projects, when marked again from a token of one, then what the first covered in the other stays read, with its first time, when the token serves both again', async () => {
    const [first, second] = [aProject(), aProject()];
    const wide = supervisorOf(first, second);
    const narrow: Reader = { ...wide, projects: [first] };
    const inFirst = await escalations(1, first);
    const inSecond = await escalations(2, second);
    await feed();
    await inbox.markAllRead(wide, new Date('2026-12-04T09:00:00Z'));
    const later = await escalations(1, first);
    await feed();

    await inbox.markAllRead(narrow, new Date('2026-12-04T10:00:00Z'));

    expect(await unread(narrow)).toBe(0);
    expect(await unread(wide)).toBe(0);
    expect(await unreadListed(wide)).toEqual([]);
    const readAt = await listed(wide);
    expect([...inFirst, ...inSecond, ...later].map((id) => readAt.get(id))).toEqual([
      ...Array(3).fill(new Date('2026-12-04T09:00:00Z')),
      new Date('2026-12-04T10:00:00Z'),
    ]);
    // A notification of the second project since the wide marking is unread, as it should be.
    const [since] = await escalations(1, second);
    await feed();
    expect(await unreadListed(wide)).toEqual([since]);
    expect(await unread(wide)).toBe(1);
  });

  it('given all marked read from a token of two projects and later from one, when marked again from the two, then what the one-project marking read keeps that marking’s time, not the first marking’s (before it arrived)', async () => {
    const [first, second] = [aProject(), aProject()];
    const wide = supervisorOf(first, second);
    const narrow: Reader = { ...wide, projects: [first] };
    const [old] = await escalations(1, first);
    await feed();
    await inbox.markAllRead(wide, new Date('2026-12-04T09:00:00Z'));
    const [readNarrowly] = await escalations(1, first);
    await feed();
    await inbox.markAllRead(narrow, new Date('2026-12-04T10:00:00Z'));
    const [inSecond] = await escalations(1, second);
    await feed();
    expect((await listed(wide)).get(readNarrowly!)).toEqual(new Date('2026-12-04T10:00:00Z'));

    await inbox.markAllRead(wide, new Date('2026-12-04T11:00:00Z'));

    expect(await unread(wide)).toBe(0);
    const readAt = await listed(wide);
    expect([old, readNarrowly, inSecond].map((id) => readAt.get(id!))).toEqual([
      new Date('2026-12-04T09:00:00Z'),
      new Date('2026-12-04T10:00:00Z'),
      new Date('2026-12-04T11:00:00Z'),
    ]);
    expect((await listed(narrow)).get(readNarrowly!)).toEqual(new Date('2026-12-04T10:00:00Z'));
  });

  it('given all marked read, when a role given later reaches older notifications and all is marked read again, then they are read since then by a mark of the wider scope, without a read mark of their own each', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    await escalations(2, project);
    const toManagers = supervisorEscalations(3, project, new Date()).map(({ eventId, alert }) => {
      if (alert.type !== 'ticket.escalated.v1') throw new Error(`an escalation, not ${alert.type}`);
      return { eventId, alert: { ...alert, data: { ...alert.data, notify: { roles: ['manager' as const], projectCode: project, userIds: [] } } } };
    });
    await db.dataSource.transaction((tx) => record.executeAll(tx, toManagers, new Date()));
    await feed();
    await inbox.markAllRead(reader, new Date('2026-12-04T09:00:00Z'));
    const promoted: Reader = { ...reader, roles: ['supervisor', 'manager'] };
    expect(await unread(promoted)).toBe(3);

    await inbox.markAllRead(promoted, new Date('2026-12-04T10:00:00Z'));

    expect(await unread(promoted)).toBe(0);
    expect(await unread(reader)).toBe(0);
    const readAt = [...(await listed(promoted)).values()].map((at) => at?.toISOString()).sort();
    expect(readAt).toEqual([...Array(2).fill('2026-12-04T09:00:00.000Z'), ...Array(3).fill('2026-12-04T10:00:00.000Z')]);
    expect(await db.dataSource.query('SELECT 1 FROM notification_reads WHERE user_id = $1', [reader.sub])).toEqual([]);
  });
});

describe('the marks a reader keeps', () => {
  it('given a reader marking all read from ever wider tokens, one project more each time, then they keep MARKS_KEPT marks, the one reaching least far folded into read marks of its own, and every notification stays read since it was', async () => {
    const projects = Array.from({ length: MARKS_KEPT + 1 }, aProject);
    const sub = `sup-${randomUUID().slice(0, 8)}`;
    const tokenOf = (count: number): Reader => ({ sub, roles: ['supervisor'], projects: projects.slice(0, count) });
    const hour = (index: number) => new Date(Date.UTC(2026, 11, 4, index));
    const ids: string[] = [];
    for (const [index, project] of projects.entries()) {
      ids.push(...(await escalations(1, project)));
      await feed();
      await inbox.markAllRead(tokenOf(index + 1), hour(index));
    }

    const kept = await marks.find(db.dataSource.manager, sub);
    expect(kept).toHaveLength(MARKS_KEPT);
    expect(kept.map((mark) => mark.reader.projects?.length).sort((a, b) => a! - b!)).toEqual(projects.slice(1).map((_, index) => index + 2));
    const widest = tokenOf(projects.length);
    expect(await unread(widest)).toBe(0);
    const readAt = await listed(widest);
    expect(ids.map((id) => readAt.get(id))).toEqual(projects.map((_, index) => hour(index)));
    expect(await db.dataSource.query('SELECT notification_id::text AS id, read_at FROM notification_reads WHERE user_id = $1', [sub])).toEqual([{ id: ids[0], read_at: hour(0) }]);
    expect(await unread(tokenOf(1))).toBe(0);
  });
});

describe('one reader marking all read twice at once', () => {
  it('given a marking of a reader under way, when the same reader marks all read from a token of another scope, then the second waits for the first and decides from its mark', async () => {
    const [first, second] = [aProject(), aProject()];
    const reader = supervisorOf(first);
    await escalations(1, first);
    await escalations(1, second);
    await feed();
    const under = db.dataSource.createQueryRunner();
    await under.connect();
    try {
      await under.startTransaction();
      await marks.lockFor(under.manager, reader.sub);
      const waiting = await statementsWaitingForLocks(db.dataSource);

      const widened = { ...reader, projects: [first, second] };
      const marking = inbox.markAllRead(widened).then(() => 'marked');
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(waiting + 1), 10_000, 20);
      await under.commitTransaction();

      expect(await marking).toBe('marked');
    } finally {
      if (under.isTransactionActive) await under.rollbackTransaction();
      await under.release();
    }
    expect(await unread({ ...reader, projects: [first, second] })).toBe(0);
  });
});

describe('the live feed’s relay while readers mark read', () => {
  it('given a reader holding a notification waiting for its stream id (marking it read, as marking all read holds each it marks), when the relay numbers the feed, then it numbers the others without waiting, and that one once the reader is done (no deadlock with a marking holding some and waiting for others)', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    const [held, ...others] = await escalations(3, project);
    const marking = db.dataSource.createQueryRunner();
    await marking.connect();
    try {
      await marking.startTransaction();
      expect(await notifications.find(marking.manager, held!, reader, [], true)).toBeDefined();
      const waiting = await statementsWaitingForLocks(db.dataSource);

      let numbered: string[] | undefined;
      const relaying = db.dataSource
        .transaction((tx) => notifications.claimForFeed(tx, 100_000))
        .then((claimed) => (numbered = claimed.map((item) => item.notification.id)));
      // It ended, or it waits for the reader.
      await eventually(async () => expect(numbered !== undefined || (await statementsWaitingForLocks(db.dataSource)) === waiting + 1).toBe(true), 10_000, 20);
      expect(numbered).toBeDefined();
      expect(numbered).toEqual(expect.arrayContaining(others));
      expect(numbered).not.toContain(held);
      await marking.commitTransaction();
      await relaying;
    } finally {
      if (marking.isTransactionActive) await marking.rollbackTransaction();
      await marking.release();
    }
    await feed();
    expect(await db.dataSource.query('SELECT id::text FROM notifications WHERE id = ANY($1) AND feed_seq IS NULL', [[held, ...others]])).toEqual([]);
  });
});

describe('the unread count of a reader who marked all read', () => {
  /** The plan of the reader's count: through the stream ids' index and the index of those waiting for one, never the whole inbox. */
  async function expectCountSinceTheMark(reader: Reader, userMarks: readonly InboxMark[]): Promise<void> {
    const { db: recording, statements } = recordingQueries(db.dataSource);
    await notifications.unreadCount(recording, reader, userMarks, 1_000);
    const plan = await planWithoutSequentialScans(db.dataSource, statements[0]!);
    expect(plan).toMatch(/Index Cond: \(feed_seq > /);
    expect(plan).toMatch(/notifications_unpublished_idx/);
    expect(plan).not.toMatch(/Seq Scan on notifications|Index Scan using notifications_(pkey|project_idx|seq_key|created_at_idx)/);
  }

  it('given a deep inbox marked all read, then the count reads what came after the mark through the stream ids’ index and the index of those waiting for one, not every notification of the inbox', async () => {
    const project = aProject();
    const reader = supervisorOf(project);
    await escalations(2_000, project);
    await feed();
    await inbox.markAllRead(reader);
    await escalations(2, project);
    await feed();
    await escalations(1, project);
    await db.dataSource.query('ANALYZE notifications');
    const userMarks = await marks.find(db.dataSource.manager, reader.sub);
    expect(userMarks).toHaveLength(1);
    expect(await unread(reader)).toBe(3);

    await expectCountSinceTheMark(reader, userMarks);
  });

  it('given a deep inbox marked all read from a token of two projects and later from one, then the count of either reads what came after the mark of its scope through the same indexes', async () => {
    const [first, second] = [aProject(), aProject()];
    const wide = supervisorOf(first, second);
    const narrow: Reader = { ...wide, projects: [first] };
    await escalations(2_000, first);
    await feed();
    await inbox.markAllRead(wide);
    await escalations(2, second);
    await feed();
    await inbox.markAllRead(narrow);
    await escalations(1, second);
    await db.dataSource.query('ANALYZE notifications');
    const userMarks = await marks.find(db.dataSource.manager, wide.sub);
    expect(userMarks).toHaveLength(2);
    expect([await unread(wide), await unread(narrow)]).toEqual([3, 0]);

    await expectCountSinceTheMark(wide, userMarks);
    await expectCountSinceTheMark(narrow, userMarks);
  });
});
