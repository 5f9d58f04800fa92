import { onlineMigration } from '@cs/persistence';

/**
 * The open reviews of a change notice, which the list of notices and each notice show, built while
 * reviews are written (ADR 0064): the index of a notice's reviews holds only those still waiting,
 * not those announced overdue and still open, so each read went through the whole table.
 */
export const OpenReviewsByNotice1766620000000 = onlineMigration('OpenReviewsByNotice1766620000000', {
  up: [{ createIndex: 'answer_reviews_open_by_notice', on: 'ON answer_reviews (notice_id) WHERE resolved_at IS NULL' }],
  down: [{ dropIndex: 'answer_reviews_open_by_notice' }],
});
