import { onlineMigration } from '@cs/persistence';

/**
 * The unread count, the inbox's pages and a resuming stream leave out or join a reader's own read
 * marks: an index by reader, built while marks are written (ADR 0064). Without it each count read
 * every user's read marks, or probed the key by notification once per row counted (ADR 0159).
 */
export const ReadsByUser1766800000000 = onlineMigration('ReadsByUser1766800000000', {
  up: [{ createIndex: 'notification_reads_user_idx', on: 'ON notification_reads (user_id, notification_id)' }],
  down: [{ dropIndex: 'notification_reads_user_idx' }],
});
