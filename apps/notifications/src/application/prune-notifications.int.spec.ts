import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, eventually, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { PruneNotifications } from './prune-notifications';
import { ReadInbox, UNREAD_COUNT_CAP } from './read-inbox';
import { supervisorEscalations } from '../testing/escalations';
import { toldStreams } from '../testing/told-streams';
import { RecordNotification } from './record-notification';

/**
 * Notifications are kept for the retention days and then deleted with their read marks and
 * their webhook deliveries; the unread count stops at its cap instead of reading every alert.
 */
let db: ThrowawaySchema;
const notifications = new NotificationRepository();
const subscriptions = new WebhookSubscriptionRepository();
const record = new RecordNotification(notifications, subscriptions, new WebhookDeliveryRepository());
const supervisor = { sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] };

/** `count` escalations in P1 recorded at `at`; their ids. */
async function escalations(count: number, at: Date): Promise<string[]> {
  const events = supervisorEscalations(count, 'P1', at);
  await db.dataSource.transaction((tx) => record.executeAll(tx, events, at));
  const rows = (await db.dataSource.query('SELECT id::text FROM notifications WHERE source_event_id = ANY($1)', [events.map((e) => e.eventId)])) as { id: string }[];
  expect(rows).toHaveLength(count);
  await db.dataSource.query('UPDATE notifications SET created_at = $2 WHERE id = ANY($1)', [rows.map((r) => r.id), at]);
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  db = await throwawaySchema('notifications_prune', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

describe('keeping notifications for the retention days', () => {
  it('given notifications older than the retention, then they go with their read marks and deliveries, and the newer ones stay', async () => {
    const subscriptionId = randomUUID();
    const now = new Date('2026-12-04T08:00:00Z');
    await db.dataSource.transaction((tx) =>
      subscriptions.insert(
        tx,
        { id: subscriptionId, name: 'gateway', url: 'http://127.0.0.1:9/hook', eventTypes: ['major_complaint'], active: true, createdBy: 'admin', createdAt: now, updatedAt: now },
        'whsec_x',
      ),
    );
    const old = await escalations(3, new Date('2026-06-01T08:00:00Z'));
    const recent = await escalations(2, new Date('2026-11-30T08:00:00Z'));
    expect((await db.dataSource.query('SELECT 1 FROM webhook_deliveries WHERE subscription_id = $1', [subscriptionId])).length).toBe(5);
    await db.dataSource.transaction((tx) => notifications.markRead(tx, old[0]!, 'sup-1', now));
    await db.dataSource.query("UPDATE webhook_deliveries SET status = CASE WHEN notification_id = $2 THEN 'failed' ELSE 'delivered' END WHERE notification_id = ANY($1)", [old, old[0]]);

    const prune = new PruneNotifications(db.dataSource, notifications, createLogger('notifications', 'silent'), loadServiceConfig('notifications', { NODE_ENV: 'test' }), new WebhookDeliveryRepository(), subscriptions);
    expect(await prune.pruneOnce(now)).toBe(3);
    expect(await prune.pruneOnce(now)).toBe(0);

    const left = (await db.dataSource.query('SELECT id::text FROM notifications')) as { id: string }[];
    expect(left.map((r) => r.id).sort()).toEqual([...recent].sort());
    expect(await db.dataSource.query('SELECT 1 FROM notification_reads WHERE notification_id = ANY($1)', [old])).toEqual([]);
    expect(await db.dataSource.query('SELECT 1 FROM webhook_deliveries WHERE notification_id = ANY($1)', [old])).toEqual([]);
    expect((await db.dataSource.query('SELECT 1 FROM webhook_deliveries WHERE notification_id = ANY($1)', [recent])).length).toBe(2);
  });

  it('given an old notification a paused subscription still owes a delivery of, then it stays until the delivery ends', async () => {
    const subscriptionId = randomUUID();
    const now = new Date('2026-12-04T08:00:00Z');
    await db.dataSource.transaction((tx) =>
      subscriptions.insert(
        tx,
        { id: subscriptionId, name: 'paused', url: 'http://127.0.0.1:9/hook', eventTypes: ['major_complaint'], active: true, createdBy: 'admin', createdAt: now, updatedAt: now },
        'whsec_y',
      ),
    );
    const [owed] = await escalations(1, new Date('2026-05-01T08:00:00Z'));
    await db.dataSource.query('UPDATE webhook_subscriptions SET active = false WHERE id = $1', [subscriptionId]);
    // Every other subscription has been told: only the paused one still owes this notification.
    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'delivered' WHERE notification_id = $1 AND subscription_id <> $2", [owed, subscriptionId]);
    const prune = new PruneNotifications(db.dataSource, notifications, createLogger('notifications', 'silent'), loadServiceConfig('notifications', { NODE_ENV: 'test' }), new WebhookDeliveryRepository(), subscriptions);

    expect(await prune.pruneOnce(now)).toBe(0);
    expect(await db.dataSource.query("SELECT status FROM webhook_deliveries WHERE notification_id = $1 AND subscription_id = $2", [owed, subscriptionId])).toEqual([{ status: 'pending' }]);

    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'delivered' WHERE notification_id = $1 AND subscription_id = $2", [owed, subscriptionId]);
    expect(await prune.pruneOnce(now)).toBe(1);
    expect(await db.dataSource.query('SELECT 1 FROM notifications WHERE id = $1', [owed])).toEqual([]);
  });

  it('given more unread notifications than the cap, then the inbox counts up to the cap', async () => {
    await escalations(UNREAD_COUNT_CAP + 5, new Date());
    const inbox = new ReadInbox(db.dataSource, notifications, new InboxMarkRepository(), toldStreams());
    const page = await inbox.page(supervisor, { unreadOnly: true, limit: 1 });
    expect(page.unreadCount).toBe(UNREAD_COUNT_CAP);
    const limited = await notifications.unreadCount(db.dataSource.manager, supervisor, [], 1_000_000);
    expect(limited).toBeGreaterThan(UNREAD_COUNT_CAP);
  });

  it('given a deleted subscription’s log lying in another order than its notifications, when one replica’s round purges the log while another’s deletes those expired notifications, then both finish and nothing is left (no deadlock)', async () => {
    const now = new Date('2026-12-04T08:00:00Z');
    const subscriptionId = randomUUID();
    await db.dataSource.transaction((tx) =>
      subscriptions.insert(
        tx,
        { id: subscriptionId, name: 'gone', url: 'http://127.0.0.1:9/hook', eventTypes: ['major_complaint'], active: false, createdBy: 'admin', createdAt: now, updatedAt: now },
        'whsec_z',
      ),
    );
    // Recorded oldest first, while their deliveries lie the other way round in their table (the
    // order a table's reused space gives them): the purge meets them in one order, the cascade of
    // the notifications' deletion in the other.
    const [older, newer] = [...(await escalations(1, new Date('2026-04-01T08:00:00Z'))), ...(await escalations(1, new Date('2026-04-02T08:00:00Z')))];
    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'delivered' WHERE notification_id = ANY($1)", [[older, newer]]);
    const [first, last] = [randomUUID(), randomUUID()];
    for (const [id, notificationId] of [[last, newer], [first, older]] as const) {
      await db.dataSource.query(
        "INSERT INTO webhook_deliveries (id, subscription_id, notification_id, event_type, payload, status, created_at) VALUES ($1, $2, $3, 'major_complaint', '{}', 'delivered', $4)",
        [id, subscriptionId, notificationId, now],
      );
    }
    await subscriptions.delete(db.dataSource.manager, subscriptionId, undefined, now);
    const config = loadServiceConfig('notifications', { NODE_ENV: 'test' });
    const replica = () => new PruneNotifications(db.dataSource, notifications, createLogger('notifications', 'silent'), config, new WebhookDeliveryRepository(), subscriptions);

    // A statement of a third transaction holds the older notification's delivery for a moment, so
    // the two rounds meet in the middle of their statements, as they do when they run at once.
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT 1 FROM webhook_deliveries WHERE id = $1 FOR UPDATE', [first]);
      const waiting = await statementsWaitingForLocks(db.dataSource);
      const pruning = replica().pruneOnce(now).then((n) => n, (error: unknown) => error);
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBe(waiting + 1), 10_000, 20);
      let purgeEnded = false;
      const purging = replica()
        .purgeDeletedSubscriptions()
        .then((n) => n, (error: unknown) => error)
        .finally(() => (purgeEnded = true));
      // The purge has taken what it could: it ended, or it waits too.
      await eventually(async () => expect(purgeEnded || (await statementsWaitingForLocks(db.dataSource)) === waiting + 2).toBe(true), 10_000, 20);
      await holder.commitTransaction();

      const [pruned, purged] = await Promise.all([pruning, purging]);
      expect({ pruned, purged }).toEqual({ pruned: expect.any(Number), purged: expect.any(Number) });
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    await replica().purgeDeletedSubscriptions();
    expect(await db.dataSource.query('SELECT 1 FROM webhook_deliveries WHERE subscription_id = $1', [subscriptionId])).toEqual([]);
    expect(await db.dataSource.query('SELECT 1 FROM webhook_subscriptions WHERE id = $1', [subscriptionId])).toEqual([]);
    expect(await db.dataSource.query('SELECT 1 FROM notifications WHERE id = ANY($1)', [[older, newer]])).toEqual([]);
  });

  it('given a notification the retention is deleting at that moment, when its reader marks it read, then it is 404, not a failed insert', async () => {
    const now = new Date('2026-12-04T08:00:00Z');
    const [going] = await escalations(1, new Date('2026-05-01T08:00:00Z'));
    // Other tests' subscriptions were told of it: nothing of theirs holds it back.
    await db.dataSource.query("UPDATE webhook_deliveries SET status = 'delivered' WHERE notification_id = $1", [going]);
    const retention = db.dataSource.createQueryRunner();
    await retention.connect();
    try {
      await retention.startTransaction();
      expect(await notifications.deleteRecordedBefore(retention.manager, new Date(now.getTime() - 180 * 86_400_000), 1_000)).toBeGreaterThanOrEqual(1);

      const marking = new ReadInbox(db.dataSource, notifications, new InboxMarkRepository(), toldStreams()).markRead(going!, supervisor, now).then(
        () => 'marked',
        (error: unknown) => error,
      );
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThanOrEqual(1), 10_000, 20);
      await retention.commitTransaction();

      expect(await marking).toMatchObject({ code: 'NOTIFICATION.NOT_FOUND', kind: 'not_found' });
    } finally {
      if (retention.isTransactionActive) await retention.rollbackTransaction();
      await retention.release();
    }
    expect(await db.dataSource.query('SELECT 1 FROM notification_reads WHERE notification_id = $1', [going])).toEqual([]);
  });
});
