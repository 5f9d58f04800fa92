import { sqlMigration } from '@cs/persistence';

/**
 * The KPI read model: one row per ticket and one per callback, each column set by the event
 * that decides it, so applying an event twice (a redelivery, a rebuild) leaves the row as it was.
 * Counters such as `extension_count` are taken from the events' own running numbers, never incremented.
 */
export const KpiProjections1764100000000 = sqlMigration('KpiProjections1764100000000', {
  up: [
    `ALTER TABLE ticket_facts
       ADD COLUMN validity text CHECK (validity IN ('valid', 'invalid', 'out_of_scope')),
       ADD COLUMN department text,
       ADD COLUMN dispatched_at timestamptz,
       ADD COLUMN first_reply_at timestamptz,
       ADD COLUMN answered_from_knowledge boolean NOT NULL DEFAULT false,
       ADD COLUMN replied boolean NOT NULL DEFAULT false,
       ADD COLUMN first_response_breached boolean NOT NULL DEFAULT false,
       ADD COLUMN resolution_breached boolean NOT NULL DEFAULT false,
       ADD COLUMN resolved_at timestamptz,
       ADD COLUMN reopened_at timestamptz,
       ADD COLUMN closed_at timestamptz,
       ADD COLUMN reopen_count integer NOT NULL DEFAULT 0,
       ADD COLUMN escalation_level integer NOT NULL DEFAULT 0,
       ADD COLUMN major_complaint boolean NOT NULL DEFAULT false,
       ADD COLUMN extension_count integer NOT NULL DEFAULT 0`,
    'CREATE INDEX ticket_facts_project_idx ON ticket_facts (project_code, opened_at)',
    `CREATE TABLE ticket_contact_grades (
       ticket_id text PRIMARY KEY,
       grade     text NOT NULL
     )`,
    `CREATE TABLE callback_facts (
       callback_id  uuid PRIMARY KEY,
       ticket_id    uuid,
       kind         text NOT NULL,
       project_code text,
       section_code text,
       item_code    text,
       assignee     text,
       due_at       timestamptz NOT NULL,
       status       text NOT NULL CHECK (status IN ('scheduled', 'completed', 'failed', 'cancelled')),
       completed_at timestamptz,
       satisfied    boolean,
       satisfaction text,
       on_time      boolean,
       attempts     integer NOT NULL DEFAULT 0,
       overdue      boolean NOT NULL DEFAULT false
     )`,
    'CREATE INDEX callback_facts_due_idx ON callback_facts (due_at)',
  ],
  down: [
    'DROP TABLE callback_facts',
    'DROP TABLE ticket_contact_grades',
    'DROP INDEX ticket_facts_project_idx',
    `ALTER TABLE ticket_facts DROP COLUMN validity, DROP COLUMN department,
       DROP COLUMN dispatched_at, DROP COLUMN first_reply_at, DROP COLUMN answered_from_knowledge, DROP COLUMN replied,
       DROP COLUMN first_response_breached, DROP COLUMN resolution_breached, DROP COLUMN resolved_at, DROP COLUMN reopened_at, DROP COLUMN closed_at,
       DROP COLUMN reopen_count, DROP COLUMN escalation_level, DROP COLUMN major_complaint, DROP COLUMN extension_count`,
  ],
});
