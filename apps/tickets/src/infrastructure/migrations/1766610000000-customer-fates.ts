import { sqlMigration } from '@cs/persistence';

/**
 * Customers merged away (each with the survivor it became, kept pointing at the last one when that
 * survivor is merged in turn) and customers erased (with their pseudonym): a contact of theirs
 * intake recorded before the merge or the erasure, arriving after it — keyed by its ticket, so in
 * no order with the customer's events — opens its ticket for the survivor, or under the pseudonym
 * without what was said. Ids, a pseudonym and times, nothing personal.
 */
export const CustomerFates1766610000000 = sqlMigration('CustomerFates1766610000000', {
  up: [
    'CREATE TABLE merged_customers (customer_id uuid PRIMARY KEY, survivor_id uuid NOT NULL, merged_at timestamptz NOT NULL)',
    'CREATE INDEX merged_customers_survivor_idx ON merged_customers (survivor_id)',
    'CREATE TABLE erased_customers (customer_id uuid PRIMARY KEY, pseudonym text NOT NULL, erased_at timestamptz NOT NULL)',
  ],
  down: ['DROP TABLE erased_customers', 'DROP TABLE merged_customers'],
});
