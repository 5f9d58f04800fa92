import { quoteLiteral, sqlMigration } from '@cs/persistence';
import { DEFAULT_POLICIES } from '../../domain/sla-policy';

const policyRows = DEFAULT_POLICIES.map((p, i) => `(${quoteLiteral(p.id)}, ${i}, ${quoteLiteral(JSON.stringify(p))}::jsonb)`).join(',\n    ');

/** The ticket lifecycle, its SLA clocks and durable timers, its history, and the SLA policies. */
export const TicketLifecycle1764400000000 = sqlMigration('TicketLifecycle1764400000000', {
  up: [
    `ALTER TABLE tickets
       ADD COLUMN validity text NOT NULL DEFAULT 'pending',
       ADD COLUMN grade text NOT NULL DEFAULT 'general',
       ADD COLUMN priority text NOT NULL DEFAULT 'normal',
       ADD COLUMN department text,
       ADD COLUMN handler text,
       ADD COLUMN reopen_count integer NOT NULL DEFAULT 0,
       ADD COLUMN extension_count integer NOT NULL DEFAULT 0,
       ADD COLUMN escalation_level integer NOT NULL DEFAULT 0,
       ADD COLUMN first_replied_at timestamptz,
       ADD COLUMN dispatched_at timestamptz,
       ADD COLUMN resolution text,
       ADD COLUMN resolved_at timestamptz,
       ADD COLUMN closed_at timestamptz,
       ADD COLUMN promised_reply text,
       ADD COLUMN policy_id text,
       ADD COLUMN clocks jsonb NOT NULL DEFAULT '[]',
       ADD COLUMN breached boolean NOT NULL DEFAULT false,
       ADD COLUMN next_due_at timestamptz,
       ADD COLUMN occurred_at timestamptz`,
    'UPDATE tickets SET occurred_at = created_at WHERE occurred_at IS NULL',
    'ALTER TABLE tickets ALTER COLUMN occurred_at SET NOT NULL',
    'CREATE INDEX tickets_due_idx ON tickets (next_due_at, id) WHERE next_due_at IS NOT NULL',
    'CREATE INDEX tickets_department_idx ON tickets (department, status)',
    'CREATE INDEX tickets_project_idx ON tickets (project_code, status)',
    `CREATE TABLE ticket_history (
       id        bigserial PRIMARY KEY,
       ticket_id uuid NOT NULL REFERENCES tickets (id),
       at        timestamptz NOT NULL,
       actor     text NOT NULL,
       action    text NOT NULL,
       details   jsonb NOT NULL DEFAULT '{}'
     )`,
    'CREATE INDEX ticket_history_ticket_idx ON ticket_history (ticket_id, id)',
    `CREATE TABLE sla_policies (
       id       text PRIMARY KEY,
       position integer NOT NULL,
       document jsonb NOT NULL
     )`,
    `INSERT INTO sla_policies (id, position, document) VALUES
    ${policyRows}`,
    `CREATE TABLE sla_policies_version (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version integer NOT NULL)`,
    'INSERT INTO sla_policies_version (version) VALUES (1)',
    // Durable SLA timers: claimed with the ticket row locked, fired once, in the outbox's transaction.
    `CREATE TABLE sla_timers (
       id        bigserial PRIMARY KEY,
       ticket_id uuid NOT NULL REFERENCES tickets (id),
       clock     text NOT NULL,
       kind      text NOT NULL CHECK (kind IN ('warning', 'breach', 'escalate_manager')),
       threshold integer NOT NULL,
       fire_at   timestamptz NOT NULL,
       fired_at  timestamptz
     )`,
    'CREATE INDEX sla_timers_due_idx ON sla_timers (fire_at) WHERE fired_at IS NULL',
    'CREATE INDEX sla_timers_ticket_idx ON sla_timers (ticket_id) WHERE fired_at IS NULL',
  ],
  down: [
    'DROP TABLE sla_timers',
    'DROP TABLE sla_policies_version',
    'DROP TABLE sla_policies',
    'DROP TABLE ticket_history',
    'DROP INDEX tickets_project_idx',
    'DROP INDEX tickets_department_idx',
    'DROP INDEX tickets_due_idx',
    `ALTER TABLE tickets DROP COLUMN validity, DROP COLUMN grade, DROP COLUMN priority, DROP COLUMN department,
       DROP COLUMN handler, DROP COLUMN reopen_count, DROP COLUMN extension_count, DROP COLUMN escalation_level,
       DROP COLUMN first_replied_at, DROP COLUMN dispatched_at, DROP COLUMN resolution, DROP COLUMN resolved_at,
       DROP COLUMN closed_at, DROP COLUMN promised_reply, DROP COLUMN policy_id, DROP COLUMN clocks, DROP COLUMN breached,
       DROP COLUMN next_due_at, DROP COLUMN occurred_at`,
  ],
});
