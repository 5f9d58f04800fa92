import { onlineMigration } from '@cs/persistence';

/**
 * The open reviews of an answer, which a new version or a retirement settles, built while reviews
 * are written (ADR 0064): each approval and retirement read the whole table for them before.
 */
export const OpenReviewsByAnswer1766530000000 = onlineMigration('OpenReviewsByAnswer1766530000000', {
  up: [{ createIndex: 'answer_reviews_open_by_answer', on: 'ON answer_reviews (answer_id) WHERE resolved_at IS NULL' }],
  down: [{ dropIndex: 'answer_reviews_open_by_answer' }],
});
