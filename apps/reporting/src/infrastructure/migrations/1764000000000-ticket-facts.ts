import { sqlMigration } from '@cs/persistence';

export const TicketFacts1764000000000 = sqlMigration('TicketFacts1764000000000', {
  up: [
    `
    CREATE TABLE ticket_facts (
      ticket_id    uuid PRIMARY KEY,
      number       text NOT NULL,
      channel      text NOT NULL,
      section_code text,
      item_code    text,
      project_code text,
      owner_id     text NOT NULL,
      opened_at    timestamptz NOT NULL
    )`,
    'CREATE INDEX ticket_facts_opened_idx ON ticket_facts (opened_at)'
  ],
  down: ['DROP TABLE ticket_facts'],
});
