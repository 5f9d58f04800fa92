import { sqlMigration } from '@cs/persistence';

export const MissedCallbacks1765200000000 = sqlMigration('MissedCallbacks1765200000000', {
  up: [
    `
    CREATE TABLE missed_callbacks (
      ticket_id     uuid PRIMARY KEY,
      number        text,
      customer_id   uuid NOT NULL,
      project_code  text,
      section_code  text,
      item_code     text,
      policy_id     text NOT NULL,
      callback_id   uuid,
      last_status   text,
      closed_at     timestamptz NOT NULL
    )`,
    'CREATE INDEX missed_callbacks_closed_idx ON missed_callbacks (closed_at, ticket_id)',
  ],
  down: ['DROP TABLE missed_callbacks'],
});
