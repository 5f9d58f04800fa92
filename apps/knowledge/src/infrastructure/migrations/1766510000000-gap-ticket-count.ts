import { sqlMigration } from '@cs/persistence';

/**
 * A gap lists its latest 100 tickets and counts them all: a question asked by thousands of
 * tickets grew its row, and every read of it, without end. Added with no default, the column
 * rewrites nothing, and its lock is held for no more than the statement; a gap with none counts
 * the tickets it lists, as replicas of the release before leave it. The next migration cuts the
 * gaps listing more.
 */
export const GapTicketCount1766510000000 = sqlMigration('GapTicketCount1766510000000', {
  up: ['ALTER TABLE knowledge_gaps ADD COLUMN ticket_count integer'],
  down: ['ALTER TABLE knowledge_gaps DROP COLUMN ticket_count'],
});

/**
 * Gaps listing more than 100 tickets are cut to their latest 100, counting them first: in a
 * migration of its own, so the scan of the table takes row locks only, not the column's lock
 * that stops every read of gaps. A replica of the release before appending to a gap meanwhile
 * waits for its row, no longer.
 */
export const GapTicketsCut1766515000000 = sqlMigration('GapTicketsCut1766515000000', {
  up: ['UPDATE knowledge_gaps SET ticket_count = cardinality(ticket_ids), ticket_ids = ticket_ids[cardinality(ticket_ids) - 99:] WHERE cardinality(ticket_ids) > 100'],
  down: [],
});
