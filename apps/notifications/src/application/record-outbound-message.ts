import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboundMessage, messagePayloadOf } from '../domain/outbound-message';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';

/**
 * A questionnaire link or a generated report becomes one outbound message and one pending
 * delivery per subscription of its kind and project, in the event's inbox transaction — the
 * same deliveries, signing and retries as a staff alert's, and no inbox entry.
 */
@Injectable()
export class RecordOutboundMessage {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  /** Idempotent by the event id: an event handled again adds nothing. */
  async execute(tx: EntityManager, eventId: string, message: OutboundMessage, now: Date = new Date()): Promise<void> {
    if (!(await this.notifications.insertMessage(tx, message, eventId))) return;
    const subscriptionIds = await this.subscriptions.matching(tx, message.kind, message.projectCode);
    await this.deliveries.enqueue(tx, message.id, message.kind, messagePayloadOf(message), subscriptionIds, now);
  }
}
