import { sqlMigration } from '@cs/persistence';

const EMPTY_ROLLUPS = (tables: string) => `CREATE OR REPLACE FUNCTION empty_ticket_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       TRUNCATE ${tables};
       RETURN NULL;
     END $$`;

/**
 * 处理记录是否完整 (ADR 0074): each ticket's row keeps its latest close's verdict on its record,
 * and a ledger of its own, beside `ticket_rollups`, counts per day, project and key the closed
 * tickets judged and those complete. A ledger of its own, not two more columns of
 * `ticket_rollups`: a replica of the release before, still running while this one rolls out,
 * folds `ticket_rollups` by the columns it knows, and would fold the new counts away. It never
 * touches this table. Rows already there were closed by a release that did not judge: null,
 * counted in neither, so nothing needs counting again. Emptying `ticket_facts` empties this
 * ledger too.
 */
export const RecordCompleteness1766020000000 = sqlMigration('RecordCompleteness1766020000000', {
  up: [
    'ALTER TABLE ticket_facts ADD COLUMN record_complete boolean',
    `CREATE TABLE ticket_record_rollups (
       day             integer NOT NULL,
       project         text NOT NULL,
       dimension       text NOT NULL,
       key             text NOT NULL,
       record_judged   integer NOT NULL DEFAULT 0,
       record_complete integer NOT NULL DEFAULT 0,
       folded          boolean NOT NULL DEFAULT false
     )`,
    'CREATE INDEX ticket_record_rollups_cell_idx ON ticket_record_rollups (dimension, project, day, key)',
    'CREATE INDEX ticket_record_rollups_unfolded_idx ON ticket_record_rollups (day, project, dimension, key) WHERE NOT folded',
    EMPTY_ROLLUPS('ticket_rollups, ticket_duration_rollups, ticket_record_rollups, ticket_fact_retractions'),
    // A rebuild running now made its shadow tables as the live ones were: they get what this adds,
    // or this release's writes to them would fail until the rebuild was started again.
    `DO $$ BEGIN
       IF to_regclass('rebuild_ticket_facts') IS NOT NULL THEN
         ALTER TABLE rebuild_ticket_facts ADD COLUMN IF NOT EXISTS record_complete boolean;
         CREATE TABLE IF NOT EXISTS rebuild_ticket_record_rollups (LIKE ticket_record_rollups INCLUDING ALL);
       END IF;
     END $$`,
    // A rebuild a replica of the release before starts while this one rolls out makes only the
    // shadow tables it knows: each start makes the new ledger's afresh too.
    `CREATE FUNCTION shadow_ticket_record_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DROP TABLE IF EXISTS rebuild_ticket_record_rollups;
       CREATE TABLE rebuild_ticket_record_rollups (LIKE ticket_record_rollups INCLUDING ALL);
       RETURN NULL;
     END $$`,
    'CREATE TRIGGER projection_rebuild_started AFTER INSERT ON projection_rebuilds FOR EACH ROW EXECUTE FUNCTION shadow_ticket_record_rollups()',
  ],
  down: [
    'DROP TRIGGER projection_rebuild_started ON projection_rebuilds',
    'DROP FUNCTION shadow_ticket_record_rollups()',
    'DROP TABLE IF EXISTS rebuild_ticket_record_rollups',
    'ALTER TABLE IF EXISTS rebuild_ticket_facts DROP COLUMN IF EXISTS record_complete',
    EMPTY_ROLLUPS('ticket_rollups, ticket_duration_rollups, ticket_fact_retractions'),
    'DROP TABLE ticket_record_rollups',
    'ALTER TABLE ticket_facts DROP COLUMN record_complete',
  ],
});
