import { onlineMigration, sqlMigration } from '@cs/persistence';

/**
 * PIPL erasure and merges of customers reach what knowledge keeps of what a customer asked (ADR
 * 0092): the customer of each ticket's demand, the ticket whose demand a gap's sample is, and the
 * customers merged away (each with the survivor it became) and erased — a ticket of theirs
 * arriving after the merge or the erasure, from another topic and so in no order with it, is
 * the survivor's, or kept without the words. Ids and times, nothing personal. The new columns are
 * added without a default, holding their tables' lock for the statement only.
 */
export const CustomerFates1766600000000 = sqlMigration('CustomerFates1766600000000', {
  up: [
    'CREATE TABLE merged_customers (customer_id uuid PRIMARY KEY, survivor_id uuid NOT NULL, merged_at timestamptz NOT NULL)',
    'CREATE INDEX merged_customers_survivor_idx ON merged_customers (survivor_id)',
    'CREATE TABLE erased_customers (customer_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL)',
    'ALTER TABLE ticket_suggestions ADD COLUMN customer_id uuid',
    'ALTER TABLE knowledge_gaps ADD COLUMN sample_ticket_id text',
  ],
  down: [
    'ALTER TABLE knowledge_gaps DROP COLUMN sample_ticket_id',
    'ALTER TABLE ticket_suggestions DROP COLUMN customer_id',
    'DROP TABLE erased_customers',
    'DROP TABLE merged_customers',
  ],
});

/**
 * A customer's tickets and the gaps their words began, built while tickets and gaps are written
 * (ADR 0064): an erasure or a merge reads them by these, not every ticket the service has seen.
 */
export const CustomerCopiesIndexed1766610000000 = onlineMigration('CustomerCopiesIndexed1766610000000', {
  up: [
    { createIndex: 'ticket_suggestions_customer_idx', on: 'ON ticket_suggestions (customer_id) WHERE customer_id IS NOT NULL' },
    { createIndex: 'knowledge_gaps_sample_ticket_idx', on: 'ON knowledge_gaps (sample_ticket_id) WHERE sample_ticket_id IS NOT NULL' },
  ],
  down: [{ dropIndex: 'knowledge_gaps_sample_ticket_idx' }, { dropIndex: 'ticket_suggestions_customer_idx' }],
});
