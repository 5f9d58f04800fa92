import { sqlMigration } from '@cs/persistence';

/** Each periodic report is generated and announced once, whichever replica gets there first. */
export const GeneratedReports1764400000000 = sqlMigration('GeneratedReports1764400000000', {
  up: [
    `CREATE TABLE generated_reports (
       id           uuid PRIMARY KEY,
       kind         text NOT NULL CHECK (kind IN ('monthly', 'weekly')),
       period       text NOT NULL,
       generated_at timestamptz NOT NULL,
       UNIQUE (kind, period)
     )`,
  ],
  down: ['DROP TABLE generated_reports'],
});
