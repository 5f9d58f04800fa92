import { onlineMigration } from '@cs/persistence';

/** Retention deletes notifications by age (NOTIFICATION_RETENTION_DAYS): an index by when each was recorded, built while notifications are written (ADR 0064). */
export const NotificationsByAge1766110000000 = onlineMigration('NotificationsByAge1766110000000', {
  up: [{ createIndex: 'notifications_created_at_idx', on: 'ON notifications (created_at)' }],
  down: [{ dropIndex: 'notifications_created_at_idx' }],
});
