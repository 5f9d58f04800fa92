import { sqlMigration } from '@cs/persistence';

/**
 * Lets the rewrites of a ticket row that touch no indexed column, an SLA warning's above all, stay
 * on the row's page without a new entry in each of the table's indexes (a heap-only tuple, HOT;
 * ADR 0063):
 * - the GIN index over every open ticket's `clocks`, which each warning changes and only the walk
 *   after a calendar change read, gives way to a btree over the open tickets' ids, which that walk
 *   reads in order, checking each one's clocks;
 * - the table keeps a fifth of each new page free, room for a row's next versions;
 * - timers due at the same instant come by subject (the due indexes carry it after the instant),
 *   so a pass's tickets are spread over the table's pages rather than all the rows of a few pages
 *   (tickets opened overnight, side by side on their pages, start their working-time clocks
 *   together and are warned together); rows of one page rewritten in one transaction compete for
 *   its free space, rows of different pages do not.
 * Pages written before keep no room until their rows move; a row rewritten the old way moves to
 * a page with room, so the table comes to it as it is used.
 */
export const InPlaceTicketRewrites1764830000000 = sqlMigration('InPlaceTicketRewrites1764830000000', {
  up: [
    // Building an index holds off the table's writes while it runs, dropping one takes the
    // strongest lock: give up rather than queue every request behind a long transaction; the
    // migration job tries again.
    "SET LOCAL lock_timeout = '5s'",
    'ALTER TABLE tickets SET (fillfactor = 80)',
    `CREATE INDEX tickets_open_idx ON tickets (id) WHERE status NOT IN ('resolved', 'closed')`,
    'DROP INDEX tickets_open_clocks_idx',
    'DROP INDEX sla_timers_due_idx',
    'CREATE INDEX sla_timers_due_idx ON sla_timers (fire_at, ticket_id) WHERE fired_at IS NULL',
    'DROP INDEX incident_sla_timers_due_idx',
    'CREATE INDEX incident_sla_timers_due_idx ON incident_sla_timers (fire_at, incident_id) WHERE fired_at IS NULL',
  ],
  down: [
    'DROP INDEX incident_sla_timers_due_idx',
    'CREATE INDEX incident_sla_timers_due_idx ON incident_sla_timers (fire_at) WHERE fired_at IS NULL',
    'DROP INDEX sla_timers_due_idx',
    'CREATE INDEX sla_timers_due_idx ON sla_timers (fire_at) WHERE fired_at IS NULL',
    `CREATE INDEX tickets_open_clocks_idx ON tickets USING gin (clocks jsonb_path_ops) WHERE status NOT IN ('resolved', 'closed')`,
    'DROP INDEX tickets_open_idx',
    'ALTER TABLE tickets RESET (fillfactor)',
  ],
});
