import { onlineMigration } from '@cs/persistence';

/**
 * Lets the rewrites of a ticket row that touch no indexed column, an SLA warning's above all, stay
 * on the row's page without a new entry in each of the table's indexes (a heap-only tuple, HOT;
 * ADR 0063):
 * - the GIN index over every open ticket's `clocks`, which each warning changes and only the walk
 *   after a calendar change read, gives way to a btree over the open tickets' ids, which that walk
 *   reads in order, checking each one's clocks;
 * - the table keeps a fifth of each new page free, room for a row's next versions.
 * Pages written before keep no room until their rows move; a row rewritten the old way moves to
 * a page with room, so the table comes to it as it is used.
 *
 * Every step lets the table's writes go on (ADR 0064): the fill factor takes a lock only other
 * schema changes and vacuums wait on, and the indexes are built and dropped concurrently, the new
 * one first, so the walk always has one to read.
 */
export const InPlaceTicketRewrites1764830000000 = onlineMigration('InPlaceTicketRewrites1764830000000', {
  up: [
    'ALTER TABLE tickets SET (fillfactor = 80)',
    { createIndex: 'tickets_open_idx', on: `ON tickets (id) WHERE status NOT IN ('resolved', 'closed')` },
    { dropIndex: 'tickets_open_clocks_idx' },
  ],
  down: [
    { createIndex: 'tickets_open_clocks_idx', on: `ON tickets USING gin (clocks jsonb_path_ops) WHERE status NOT IN ('resolved', 'closed')` },
    { dropIndex: 'tickets_open_idx' },
    'ALTER TABLE tickets RESET (fillfactor)',
  ],
});
