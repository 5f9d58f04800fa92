import { sqlMigration } from '@cs/persistence';

export const Tickets1764000000000 = sqlMigration('Tickets1764000000000', {
  up: [
    `
    CREATE TABLE tickets (
      id           uuid PRIMARY KEY,
      number       text NOT NULL UNIQUE,
      contact_id   uuid NOT NULL UNIQUE,
      customer_id  uuid NOT NULL,
      channel      text NOT NULL,
      section_code text,
      item_code    text,
      project_code text,
      building     text,
      room         text,
      owner_id     text NOT NULL,
      status       text NOT NULL,
      created_at   timestamptz NOT NULL,
      version      integer NOT NULL DEFAULT 1
    )`,
    'CREATE INDEX tickets_customer_idx ON tickets (customer_id)',
    'CREATE INDEX tickets_status_idx ON tickets (status, created_at)',
    `
    CREATE TABLE ticket_number_counters (
      day  char(8) PRIMARY KEY,
      last integer NOT NULL
    )`
  ],
  down: ['DROP TABLE ticket_number_counters', 'DROP TABLE tickets'],
});
