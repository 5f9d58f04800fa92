import { sqlMigration } from '@cs/persistence';

/**
 * Official holidays under company calendars (ADR 0017). `company_document` is what the company
 * uploaded (or the seed); `document` stays what deadlines are computed with: the company's
 * document plus, for a calendar that follows the official data, the official days of the years
 * the company does not list. `official_calendar_days` holds the data package's days as last
 * refreshed. `calendar_recompute_jobs` is one row per calendar version whose open tickets'
 * deadlines are still to be recomputed (ADR 0018).
 */
export const OfficialHolidays1764500000000 = sqlMigration('OfficialHolidays1764500000000', {
  up: [
    `ALTER TABLE business_calendars
       ADD COLUMN company_document jsonb,
       ADD COLUMN follows_official boolean NOT NULL DEFAULT false`,
    'UPDATE business_calendars SET company_document = document',
    'ALTER TABLE business_calendars ALTER COLUMN company_document SET NOT NULL',
    `UPDATE business_calendars SET follows_official = true WHERE id = 'default'`,
    `CREATE TABLE official_calendar_days (
       region       text PRIMARY KEY,
       days         jsonb NOT NULL,
       years        integer[] NOT NULL,
       source       text NOT NULL,
       refreshed_at timestamptz NOT NULL
     )`,
    `CREATE TABLE calendar_recompute_jobs (
       calendar_id     text NOT NULL REFERENCES business_calendars (id),
       version         integer NOT NULL,
       after_ticket_id uuid,
       recomputed      integer NOT NULL DEFAULT 0,
       created_at      timestamptz NOT NULL,
       finished_at     timestamptz,
       PRIMARY KEY (calendar_id, version)
     )`,
    'CREATE INDEX calendar_recompute_jobs_pending_idx ON calendar_recompute_jobs (created_at) WHERE finished_at IS NULL',
    `CREATE INDEX tickets_open_clocks_idx ON tickets USING gin (clocks jsonb_path_ops) WHERE status NOT IN ('resolved', 'closed')`,
  ],
  down: [
    'DROP INDEX tickets_open_clocks_idx',
    'DROP TABLE calendar_recompute_jobs',
    'DROP TABLE official_calendar_days',
    'ALTER TABLE business_calendars DROP COLUMN follows_official, DROP COLUMN company_document',
  ],
});
