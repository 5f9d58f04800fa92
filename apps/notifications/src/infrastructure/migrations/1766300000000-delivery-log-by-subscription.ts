import { onlineMigration } from '@cs/persistence';

/**
 * A subscription's delivery log pages newest first by `seq`: an index by subscription and seq, so
 * a page reads its rows in order instead of every delivery the subscription ever had, sorted, at
 * each page. Built while deliveries are written (ADR 0064).
 */
export const DeliveryLogBySubscription1766300000000 = onlineMigration('DeliveryLogBySubscription1766300000000', {
  up: [{ createIndex: 'webhook_deliveries_subscription_seq_idx', on: 'ON webhook_deliveries (subscription_id, seq)' }],
  down: [{ dropIndex: 'webhook_deliveries_subscription_seq_idx' }],
});
