import { sqlMigration } from '@cs/persistence';

export const FollowedTickets1764000000000 = sqlMigration('FollowedTickets1764000000000', {
  up: [
    `
    CREATE TABLE followed_tickets (
      ticket_id    uuid PRIMARY KEY,
      number       text NOT NULL,
      customer_id  uuid NOT NULL,
      section_code text,
      item_code    text,
      project_code text,
      owner_id     text NOT NULL,
      status       text NOT NULL,
      opened_at    timestamptz NOT NULL
    )`,
    'CREATE INDEX followed_tickets_customer_idx ON followed_tickets (customer_id)'
  ],
  down: ['DROP TABLE followed_tickets'],
});
