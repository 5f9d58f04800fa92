import { sqlMigration } from '@cs/persistence';

/**
 * A notification may be an outbound message with no ticket: a questionnaire link or a report for
 * webhook subscribers only. Such a row has channel 'webhook', a subject (callback or report) and
 * the body it was sent with; staff inboxes and live streams read 'inbox' rows alone. Deliveries
 * keep referencing notifications, so signing, retries and the delivery log serve both.
 */
export const OutboundMessages1764600000000 = sqlMigration('OutboundMessages1764600000000', {
  up: [
    'ALTER TABLE notifications ALTER COLUMN ticket_id DROP NOT NULL',
    'ALTER TABLE notifications ALTER COLUMN ticket_number DROP NOT NULL',
    'ALTER TABLE notifications ALTER COLUMN ticket_status DROP NOT NULL',
    "ALTER TABLE notifications ADD COLUMN channel text NOT NULL DEFAULT 'inbox' CHECK (channel IN ('inbox', 'webhook'))",
    "ALTER TABLE notifications ADD COLUMN subject_type text CHECK (subject_type IN ('callback', 'report'))",
    'ALTER TABLE notifications ADD COLUMN subject_id text',
    'ALTER TABLE notifications ADD COLUMN body jsonb',
    // A staff alert is always about a ticket; an outbound message always about its subject.
    `ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check CHECK (
       (channel = 'inbox' AND ticket_id IS NOT NULL AND ticket_number IS NOT NULL AND ticket_status IS NOT NULL)
       OR (channel = 'webhook' AND subject_type IS NOT NULL AND subject_id IS NOT NULL AND body IS NOT NULL))`,
    // Outbound messages never go down a live stream, so the relay looks at inbox rows only.
    'DROP INDEX notifications_unpublished_idx',
    "CREATE INDEX notifications_unpublished_idx ON notifications (seq) WHERE feed_seq IS NULL AND channel = 'inbox'",
  ],
  down: [
    "DELETE FROM notifications WHERE channel = 'webhook'",
    'DROP INDEX notifications_unpublished_idx',
    'CREATE INDEX notifications_unpublished_idx ON notifications (seq) WHERE feed_seq IS NULL',
    'ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check',
    'ALTER TABLE notifications DROP COLUMN body',
    'ALTER TABLE notifications DROP COLUMN subject_id',
    'ALTER TABLE notifications DROP COLUMN subject_type',
    'ALTER TABLE notifications DROP COLUMN channel',
    'ALTER TABLE notifications ALTER COLUMN ticket_status SET NOT NULL',
    'ALTER TABLE notifications ALTER COLUMN ticket_number SET NOT NULL',
    'ALTER TABLE notifications ALTER COLUMN ticket_id SET NOT NULL',
  ],
});
