import type { EntityManager } from 'typeorm';
import type { WebhookKind } from '../domain/outbound-message';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository, wants } from '../infrastructure/webhook-subscription.repository';

/** A notification or an outbound message just recorded, as its deliveries carry it. */
export interface Deliverable {
  readonly id: string;
  readonly kind: WebhookKind;
  readonly projectCode: string | undefined;
  readonly payload: string;
}

/**
 * One pending delivery of each item to every active subscription that wants its kind from its
 * project: the subscriptions read once, the deliveries written in one statement, however many items.
 */
export async function enqueueDeliveries(
  tx: EntityManager,
  subscriptions: WebhookSubscriptionRepository,
  deliveries: WebhookDeliveryRepository,
  items: readonly Deliverable[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  const wanting = await subscriptions.wantingAny(tx, [...new Set(items.map((item) => item.kind))]);
  await deliveries.enqueueAll(
    tx,
    items.flatMap((item) =>
      wanting
        .filter((s) => wants(s, item.kind, item.projectCode))
        .map((s) => ({ notificationId: item.id, subscriptionId: s.id, eventType: item.kind, payload: item.payload })),
    ),
    now,
  );
}
