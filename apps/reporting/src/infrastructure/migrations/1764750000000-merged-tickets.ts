import { sqlMigration } from '@cs/persistence';

/** 工单合并 — a ticket merged into another is its survivor's matter: remembered, never counted again. */
export const MergedTickets1764750000000 = sqlMigration('MergedTickets1764750000000', {
  up: ['ALTER TABLE ticket_facts ADD COLUMN merged_into uuid'],
  down: ['ALTER TABLE ticket_facts DROP COLUMN merged_into'],
});
