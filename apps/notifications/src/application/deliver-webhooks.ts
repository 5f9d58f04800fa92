import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { MAX_BACKOFF_MS, RetryPolicy, afterAttempt } from '../domain/delivery-schedule';
import { ClaimedDelivery, WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookConnections, sendWebhook } from '../infrastructure/webhook-sender';

/** Attempts in flight on one replica at most. */
const SLOTS = 20;
/**
 * Of one subscription's due deliveries, how many one claim takes at most: a receiver that hangs
 * holds a few slots for its timeout, not all of them, so the other subscriptions' deliveries (a
 * major complaint for the leaders' group) go out meanwhile.
 */
const PER_SUBSCRIPTION = 4;
/** Beyond the request timeout, how long a claimed delivery stays with its worker. */
const LEASE_MARGIN_MS = 30_000;

/**
 * The delivery worker: every replica claims due deliveries (`FOR UPDATE SKIP LOCKED`, so none
 * is sent twice at once), sends each signed, and records the outcome — delivered, due again
 * after an exponential backoff, or failed after the last attempt. Receivers may still see a
 * delivery twice (a worker dying after the POST), so each carries its id in `X-CS-Delivery`.
 * Attempts run in slots: each round claims only as many as are free, fairly across the active
 * subscriptions, and does not wait for those in flight, so a slot a fast receiver frees is taken
 * at the next round while a slow receiver's attempts run out their timeout.
 */
@Injectable()
export class DeliverWebhooks extends BackgroundLoop {
  private readonly connections: WebhookConnections;
  private readonly inFlight = new Set<Promise<void>>();
  /** Attempts in flight on this replica, by subscription: one at its share gets no more slots until some end. */
  private readonly inFlightBySubscription = new Map<string, number>();

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
    await Promise.all(this.inFlight);
    await this.connections.close();
  }

  /** Starts attempts in the free slots; more may be due when it filled them all. */
  protected async poll(): Promise<boolean> {
    const free = SLOTS - this.inFlight.size;
    if (free === 0) return false;
    const claimed = await this.claim(free);
    for (const delivery of claimed) {
      const { subscriptionId } = delivery;
      this.inFlightBySubscription.set(subscriptionId, (this.inFlightBySubscription.get(subscriptionId) ?? 0) + 1);
      const attempt = this.attempt(delivery)
        .catch((error: unknown) => this.logger.error({ err: error, deliveryId: delivery.id }, 'webhook attempt could not be recorded; retried when its lease ends'))
        .finally(() => {
          this.inFlight.delete(attempt);
          const left = (this.inFlightBySubscription.get(subscriptionId) ?? 1) - 1;
          if (left > 0) this.inFlightBySubscription.set(subscriptionId, left);
          else this.inFlightBySubscription.delete(subscriptionId);
        });
      this.inFlight.add(attempt);
    }
    return claimed.length === free;
  }

  private get policy(): RetryPolicy {
    const n = this.config.notifications;
    return { maxAttempts: n.deliveryMaxAttempts, initialBackoffMs: n.deliveryBackoffMs, maxBackoffMs: MAX_BACKOFF_MS };
  }

  /** Attempts what is due now (the database's now), a round of every slot, and waits for them; returns how many attempts were made. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim(SLOTS);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private claim(limit: number): Promise<ClaimedDelivery[]> {
    const leaseMs = this.config.notifications.deliveryTimeoutMs + LEASE_MARGIN_MS;
    const busy = [...this.inFlightBySubscription].filter(([, n]) => n >= PER_SUBSCRIPTION).map(([id]) => id);
    return this.dataSource.transaction((tx) =>
      this.deliveries.claimDue(tx, { limit, perSubscription: PER_SUBSCRIPTION, leaseMs, maxAttempts: this.policy.maxAttempts, busy }),
    );
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
