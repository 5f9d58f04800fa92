import { sqlMigration } from '@cs/persistence';

/**
 * 全部已读 — a user keeps a mark per scope they marked all read with (ADR 0095): the row's own
 * columns hold the latest marking's, `earlier` the others' (each its roles, department, projects,
 * stream id and time), so a marking from a narrower token keeps what a wider one covered read. A
 * column with a constant default is added without rewriting the table; a replica of the release
 * before reads and writes the row's own columns as it did.
 */
export const InboxMarksOfEarlierScopes1766520000000 = sqlMigration('InboxMarksOfEarlierScopes1766520000000', {
  up: ["ALTER TABLE notification_inbox_marks ADD COLUMN earlier jsonb NOT NULL DEFAULT '[]'"],
  down: ['ALTER TABLE notification_inbox_marks DROP COLUMN earlier'],
});
