import { sqlMigration } from '@cs/persistence';

/**
 * 生日关怀: the birth date encrypted like the other personal fields, a blind index of its
 * month-day to find today's birthdays, and one row per day the birthdays were announced.
 */
export const Birthdays1764600000000 = sqlMigration('Birthdays1764600000000', {
  up: [
    'ALTER TABLE customers ADD COLUMN birth_date_enc text, ADD COLUMN birthday_idx text',
    'CREATE INDEX customers_birthday_idx ON customers (birthday_idx) WHERE birthday_idx IS NOT NULL',
    `
    CREATE TABLE birthday_runs (
      day         date PRIMARY KEY,
      announced   integer NOT NULL,
      claimed_at  timestamptz NOT NULL
    )`,
  ],
  down: ['DROP TABLE birthday_runs', 'DROP INDEX customers_birthday_idx', 'ALTER TABLE customers DROP COLUMN birthday_idx, DROP COLUMN birth_date_enc'],
});
