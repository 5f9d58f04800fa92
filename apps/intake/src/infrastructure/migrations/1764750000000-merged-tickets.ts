import { sqlMigration } from '@cs/persistence';

/** 工单合并 — a known ticket merged into another points to it, so a contact naming it follows up the survivor. */
export const MergedTickets1764750000000 = sqlMigration('MergedTickets1764750000000', {
  up: ['ALTER TABLE known_tickets ADD COLUMN merged_into uuid'],
  down: ['ALTER TABLE known_tickets DROP COLUMN merged_into'],
});
