import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { MAX_BACKOFF_MS, RetryPolicy, afterAttempt } from '../domain/delivery-schedule';
import { ClaimedDelivery, WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookConnections, sendWebhook } from '../infrastructure/webhook-sender';

const BATCH = 20;
/** Beyond the request timeout, how long a claimed delivery stays with its worker. */
const LEASE_MARGIN_MS = 30_000;

/**
 * The delivery worker: every replica claims due deliveries (`FOR UPDATE SKIP LOCKED`, so none
 * is sent twice at once), sends each signed, and records the outcome — delivered, due again
 * after an exponential backoff, or failed after the last attempt. Receivers may still see a
 * delivery twice (a worker dying after the POST), so each carries its id in `X-CS-Delivery`.
 */
@Injectable()
export class DeliverWebhooks extends BackgroundLoop {
  private readonly connections: WebhookConnections;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    super('webhook delivery', logger, config.notifications.deliveryPollMs);
    this.connections = new WebhookConnections(config.notifications.webhookDestinations);
  }

  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    await this.connections.close();
  }

  protected async poll(): Promise<boolean> {
    return (await this.deliverDue()) === BATCH;
  }

  private get policy(): RetryPolicy {
    const n = this.config.notifications;
    return { maxAttempts: n.deliveryMaxAttempts, initialBackoffMs: n.deliveryBackoffMs, maxBackoffMs: MAX_BACKOFF_MS };
  }

  /** Attempts what is due now; returns how many attempts were made. */
  async deliverDue(now: Date = new Date()): Promise<number> {
    const leaseUntil = new Date(now.getTime() + this.config.notifications.deliveryTimeoutMs + LEASE_MARGIN_MS);
    const claimed = await this.dataSource.transaction((tx) => this.deliveries.claimDue(tx, now, BATCH, leaseUntil));
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const result = await sendWebhook(
      { deliveryId: delivery.id, eventType: delivery.eventType, url: delivery.url, secret: delivery.secret, payload: delivery.payload },
      this.config.notifications.deliveryTimeoutMs,
      this.connections,
    );
    const at = new Date();
    const outcome = afterAttempt(delivery.attempt, result.ok, this.policy, at);
    await this.deliveries.record(this.dataSource.manager, delivery.id, delivery.attempt, outcome, result, at);
    if (outcome.status === 'failed') this.logger.warn({ deliveryId: delivery.id, attempts: delivery.attempt, statusCode: result.statusCode }, 'webhook delivery failed for good');
  }
}
