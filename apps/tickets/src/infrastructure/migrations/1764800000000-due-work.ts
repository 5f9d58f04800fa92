import { sqlMigration } from '@cs/persistence';

/**
 * Due work in batches (ADR 0040): the subjects whose due work failed, postponed with back-off so
 * one of them no longer stops every pass; and incidents' own durable SLA timers with the
 * escalation level their breaches raise, as tickets have them (ADR 0007).
 */
export const DueWork1764800000000 = sqlMigration('DueWork1764800000000', {
  up: [
    `CREATE TABLE due_work_postponements (
       work           text NOT NULL,
       subject_id     uuid NOT NULL,
       failures       integer NOT NULL,
       retry_at       timestamptz NOT NULL,
       last_failed_at timestamptz NOT NULL,
       last_error     text NOT NULL,
       PRIMARY KEY (work, subject_id)
     )`,
    `CREATE TABLE incident_sla_timers (
       id          bigserial PRIMARY KEY,
       incident_id uuid NOT NULL REFERENCES incidents (id),
       clock       text NOT NULL,
       kind        text NOT NULL CHECK (kind IN ('warning', 'breach', 'escalate_manager')),
       threshold   integer NOT NULL,
       fire_at     timestamptz NOT NULL,
       fired_at    timestamptz
     )`,
    'CREATE INDEX incident_sla_timers_due_idx ON incident_sla_timers (fire_at) WHERE fired_at IS NULL',
    'CREATE INDEX incident_sla_timers_incident_idx ON incident_sla_timers (incident_id) WHERE fired_at IS NULL',
    'ALTER TABLE incidents ADD COLUMN escalation_level integer NOT NULL DEFAULT 0',
  ],
  down: ['ALTER TABLE incidents DROP COLUMN escalation_level', 'DROP TABLE incident_sla_timers', 'DROP TABLE due_work_postponements'],
});
