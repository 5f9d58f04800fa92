import { sqlMigration } from '@cs/persistence';

export const CallbackPlans1765300000000 = sqlMigration('CallbackPlans1765300000000', {
  up: [
    `
    CREATE TABLE plan_customers (
      customer_id uuid PRIMARY KEY,
      projects    text[] NOT NULL,
      tags        text[] NOT NULL,
      as_of       timestamptz NOT NULL
    )`,
    'CREATE INDEX plan_customers_projects_idx ON plan_customers USING gin (projects)',
    `
    CREATE TABLE callback_plans (
      id            uuid PRIMARY KEY,
      document      jsonb NOT NULL,
      project_code  text NOT NULL,
      active        boolean NOT NULL,
      next_run_at   timestamptz,
      runs          integer NOT NULL DEFAULT 0,
      created_at    timestamptz NOT NULL
    )`,
    'CREATE INDEX callback_plans_due_idx ON callback_plans (next_run_at) WHERE active',
  ],
  down: ['DROP TABLE callback_plans', 'DROP TABLE plan_customers'],
});
