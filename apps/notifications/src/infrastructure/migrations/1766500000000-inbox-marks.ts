import { sqlMigration } from '@cs/persistence';

/**
 * 全部已读 — a user's "mark all read" is one row: the stream id it reaches and the scope their
 * token had (roles, department, projects; NULL projects: every one). The unread count reads what
 * came after it, through the stream ids' index, instead of every notification of the inbox.
 */
export const InboxMarks1766500000000 = sqlMigration('InboxMarks1766500000000', {
  up: [
    `
    CREATE TABLE notification_inbox_marks (
      user_id    text PRIMARY KEY,
      read_up_to bigint NOT NULL,
      read_at    timestamptz NOT NULL,
      roles      text[] NOT NULL,
      department text,
      projects   text[]
    )`,
  ],
  down: ['DROP TABLE notification_inbox_marks'],
});
