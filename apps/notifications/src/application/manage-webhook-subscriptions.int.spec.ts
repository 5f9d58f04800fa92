import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { SubscriptionChanges, WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { ManageWebhookSubscriptions } from './manage-webhook-subscriptions';
import { PruneNotifications } from './prune-notifications';

/** A deployment whose network lets notifications dial 443 only, as the shipped k8s manifests do. */
const config = loadServiceConfig('notifications', { NODE_ENV: 'test', NOTIFICATION_WEBHOOK_PORTS: '443' });
const everyProject = { sub: 'admin-1' };

let db: ThrowawaySchema;
let manage: ManageWebhookSubscriptions;

beforeAll(async () => {
  db = await throwawaySchema('notifications_subscriptions', MIGRATIONS);
  manage = new ManageWebhookSubscriptions(db.dataSource, new WebhookSubscriptionRepository(), new WebhookDeliveryRepository(), config);
});

afterAll(async () => {
  await db?.drop();
});

const refusal = (attempt: Promise<unknown>): Promise<unknown> =>
  attempt.then(
    () => 'accepted',
    (error: unknown) => (error instanceof DomainError ? { code: error.code, kind: error.kind, field: error.field } : error),
  );

describe('subscriptions the network could never deliver to', () => {
  it('are refused when made, naming the url, and nothing is stored', async () => {
    const made = refusal(manage.create({ name: 'sms', url: 'https://sms.example.com:8443/hook', eventTypes: ['sla_breached'] }, everyProject));
    expect(await made).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', kind: 'invalid', field: 'url' });
    expect(await manage.list(everyProject)).toEqual([]);
  });

  it('are refused when a subscription is repointed at one, which keeps its URL', async () => {
    const { subscription } = await manage.create({ name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] }, everyProject);
    const repointed = refusal(manage.update(subscription.id, { url: 'http://sms.example.com/hook' }, everyProject));
    expect(await repointed).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE', kind: 'invalid', field: 'url' });
    expect((await manage.get(subscription.id, everyProject)).url).toBe('https://sms.example.com/hook');
    expect((await manage.update(subscription.id, { url: 'https://sms.example.com:443/v2' }, everyProject)).url).toBe('https://sms.example.com:443/v2');
  });

  it('are refused when made or repointed at a private, loopback or link-local address, whatever the port', async () => {
    const made = refusal(manage.create({ name: 'metadata', url: 'https://169.254.169.254/latest/meta-data/', eventTypes: ['sla_breached'] }, everyProject));
    expect(await made).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED', kind: 'invalid', field: 'url' });
    const { subscription } = await manage.create({ name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] }, everyProject);
    const repointed = refusal(manage.update(subscription.id, { url: 'https://10.0.0.7/hook' }, everyProject));
    expect(await repointed).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED', kind: 'invalid', field: 'url' });
    expect((await manage.get(subscription.id, everyProject)).url).toBe('https://sms.example.com/hook');
    expect((await manage.list(everyProject)).map((s) => s.url)).not.toContain('https://169.254.169.254/latest/meta-data/');
  });

  it("leave a subscription alone when a change sends the url as null, as the API's validation lets through", async () => {
    const { subscription } = await manage.create({ name: 'sms', url: 'https://sms.example.com/hook', eventTypes: ['sla_breached'] }, everyProject);
    const changes = JSON.parse('{"name": "renamed", "url": null}') as SubscriptionChanges;
    expect(await manage.update(subscription.id, changes, everyProject)).toMatchObject({ name: 'renamed', url: 'https://sms.example.com/hook' });
  });
});

describe('deleting a subscription', () => {
  /** `count` pending deliveries of new notifications to the subscription, due now. */
  async function deliveriesOf(subscriptionId: string, count: number): Promise<string[]> {
    const notificationIds = Array.from({ length: count }, () => randomUUID());
    await db.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO notifications (id, source_event_id, kind, title, ticket_id, ticket_number, ticket_status, roles, occurred_at)
         SELECT id, id::text, 'major_complaint', 't', gen_random_uuid(), 'TK-20261008-000001', 'new', '{supervisor}', now() FROM unnest($1::uuid[]) AS id`,
        [notificationIds],
      );
      await new WebhookDeliveryRepository().enqueueAll(
        tx,
        notificationIds.map((notificationId) => ({ notificationId, subscriptionId, eventType: 'major_complaint' as const, payload: '{}' })),
        new Date(Date.now() - 1_000),
      );
    });
    return notificationIds;
  }
  const logOf = async (subscriptionId: string) =>
    ((await db.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1', [subscriptionId])) as { n: number }[])[0]!.n;

  it('given a subscription with a delivery log, when it is deleted, then it is gone at once, nothing more is sent for it, and the retention loop purges its log afterwards', async () => {
    const { subscription } = await manage.create({ name: 'gateway', url: 'https://gw.example.com/hook', eventTypes: ['major_complaint'] }, everyProject);
    await deliveriesOf(subscription.id, 5);

    await manage.remove(subscription.id, everyProject);

    // The request leaves the log to the loop: it locks and deletes none of it.
    expect(await logOf(subscription.id)).toBe(5);
    expect(await refusal(manage.get(subscription.id, everyProject))).toEqual({ code: 'WEBHOOK_SUBSCRIPTION.NOT_FOUND', kind: 'not_found', field: undefined });
    expect(await refusal(manage.deliveryLog(subscription.id, { limit: 10 }, everyProject))).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.NOT_FOUND' });
    expect(await refusal(manage.update(subscription.id, { active: true }, everyProject))).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.NOT_FOUND' });
    expect(await refusal(manage.remove(subscription.id, everyProject))).toMatchObject({ code: 'WEBHOOK_SUBSCRIPTION.NOT_FOUND' });
    expect((await manage.list(everyProject)).map((s) => s.id)).not.toContain(subscription.id);
    const claimed = await db.dataSource.transaction((tx) =>
      new WebhookDeliveryRepository().claimDue(tx, { limit: 100, perSubscription: 100, leaseMs: 60_000, maxAttempts: 8, busy: [] }),
    );
    expect(claimed.filter((c) => c.subscriptionId === subscription.id)).toEqual([]);

    const prune = new PruneNotifications(db.dataSource, new NotificationRepository(), createLogger('notifications', 'silent'), config, new WebhookDeliveryRepository(), new WebhookSubscriptionRepository());
    expect(await prune.purgeDeletedSubscriptions()).toBe(5);
    expect(await logOf(subscription.id)).toBe(0);
    expect(await db.dataSource.query('SELECT 1 FROM webhook_subscriptions WHERE id = $1', [subscription.id])).toEqual([]);
  });

  it('given a subscription deleted while replicas of the release before still run, when one of them turns it on again (its PATCH knows no deleted_at), then the database refuses it and nothing would send its deliveries', async () => {
    const { subscription } = await manage.create({ name: 'old gateway', url: 'https://old.example.com/hook', eventTypes: ['major_complaint'] }, everyProject);
    await manage.remove(subscription.id, everyProject);

    // The statement a replica of the release before runs for PATCH {"active": true} by an admin of every project.
    const turnedOn = db.dataSource.query(
      `UPDATE webhook_subscriptions SET updated_at = $2, name = coalesce($3, name), url = coalesce($4, url),
              event_types = coalesce($5::text[], event_types), active = coalesce($6, active)
        WHERE id = $1 AND TRUE RETURNING id::text`,
      [subscription.id, new Date(), null, null, null, true],
    );

    await expect(turnedOn).rejects.toMatchObject({ code: '23514' });
    // What that release reads as wanting notifications and as having deliveries due: the active subscriptions.
    expect(await db.dataSource.query('SELECT 1 FROM webhook_subscriptions WHERE id = $1 AND active', [subscription.id])).toEqual([]);
    // Forgotten as the retention loop forgets it (it has no log), so the next test's passes count only their own.
    expect(await new WebhookSubscriptionRepository().forgetPurged(db.dataSource.manager)).toBe(1);
  });

  it('given a deleted subscription’s log longer than a batch, then each pass of the loop purges one batch and asks for another at once', async () => {
    const { subscription } = await manage.create({ name: 'busy gateway', url: 'https://busy.example.com/hook', eventTypes: ['major_complaint'] }, everyProject);
    await deliveriesOf(subscription.id, 3);
    await manage.remove(subscription.id, everyProject);
    const deliveries = new WebhookDeliveryRepository();
    const subscriptions = new WebhookSubscriptionRepository();

    expect(await deliveries.purgeOfDeletedSubscriptions(db.dataSource.manager, 2)).toBe(2);
    expect(await subscriptions.forgetPurged(db.dataSource.manager)).toBe(0);
    expect(await logOf(subscription.id)).toBe(1);
    expect(await deliveries.purgeOfDeletedSubscriptions(db.dataSource.manager, 2)).toBe(1);
    expect(await subscriptions.forgetPurged(db.dataSource.manager)).toBe(1);
    expect(await logOf(subscription.id)).toBe(0);
  });
});
