import { sqlMigration } from '@cs/persistence';

/**
 * What the agent desk reads when the phone rings (`GET /v1/customers/lookup`) and what
 * handlers read of a ticket's contacts (`GET /v1/contacts`), each in a few indexed queries:
 * - intake's copy of tickets follows every ticket event: status, number, deadlines;
 * - contacts are paged per ticket, newest first (per customer, `contacts_customer_idx` serves);
 * - a copy of completed callbacks (回访), from `callback.completed`.
 * A row of `known_tickets` that was already handled is marked resolved: the events that would
 * say whether it was closed came before this copy kept a status.
 */
export const AgentDesk1764515000000 = sqlMigration('AgentDesk1764515000000', {
  up: [
    `ALTER TABLE known_tickets
       ADD COLUMN status text NOT NULL DEFAULT 'new',
       ADD COLUMN next_due_at timestamptz,
       ADD COLUMN sla_state text NOT NULL DEFAULT 'on_track' CHECK (sla_state IN ('on_track', 'at_risk', 'breached')),
       ADD COLUMN last_event_at timestamptz`,
    `UPDATE known_tickets SET status = 'resolved' WHERE NOT open`,
    'CREATE INDEX contacts_ticket_idx ON contacts (ticket_id, occurred_at DESC, id DESC) WHERE ticket_id IS NOT NULL',
    `CREATE TABLE known_callbacks (
       callback_id  uuid PRIMARY KEY,
       ticket_id    uuid NOT NULL,
       customer_id  uuid NOT NULL,
       satisfied    boolean NOT NULL,
       score        integer,
       comment      text,
       completed_at timestamptz NOT NULL,
       completed_by text NOT NULL
     )`,
    'CREATE INDEX known_callbacks_customer_idx ON known_callbacks (customer_id, completed_at DESC)',
  ],
  down: [
    'DROP TABLE known_callbacks',
    'DROP INDEX contacts_ticket_idx',
    'ALTER TABLE known_tickets DROP COLUMN last_event_at, DROP COLUMN sla_state, DROP COLUMN next_due_at, DROP COLUMN status',
  ],
});
