import { sqlMigration } from '@cs/persistence';

/**
 * Validates the subject check IncidentAlerts1765600000000 adds NOT VALID: in a transaction of its
 * own, whose lock (SHARE UPDATE EXCLUSIVE) lets the table be read and written while its rows are
 * read. Where the check is valid already (that migration ran before it said NOT VALID), Postgres
 * reads nothing.
 */
export const IncidentAlertsCheckValidated1766510000000 = sqlMigration('IncidentAlertsCheckValidated1766510000000', {
  up: ['ALTER TABLE notifications VALIDATE CONSTRAINT notifications_subject_check'],
  down: [],
});
