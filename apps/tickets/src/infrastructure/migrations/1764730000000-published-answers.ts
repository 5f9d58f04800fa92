import { sqlMigration } from '@cs/persistence';

/**
 * The knowledge service's published unified answers, as its events tell them: a validity
 * decision or a reply may cite only an answer published and not retired, for the ticket's project.
 */
export const PublishedAnswers1764730000000 = sqlMigration('PublishedAnswers1764730000000', {
  up: [
    `
    CREATE TABLE published_answers (
      answer_id  text PRIMARY KEY,
      version    integer NOT NULL,
      projects   text[],
      retired_at timestamptz,
      updated_at timestamptz NOT NULL
    )`,
  ],
  down: ['DROP TABLE published_answers'],
});
