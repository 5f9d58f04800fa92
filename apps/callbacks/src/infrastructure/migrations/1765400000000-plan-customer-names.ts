import { sqlMigration } from '@cs/persistence';

/** The masked name (张*) a callback shows of its customer; customers known before keep an empty one until their next update. */
export const PlanCustomerNames1765400000000 = sqlMigration('PlanCustomerNames1765400000000', {
  up: [`ALTER TABLE plan_customers ADD COLUMN name_masked text NOT NULL DEFAULT ''`],
  down: ['ALTER TABLE plan_customers DROP COLUMN name_masked'],
});
