import { sqlMigration } from '@cs/persistence';

/**
 * 处理记录是否完整 (ADR 0074): each ticket's row keeps its latest close's verdict on its record,
 * and the rollups count the closed tickets judged and those complete. Rows already there were
 * closed by a release that did not judge: null, counted in neither, so every cell's counts stay
 * 0 and nothing needs recounting. Adding a column with a constant default rewrites no row.
 */
export const RecordCompleteness1766020000000 = sqlMigration('RecordCompleteness1766020000000', {
  up: [
    'ALTER TABLE ticket_facts ADD COLUMN record_complete boolean',
    'ALTER TABLE ticket_rollups ADD COLUMN record_judged integer NOT NULL DEFAULT 0, ADD COLUMN record_complete integer NOT NULL DEFAULT 0',
  ],
  down: ['ALTER TABLE ticket_rollups DROP COLUMN record_complete, DROP COLUMN record_judged', 'ALTER TABLE ticket_facts DROP COLUMN record_complete'],
});
