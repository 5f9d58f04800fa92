import { onlineMigration, sqlMigration } from '@cs/persistence';

/**
 * PIPL erasure and merges reach a customer's callbacks (ADR 0084): by customer, the callbacks and
 * the missed callbacks, indexed while they are written (ADR 0064) — an erasure or a merge no
 * longer reads every callback ever scheduled.
 */
export const CallbacksByCustomer1766320000000 = onlineMigration('CallbacksByCustomer1766320000000', {
  up: [
    { createIndex: 'callbacks_customer_idx', on: 'ON callbacks (customer_id)' },
    { createIndex: 'missed_callbacks_customer_idx', on: 'ON missed_callbacks (customer_id)' },
  ],
  down: [{ dropIndex: 'missed_callbacks_customer_idx' }, { dropIndex: 'callbacks_customer_idx' }],
});

/**
 * The customers erased: a resolution or a close of their tickets arriving after the erasure (from
 * another topic, so in no order with it) owes them no callback. An id and a time, nothing personal.
 */
export const ErasedCustomers1766330000000 = sqlMigration('ErasedCustomers1766330000000', {
  up: ['CREATE TABLE erased_customers (customer_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL)'],
  down: ['DROP TABLE erased_customers'],
});
