import { sqlMigration } from '@cs/persistence';

/**
 * A deleted subscription stays paused until the retention loop has purged its log and removed it.
 * Replicas of the release before know no `deleted_at`: they list such a row as a paused
 * subscription, and their PATCH `active: true` would turn it on again, so that they enqueued and
 * sent its deliveries. The check refuses that statement. Any row so turned on before it is paused
 * first; the table holds one row per subscription, so the check's scan is short.
 */
export const DeletedSubscriptionsStayPaused1766410000000 = sqlMigration('DeletedSubscriptionsStayPaused1766410000000', {
  up: [
    'UPDATE webhook_subscriptions SET active = false WHERE deleted_at IS NOT NULL AND active',
    'ALTER TABLE webhook_subscriptions ADD CONSTRAINT webhook_subscriptions_deleted_paused_check CHECK (deleted_at IS NULL OR NOT active)',
  ],
  down: ['ALTER TABLE webhook_subscriptions DROP CONSTRAINT webhook_subscriptions_deleted_paused_check'],
});
