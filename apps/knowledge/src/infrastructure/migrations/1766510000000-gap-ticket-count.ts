import { sqlMigration } from '@cs/persistence';

/**
 * A gap lists its latest 100 tickets and counts them all: a question asked by thousands of
 * tickets grew its row, and every read of it, without end. Added with no default, the column
 * rewrites nothing; a gap with none counts the tickets it lists, as replicas of the release
 * before leave it. Gaps listing more are cut to their latest 100 here, counting them first.
 */
export const GapTicketCount1766510000000 = sqlMigration('GapTicketCount1766510000000', {
  up: [
    'ALTER TABLE knowledge_gaps ADD COLUMN ticket_count integer',
    'UPDATE knowledge_gaps SET ticket_count = cardinality(ticket_ids), ticket_ids = ticket_ids[cardinality(ticket_ids) - 99:] WHERE cardinality(ticket_ids) > 100',
  ],
  down: ['ALTER TABLE knowledge_gaps DROP COLUMN ticket_count'],
});
