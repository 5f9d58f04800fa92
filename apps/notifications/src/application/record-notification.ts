import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Gathering, InboxContext } from '@cs/platform';
import { ALERT_TYPES, Alert, notificationOf } from '../domain/notification';
import { webhookPayloadOf } from '../domain/webhook-payload';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { enqueueDeliveries } from './enqueue-deliveries';

/**
 * An escalation, SLA warning or breach, a ticket's or an incident's, becomes one notification
 * for its audience and one pending delivery per webhook subscription that wants it — in the
 * event's inbox transaction, so nothing is notified without its deliveries or delivered for an
 * event not handled.
 */
@Injectable()
export class RecordNotification {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  /** Idempotent by the event id: an event handled again adds nothing. */
  async execute(tx: EntityManager, eventId: string, alert: Alert, now: Date = new Date()): Promise<void> {
    await this.executeAll(tx, [{ eventId, alert }], now);
  }

  /**
   * Alerts of one consumer transaction, gathered and recorded together before it commits (a
   * burst of SLA warnings comes in chunks of many): the notifications in one statement, the
   * subscriptions read once, the deliveries in one statement.
   */
  gather(context: InboxContext, eventId: string, alert: Alert): void {
    this.gathered.add(context, { eventId, alert });
  }

  private readonly gathered = new Gathering<{ eventId: string; alert: Alert }>(ALERT_TYPES, (tx, items) => this.executeAll(tx, items));

  async executeAll(tx: EntityManager, items: readonly { eventId: string; alert: Alert }[], now: Date = new Date()): Promise<void> {
    const made = items.map(({ eventId, alert }) => ({ notification: notificationOf(randomUUID(), alert), sourceEventId: eventId }));
    const inserted = await this.notifications.insertAll(tx, made);
    const fresh = made.map((m) => m.notification).filter((n) => inserted.has(n.id));
    await enqueueDeliveries(
      tx,
      this.subscriptions,
      this.deliveries,
      fresh.map((n) => ({ id: n.id, kind: n.kind, projectCode: n.audience.projectCode, payload: webhookPayloadOf(n) })),
      now,
    );
  }
}
