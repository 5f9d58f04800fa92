import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';

/** Deleted per statement: a short transaction, whatever the backlog after a long outage or a first run. */
const BATCH = 1_000;
/** Retention has no hurry; once an hour is enough to keep the table a few months deep. */
const EVERY_MS = 60 * 60_000;

/**
 * Keeps the notifications of the last `NOTIFICATION_RETENTION_DAYS` (180 by default) and deletes
 * older ones, with their read marks and their webhook deliveries: the inbox, its unread count and
 * the delivery log read the table by their conditions, and would otherwise read every alert ever
 * sent. Every replica may run it; the deletes of two at once simply share the work. It purges
 * the delivery logs of deleted subscriptions too, a batch at a time, and then forgets them.
 */
@Injectable()
export class PruneNotifications extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
  ) {
    super('pruning old notifications', logger, EVERY_MS);
  }

  /** Deletes one batch of notifications older than the retention at `now`; returns how many. */
  async pruneOnce(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.notifications.retentionDays * 86_400_000);
    return this.notifications.deleteRecordedBefore(this.dataSource.manager, before, BATCH);
  }

  /**
   * Deletes one batch of deleted subscriptions' deliveries, and the subscriptions left with none;
   * returns how many deliveries went.
   */
  async purgeDeletedSubscriptions(): Promise<number> {
    const purged = await this.deliveries.purgeOfDeletedSubscriptions(this.dataSource.manager, BATCH);
    await this.subscriptions.forgetPurged(this.dataSource.manager);
    return purged;
  }

  protected async poll(): Promise<boolean> {
    // First, so a deleted subscription's pending deliveries no longer hold old notifications back.
    const purged = await this.purgeDeletedSubscriptions();
    return (await this.pruneOnce()) === BATCH || purged === BATCH;
  }
}
