import { sqlMigration } from '@cs/persistence';

/**
 * A deleted subscription is marked and paused in the request; its delivery log, however long, is
 * purged in batches by the retention loop, which then removes the row. A nullable column without
 * a default is added without rewriting the table.
 */
export const DeletedSubscriptions1766400000000 = sqlMigration('DeletedSubscriptions1766400000000', {
  up: ['ALTER TABLE webhook_subscriptions ADD COLUMN deleted_at timestamptz'],
  down: ['DELETE FROM webhook_subscriptions WHERE deleted_at IS NOT NULL', 'ALTER TABLE webhook_subscriptions DROP COLUMN deleted_at'],
});
