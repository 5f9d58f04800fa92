import { sqlMigration } from '@cs/persistence';

/**
 * 工单合并 — a merged duplicate points to its survivor, and each contact that moved with it
 * remembers the ticket it first belonged to.
 */
export const TicketMerges1764750000000 = sqlMigration('TicketMerges1764750000000', {
  up: [
    'ALTER TABLE tickets ADD COLUMN merged_into uuid REFERENCES tickets (id)',
    'CREATE INDEX tickets_merged_into_idx ON tickets (merged_into) WHERE merged_into IS NOT NULL',
    'ALTER TABLE ticket_contacts ADD COLUMN merged_from uuid REFERENCES tickets (id)',
  ],
  down: [
    'ALTER TABLE ticket_contacts DROP COLUMN merged_from',
    'DROP INDEX tickets_merged_into_idx',
    'ALTER TABLE tickets DROP COLUMN merged_into',
  ],
});
