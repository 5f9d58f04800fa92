import { sqlMigration } from '@cs/persistence';

/**
 * Versions approved to come into force later (ADR 0080): held apart from the search document of
 * the version in force, which stays searched until the later one's start.
 */
export const ScheduledAnswerVersions1766050000000 = sqlMigration('ScheduledAnswerVersions1766050000000', {
  up: [
    `
    CREATE TABLE answer_search_scheduled (
      answer_id      uuid NOT NULL REFERENCES answers (id),
      version        integer NOT NULL,
      document       tsvector NOT NULL,
      projects       text[],
      item_code      text,
      effective_from timestamptz NOT NULL,
      effective_to   timestamptz,
      PRIMARY KEY (answer_id, version)
    )`,
    'CREATE INDEX answer_search_scheduled_due ON answer_search_scheduled (effective_from)',
  ],
  down: ['DROP TABLE answer_search_scheduled'],
});
