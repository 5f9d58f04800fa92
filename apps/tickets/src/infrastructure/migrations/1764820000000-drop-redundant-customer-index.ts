import { onlineMigration } from '@cs/persistence';

/**
 * `tickets_customer_idx (customer_id)` is the leading column of `tickets_customer_item_idx
 * (customer_id, item_code, created_at DESC)`, which serves every read by customer as well; the
 * second index only cost each ticket's insert and each rewrite of its row (a timer burst rewrites
 * every ticket it warns) one more entry to keep. Dropped concurrently: the table's reads and
 * writes go on meanwhile (ADR 0064).
 */
export const DropRedundantCustomerIndex1764820000000 = onlineMigration('DropRedundantCustomerIndex1764820000000', {
  up: [{ dropIndex: 'tickets_customer_idx' }],
  down: [{ createIndex: 'tickets_customer_idx', on: 'ON tickets (customer_id)' }],
});
