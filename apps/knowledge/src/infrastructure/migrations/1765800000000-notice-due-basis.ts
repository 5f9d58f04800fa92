import { onlineMigration, sqlMigration } from '@cs/persistence';

/**
 * How a change notice's review deadline was counted (ADR 0069): working days from its filing by a
 * business calendar at a version, so a newer version counts it again. Notices filed before were
 * all counted the same way, 3 working days by the company calendar `default`; their version is
 * unknown, so 0: the first pass counts each again, moving only a deadline whose reviews are
 * still waiting (one announced overdue, or a settled notice, is history and stays).
 * Constant defaults: Postgres adds such columns without rewriting the table.
 */
export const NoticeDueBasis1765800000000 = sqlMigration('NoticeDueBasis1765800000000', {
  up: [
    `ALTER TABLE change_notices ADD COLUMN due_calendar_id text NOT NULL DEFAULT 'default',
       ADD COLUMN due_calendar_version integer NOT NULL DEFAULT 0, ADD COLUMN due_working_days integer NOT NULL DEFAULT 3`,
  ],
  down: ['ALTER TABLE change_notices DROP COLUMN due_calendar_id, DROP COLUMN due_calendar_version, DROP COLUMN due_working_days'],
});

/** The reviews of one notice still waiting: what counting its deadline again moves. Built while reviews are written (ADR 0064). */
export const WaitingReviewsByNotice1765810000000 = onlineMigration('WaitingReviewsByNotice1765810000000', {
  up: [{ createIndex: 'answer_reviews_waiting_by_notice', on: 'ON answer_reviews (notice_id) WHERE resolved_at IS NULL AND overdue_emitted_at IS NULL' }],
  down: [{ dropIndex: 'answer_reviews_waiting_by_notice' }],
});
