import { onlineMigration } from '@cs/persistence';

/**
 * The work queue asked for no status (an agent's own callbacks, a ticket's, the whole queue) reads
 * its page in due order: an index by due time and id, built while callbacks are written (ADR
 * 0064). Without it each page sorted every callback ever scheduled, done and cancelled ones too.
 */
export const CallbacksByDueTime1766350000000 = onlineMigration('CallbacksByDueTime1766350000000', {
  up: [{ createIndex: 'callbacks_due_idx', on: 'ON callbacks (due_at, id)' }],
  down: [{ dropIndex: 'callbacks_due_idx' }],
});
