import { sqlMigration } from '@cs/persistence';

/**
 * Each published version of a unified answer and when it starts (ADR 0080): a version approved
 * to start later is cited only from its start, the version before it until then. The versions
 * known now start at once, as they were cited.
 */
export const PublishedAnswerVersions1766050000000 = sqlMigration('PublishedAnswerVersions1766050000000', {
  up: [
    `
    CREATE TABLE published_answer_versions (
      answer_id text NOT NULL,
      version   integer NOT NULL,
      projects  text[],
      starts_at timestamptz NOT NULL,
      PRIMARY KEY (answer_id, version)
    )`,
    `INSERT INTO published_answer_versions (answer_id, version, projects, starts_at)
     SELECT answer_id, version, projects, '-infinity' FROM published_answers WHERE retired_at IS NULL`,
  ],
  down: ['DROP TABLE published_answer_versions'],
});
