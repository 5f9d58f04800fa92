import { onlineMigration, sqlMigration } from '@cs/persistence';

/**
 * SQL: a version's review-by date (its content's `reviewBy`, YYYY-MM-DD) as a date, NULL when it
 * has none or one that is no date, never an error. Written out here, as a shipped migration never
 * changes.
 */
const reviewByOf = (content: string) => {
  const day = `(${content}->>'reviewBy')`;
  const built = `(make_date(left(${day}, 4)::int, substr(${day}, 6, 2)::int, 1) + (right(${day}, 2)::int - 1))`;
  return `CASE WHEN ${day} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND left(${day}, 4) <> '0000'
            THEN CASE WHEN to_char(${built}, 'YYYY-MM-DD') = ${day} THEN ${built} END END`;
};

/**
 * Each published version's review-by date in a column of its own, set from its content as it is
 * written, by a trigger so that a replica of the release before sets it too: the overdue timer
 * read every answer in force with its whole content each minute on each replica to find the few
 * past their date. Added with no default, the column rewrites nothing and holds its lock for the
 * statement only; the next migration fills it for the versions already published.
 */
export const VersionReviewBy1766630000000 = sqlMigration('VersionReviewBy1766630000000', {
  up: [
    'ALTER TABLE answer_versions ADD COLUMN review_by date',
    `CREATE FUNCTION answer_version_review_by() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       NEW.review_by := ${reviewByOf('NEW.content')};
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER answer_versions_review_by BEFORE INSERT OR UPDATE OF content ON answer_versions
       FOR EACH ROW EXECUTE FUNCTION answer_version_review_by()`,
  ],
  down: ['DROP TRIGGER answer_versions_review_by ON answer_versions', 'DROP FUNCTION answer_version_review_by()', 'ALTER TABLE answer_versions DROP COLUMN review_by'],
});

/**
 * The review-by dates of the versions published before, in a migration of its own: the scan takes
 * row locks only, and nothing writes a published version. Those with a date are few.
 */
export const VersionReviewByFilled1766635000000 = sqlMigration('VersionReviewByFilled1766635000000', {
  up: [`UPDATE answer_versions SET review_by = ${reviewByOf('content')} WHERE content ? 'reviewBy' AND review_by IS NULL`],
  down: [],
});

/** The versions with a review-by date, by it, built while versions are published (ADR 0064). */
export const VersionsByReviewBy1766640000000 = onlineMigration('VersionsByReviewBy1766640000000', {
  up: [{ createIndex: 'answer_versions_review_by_idx', on: 'ON answer_versions (review_by) WHERE review_by IS NOT NULL' }],
  down: [{ dropIndex: 'answer_versions_review_by_idx' }],
});
