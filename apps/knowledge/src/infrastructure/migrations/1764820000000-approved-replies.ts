import { sqlMigration } from '@cs/persistence';

/**
 * The replies supervisors approved for complaints no unified answer covered: each is a candidate
 * answer a supervisor turns into a draft in one call.
 */
export const ApprovedReplies1764820000000 = sqlMigration('ApprovedReplies1764820000000', {
  up: [
    `
    CREATE TABLE approved_replies (
      ticket_id       text PRIMARY KEY,
      project_code    text,
      item_code       text,
      text            text NOT NULL,
      approved_by     text NOT NULL,
      approved_at     timestamptz NOT NULL,
      draft_answer_id uuid
    )`,
  ],
  down: ['DROP TABLE approved_replies'],
});
