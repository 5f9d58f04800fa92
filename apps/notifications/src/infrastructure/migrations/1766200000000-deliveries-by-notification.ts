import { onlineMigration } from '@cs/persistence';

/**
 * Retention deletes old notifications with their deliveries (a cascade looks them up by
 * notification) and keeps those a delivery still waits for: an index by notification, built while
 * deliveries are written (ADR 0064). Without it each deleted notification read the whole table.
 */
export const DeliveriesByNotification1766200000000 = onlineMigration('DeliveriesByNotification1766200000000', {
  up: [{ createIndex: 'webhook_deliveries_notification_idx', on: 'ON webhook_deliveries (notification_id)' }],
  down: [{ dropIndex: 'webhook_deliveries_notification_idx' }],
});
