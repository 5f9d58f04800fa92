import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboundMessage, messagePayloadOf } from '../domain/outbound-message';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';
import { enqueueDeliveries } from './enqueue-deliveries';

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
    await this.executeAll(tx, [{ sourceId: eventId, message }], now);
  }

  /**
   * Messages however many (an incident's update, one per customer who called about it) in three
   * statements: one insert, one read of the subscriptions, one insert of deliveries. One after
   * another, a thousand customers held the topic's later events — a major complaint's alert among
   * them — behind three thousand round trips. Idempotent by each source id.
   */
  async executeAll(tx: EntityManager, messages: readonly { readonly sourceId: string; readonly message: OutboundMessage }[], now: Date = new Date()): Promise<void> {
    const inserted = await this.notifications.insertMessages(
      tx,
      messages.map(({ sourceId, message }) => ({ message, sourceEventId: sourceId })),
    );
    const fresh = messages.map((m) => m.message).filter((m) => inserted.has(m.id));
    await enqueueDeliveries(
      tx,
      this.subscriptions,
      this.deliveries,
      fresh.map((m) => ({ id: m.id, kind: m.kind, projectCode: m.projectCode, payload: messagePayloadOf(m) })),
      now,
    );
  }
}
