import { sqlMigration } from '@cs/persistence';

/** An outbound message may be about an incident: its update, sent once to each customer who called about it. */
export const IncidentMessages1764740000000 = sqlMigration('IncidentMessages1764740000000', {
  up: [
    'ALTER TABLE notifications DROP CONSTRAINT notifications_subject_type_check',
    "ALTER TABLE notifications ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN ('callback', 'report', 'incident'))",
  ],
  down: [
    "DELETE FROM notifications WHERE subject_type = 'incident'",
    'ALTER TABLE notifications DROP CONSTRAINT notifications_subject_type_check',
    "ALTER TABLE notifications ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN ('callback', 'report'))",
  ],
});
