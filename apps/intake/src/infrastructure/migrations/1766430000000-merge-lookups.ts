import { onlineMigration } from '@cs/persistence';

/**
 * What a customer merge and an erasure look up by customer, by index rather than by reading whole
 * tables: a merge moves the duplicate's tickets by their customer (the index of open tickets
 * leaves out the resolved and closed ones, most of intake's copy of tickets), and a merge, an
 * erasure, an edit of phones or e-mail and the merge history walk the merges by survivor and
 * wipe their reasons by either side. Built while they are written (ADR 0064).
 */
export const MergeLookups1766430000000 = onlineMigration('MergeLookups1766430000000', {
  up: [
    { createIndex: 'known_tickets_customer_idx', on: 'ON known_tickets (customer_id)' },
    { createIndex: 'customer_merges_survivor_idx', on: 'ON customer_merges (survivor_id)' },
    { createIndex: 'customer_merges_merged_idx', on: 'ON customer_merges (merged_id)' },
  ],
  down: [{ dropIndex: 'customer_merges_merged_idx' }, { dropIndex: 'customer_merges_survivor_idx' }, { dropIndex: 'known_tickets_customer_idx' }],
});
