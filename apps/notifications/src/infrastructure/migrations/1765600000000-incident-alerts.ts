import { sqlMigration } from '@cs/persistence';

const OUTBOUND_HAS_SUBJECT = "WHEN channel = 'webhook' THEN subject_type IS NOT NULL AND subject_id IS NOT NULL AND body IS NOT NULL";
const HAS_TICKET = 'ticket_id IS NOT NULL AND ticket_number IS NOT NULL AND ticket_status IS NOT NULL';
const SUBJECT_CHECK = 'ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check CHECK';

/**
 * A staff alert may be about an incident (群发事件) rather than a ticket: its SLA warnings,
 * breaches and escalations (ADR 0040). Such an inbox row names the incident and no ticket; the
 * item and project columns serve both subjects, and an incident always has both.
 *
 * The new check is added NOT VALID, so adding it reads no row under the table's lock; the rows
 * already there hold the old check, which implies this one, and
 * IncidentAlertsCheckValidated1766510000000 validates them under a lock that lets reads and writes
 * go on. A schema that ran this migration before it said NOT VALID has the check validated
 * already, where that migration changes nothing.
 */
export const IncidentAlerts1765600000000 = sqlMigration('IncidentAlerts1765600000000', {
  up: [
    'ALTER TABLE notifications ADD COLUMN incident_id uuid, ADD COLUMN incident_number text, ADD COLUMN incident_status text',
    'ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check',
    `${SUBJECT_CHECK} (CASE ${OUTBOUND_HAS_SUBJECT}
       WHEN incident_id IS NULL THEN ${HAS_TICKET}
       ELSE ticket_id IS NULL AND incident_number IS NOT NULL AND incident_status IS NOT NULL AND item_code IS NOT NULL AND project_code IS NOT NULL END) NOT VALID`,
  ],
  down: [
    "DELETE FROM notifications WHERE channel = 'inbox' AND incident_id IS NOT NULL",
    'ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check',
    `${SUBJECT_CHECK} (CASE ${OUTBOUND_HAS_SUBJECT} ELSE ${HAS_TICKET} END)`,
    'ALTER TABLE notifications DROP COLUMN incident_id, DROP COLUMN incident_number, DROP COLUMN incident_status',
  ],
});
