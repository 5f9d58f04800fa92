import { sqlMigration } from '@cs/persistence';

export const ItemDemand1764000000000 = sqlMigration('ItemDemand1764000000000', {
  up: [
    `
    CREATE TABLE item_demand (
      item_code    text PRIMARY KEY,
      tickets      integer NOT NULL,
      last_seen_at timestamptz NOT NULL
    )`
  ],
  down: ['DROP TABLE item_demand'],
});
