import { sqlMigration } from '@cs/persistence';

/**
 * `tickets_customer_idx (customer_id)` is the leading column of `tickets_customer_item_idx
 * (customer_id, item_code, created_at DESC)`, which serves every read by customer as well; the
 * second index only cost each ticket's insert and each rewrite of its row (a timer burst rewrites
 * every ticket it warns) one more entry to keep.
 */
export const DropRedundantCustomerIndex1764820000000 = sqlMigration('DropRedundantCustomerIndex1764820000000', {
  up: [
    // Dropping takes the table's strongest lock: give up rather than queue every read of tickets
    // behind a long transaction; the migration job tries again.
    "SET LOCAL lock_timeout = '5s'",
    'DROP INDEX IF EXISTS tickets_customer_idx',
  ],
  down: ['CREATE INDEX IF NOT EXISTS tickets_customer_idx ON tickets (customer_id)'],
});
