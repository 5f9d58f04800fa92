import { sqlMigration } from '@cs/persistence';

const EMPTY_ROLLUPS = (tables: string) => `CREATE OR REPLACE FUNCTION empty_ticket_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       TRUNCATE ${tables};
       RETURN NULL;
     END $$`;

const FACT_COLUMNS = 'ADD COLUMN IF NOT EXISTS dispatch_breached boolean, ADD COLUMN IF NOT EXISTS on_site_at timestamptz, ADD COLUMN IF NOT EXISTS on_site_breached boolean';

/**
 * 转发是否及时 and 上门 (ADR 0078): each ticket's row keeps whether its dispatch and on-site clocks
 * were met late, as the tickets service told it, and when the handler first arrived; an
 * incident's row whether its dispatch clock was. Null until told: rows already there count in
 * neither figure, so nothing needs counting again. The counts are a ledger of their own beside
 * `ticket_rollups` and `ticket_record_rollups`, for the reason ADR 0074 gives: a replica of the
 * release before folds those by the columns it knows and never touches this one. Emptying
 * `ticket_facts` empties it too.
 */
export const DispatchAndOnSiteTimeliness1766040000000 = sqlMigration('DispatchAndOnSiteTimeliness1766040000000', {
  up: [
    `ALTER TABLE ticket_facts ${FACT_COLUMNS}`,
    'ALTER TABLE incident_facts ADD COLUMN IF NOT EXISTS dispatch_breached boolean',
    `CREATE TABLE ticket_timeliness_rollups (
       day              integer NOT NULL,
       project          text NOT NULL,
       dimension        text NOT NULL,
       key              text NOT NULL,
       dispatch_judged  integer NOT NULL DEFAULT 0,
       dispatch_on_time integer NOT NULL DEFAULT 0,
       on_site_judged   integer NOT NULL DEFAULT 0,
       on_site_on_time  integer NOT NULL DEFAULT 0,
       folded           boolean NOT NULL DEFAULT false
     )`,
    'CREATE INDEX ticket_timeliness_rollups_cell_idx ON ticket_timeliness_rollups (dimension, project, day, key)',
    'CREATE INDEX ticket_timeliness_rollups_unfolded_idx ON ticket_timeliness_rollups (day, project, dimension, key) WHERE NOT folded',
    EMPTY_ROLLUPS('ticket_rollups, ticket_duration_rollups, ticket_record_rollups, ticket_timeliness_rollups, ticket_fact_retractions'),
    // A rebuild running now made its shadow tables as the live ones were: they get what this adds.
    `DO $$ BEGIN
       IF to_regclass('rebuild_ticket_facts') IS NOT NULL THEN
         ALTER TABLE rebuild_ticket_facts ${FACT_COLUMNS};
         CREATE TABLE IF NOT EXISTS rebuild_ticket_timeliness_rollups (LIKE ticket_timeliness_rollups INCLUDING ALL);
       END IF;
       IF to_regclass('rebuild_incident_facts') IS NOT NULL THEN
         ALTER TABLE rebuild_incident_facts ADD COLUMN IF NOT EXISTS dispatch_breached boolean;
       END IF;
     END $$`,
    // A rebuild a replica of the release before starts while this one rolls out makes only the
    // shadow tables it knows: each start makes the new ledger's afresh too.
    `CREATE FUNCTION shadow_ticket_timeliness_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DROP TABLE IF EXISTS rebuild_ticket_timeliness_rollups;
       CREATE TABLE rebuild_ticket_timeliness_rollups (LIKE ticket_timeliness_rollups INCLUDING ALL);
       RETURN NULL;
     END $$`,
    'CREATE TRIGGER projection_rebuild_started_timeliness AFTER INSERT ON projection_rebuilds FOR EACH ROW EXECUTE FUNCTION shadow_ticket_timeliness_rollups()',
  ],
  down: [
    'DROP TRIGGER projection_rebuild_started_timeliness ON projection_rebuilds',
    'DROP FUNCTION shadow_ticket_timeliness_rollups()',
    'DROP TABLE IF EXISTS rebuild_ticket_timeliness_rollups',
    'ALTER TABLE IF EXISTS rebuild_incident_facts DROP COLUMN IF EXISTS dispatch_breached',
    'ALTER TABLE IF EXISTS rebuild_ticket_facts DROP COLUMN IF EXISTS dispatch_breached, DROP COLUMN IF EXISTS on_site_at, DROP COLUMN IF EXISTS on_site_breached',
    EMPTY_ROLLUPS('ticket_rollups, ticket_duration_rollups, ticket_record_rollups, ticket_fact_retractions'),
    'DROP TABLE ticket_timeliness_rollups',
    'ALTER TABLE incident_facts DROP COLUMN dispatch_breached',
    'ALTER TABLE ticket_facts DROP COLUMN dispatch_breached, DROP COLUMN on_site_at, DROP COLUMN on_site_breached',
  ],
});
