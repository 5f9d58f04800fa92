import { sqlMigration } from '@cs/persistence';

/** Every contact about a ticket — the one that opened it and each follow-up (催办) — and the masked customer name. */
export const TicketContacts1764100000000 = sqlMigration('TicketContacts1764100000000', {
  up: [
    'ALTER TABLE tickets ADD COLUMN repeat_contact_count integer NOT NULL DEFAULT 0',
    `ALTER TABLE tickets ADD COLUMN customer_name text NOT NULL DEFAULT ''`,
    `CREATE TABLE ticket_contacts (
       contact_id uuid PRIMARY KEY,
       ticket_id  uuid NOT NULL REFERENCES tickets (id),
       kind       text NOT NULL CHECK (kind IN ('opened', 'follow_up')),
       channel    text NOT NULL,
       linked_at  timestamptz NOT NULL
     )`,
    'CREATE INDEX ticket_contacts_ticket_idx ON ticket_contacts (ticket_id, linked_at)',
    `INSERT INTO ticket_contacts (contact_id, ticket_id, kind, channel, linked_at)
       SELECT contact_id, id, 'opened', channel, created_at FROM tickets`,
    'CREATE INDEX tickets_customer_item_idx ON tickets (customer_id, item_code, created_at DESC)',
  ],
  down: [
    'DROP INDEX tickets_customer_item_idx',
    'DROP TABLE ticket_contacts',
    'ALTER TABLE tickets DROP COLUMN customer_name',
    'ALTER TABLE tickets DROP COLUMN repeat_contact_count',
  ],
});
