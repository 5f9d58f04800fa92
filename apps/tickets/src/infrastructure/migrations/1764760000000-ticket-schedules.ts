import { sqlMigration } from '@cs/persistence';

/**
 * 周期工单 — recurring schedules that open and dispatch tickets for routine work, the
 * occurrences they opened (one row each, so an occurrence opens once however often the loop
 * runs), and on the ticket the occurrence that opened it.
 */
export const TicketSchedules1764760000000 = sqlMigration('TicketSchedules1764760000000', {
  up: [
    `CREATE TABLE ticket_schedules (
       id                 uuid PRIMARY KEY,
       project_code       text NOT NULL,
       document           jsonb NOT NULL,
       active             boolean NOT NULL DEFAULT true,
       next_occurrence_on date,
       next_opens_on      date,
       next_opens_at      timestamptz,
       last_occurrence_on date,
       last_opens_on      date,
       opened             integer NOT NULL DEFAULT 0,
       version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
       created_at         timestamptz NOT NULL,
       updated_at         timestamptz NOT NULL,
       deleted_at         timestamptz
     )`,
    `CREATE INDEX ticket_schedules_due_idx ON ticket_schedules (next_opens_at) WHERE active AND deleted_at IS NULL AND next_opens_at IS NOT NULL`,
    'CREATE INDEX ticket_schedules_project_idx ON ticket_schedules (project_code, created_at) WHERE deleted_at IS NULL',
    `CREATE TABLE ticket_schedule_occurrences (
       schedule_id   uuid NOT NULL REFERENCES ticket_schedules (id),
       occurrence_on date NOT NULL,
       opens_on      date NOT NULL,
       -- Claimed before its ticket is written, in the same transaction.
       ticket_id     uuid NOT NULL UNIQUE REFERENCES tickets (id) DEFERRABLE INITIALLY DEFERRED,
       opened_at     timestamptz NOT NULL,
       PRIMARY KEY (schedule_id, occurrence_on)
     )`,
    'ALTER TABLE tickets ADD COLUMN origin jsonb',
  ],
  down: ['ALTER TABLE tickets DROP COLUMN origin', 'DROP TABLE ticket_schedule_occurrences', 'DROP TABLE ticket_schedules'],
});
