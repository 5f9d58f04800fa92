import { onlineMigration } from '@cs/persistence';

/**
 * The delivery worker reads each active subscription's due deliveries on their own (fair claims,
 * a paused subscription's backlog left unread): an index by subscription and due time, built
 * while deliveries are written (ADR 0064).
 */
export const DeliveriesDueBySubscription1766100000000 = onlineMigration('DeliveriesDueBySubscription1766100000000', {
  up: [{ createIndex: 'webhook_deliveries_subscription_due_idx', on: "ON webhook_deliveries (subscription_id, next_attempt_at) WHERE status = 'pending'" }],
  down: [{ dropIndex: 'webhook_deliveries_subscription_due_idx' }],
});
