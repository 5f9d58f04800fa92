import { sqlMigration } from '@cs/persistence';

/**
 * The customers merged away, each with the survivor it became (kept pointing at the last one when
 * that survivor is merged in turn): a resolution, a close or a ticket of a duplicate arriving after
 * the merge (from another topic, so in no order with it) is then the survivor's, whom an erasure
 * reaches. Ids and a time, nothing personal.
 */
export const MergedCustomers1766340000000 = sqlMigration('MergedCustomers1766340000000', {
  up: [
    'CREATE TABLE merged_customers (customer_id uuid PRIMARY KEY, survivor_id uuid NOT NULL, merged_at timestamptz NOT NULL)',
    'CREATE INDEX merged_customers_survivor_idx ON merged_customers (survivor_id)',
  ],
  down: ['DROP TABLE merged_customers'],
});
