import { sqlMigration } from '@cs/persistence';

/**
 * 变更通知 — a department's change (fees, policies, activities) flags the published answers it
 * affects for review by a deadline; reviews also come from an answer's review-by date. A review
 * overdue is announced once (overdue_emitted_at).
 */
export const ChangeNotices1764810000000 = sqlMigration('ChangeNotices1764810000000', {
  up: [
    `
    CREATE TABLE change_notices (
      id          uuid PRIMARY KEY,
      department  text NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('fees', 'policies', 'activities', 'other')),
      title       text NOT NULL,
      description text NOT NULL,
      item_codes  text[] NOT NULL,
      projects    text[],
      filed_by    text NOT NULL,
      filed_at    timestamptz NOT NULL,
      due_at      timestamptz NOT NULL
    )`,
    `
    CREATE TABLE answer_reviews (
      id                 uuid PRIMARY KEY,
      answer_id          uuid NOT NULL REFERENCES answers (id),
      version            integer NOT NULL,
      reason             text NOT NULL CHECK (reason IN ('change_notice', 'review_by_date')),
      notice_id          uuid REFERENCES change_notices (id),
      due_at             timestamptz NOT NULL,
      created_at         timestamptz NOT NULL,
      resolved_at        timestamptz,
      overdue_emitted_at timestamptz
    )`,
    'CREATE INDEX answer_reviews_due ON answer_reviews (due_at) WHERE resolved_at IS NULL AND overdue_emitted_at IS NULL',
    `CREATE UNIQUE INDEX answer_reviews_one_by_date ON answer_reviews (answer_id, version) WHERE reason = 'review_by_date'`,
  ],
  down: ['DROP TABLE answer_reviews', 'DROP TABLE change_notices'],
});
