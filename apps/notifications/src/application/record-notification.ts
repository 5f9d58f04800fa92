import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Alert, notificationOf } from '../domain/notification';
import { webhookPayloadOf } from '../domain/webhook-payload';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';

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
    const notification = notificationOf(randomUUID(), alert);
    if (!(await this.notifications.insert(tx, notification, eventId))) return;
    const subscriptionIds = await this.subscriptions.matching(tx, notification.kind, notification.audience.projectCode);
    await this.deliveries.enqueue(tx, notification.id, notification.kind, webhookPayloadOf(notification), subscriptionIds, now);
  }
}
