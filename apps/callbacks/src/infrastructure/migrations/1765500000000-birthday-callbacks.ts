import { sqlMigration } from '@cs/persistence';

/** 生日关怀: which birthday callback each plan made for which customer in which year, so a redelivered birthday makes none. */
export const BirthdayCallbacks1765500000000 = sqlMigration('BirthdayCallbacks1765500000000', {
  up: [
    `
    CREATE TABLE birthday_callbacks (
      plan_id      uuid NOT NULL,
      customer_id  uuid NOT NULL,
      year         integer NOT NULL,
      callback_id  uuid NOT NULL,
      PRIMARY KEY (plan_id, customer_id, year)
    )`,
  ],
  down: ['DROP TABLE birthday_callbacks'],
});
