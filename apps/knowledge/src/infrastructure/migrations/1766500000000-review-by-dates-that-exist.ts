import { sqlMigration } from '@cs/persistence';

/** Shape-checked before anything is cast; a day past its month's end comes back as another date. Written out here, as a shipped migration never changes. */
const NOT_A_DATE = `NOT coalesce(
  CASE WHEN content->>'reviewBy' ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND left(content->>'reviewBy', 4) <> '0000'
       THEN to_char(make_date(left(content->>'reviewBy', 4)::int, substr(content->>'reviewBy', 6, 2)::int, 1) + (right(content->>'reviewBy', 2)::int - 1), 'YYYY-MM-DD')
            = content->>'reviewBy'
  END, false)`;

/**
 * Review-by dates that are no dates (2027-02-30, 2027-13-45), which the API took for their
 * shape alone until it checked that the day exists, are cleared from working copies and
 * published versions: a review-by date the company never meant, and one Postgres cannot cast.
 * Such an answer has no review-by date, as the overdue timer has read it since; the next edit
 * sets a real one. The answers with a review-by date are few and read once.
 */
export const ReviewByDatesThatExist1766500000000 = sqlMigration('ReviewByDatesThatExist1766500000000', {
  up: [
    `UPDATE answers SET content = content - 'reviewBy' WHERE content ? 'reviewBy' AND ${NOT_A_DATE}`,
    `UPDATE answer_versions SET content = content - 'reviewBy' WHERE content ? 'reviewBy' AND ${NOT_A_DATE}`,
  ],
  down: [],
});
