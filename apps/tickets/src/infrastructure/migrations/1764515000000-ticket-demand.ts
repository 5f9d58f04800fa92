import { sqlMigration } from '@cs/persistence';

/**
 * 诉求 — what each contact about a ticket asked, as intake announced it (a redacted summary),
 * and when it was made, so a ticket shows its demand and its follow-ups (催办) without asking
 * intake; the full text stays in intake, behind its access rules.
 */
export const TicketDemand1764515000000 = sqlMigration('TicketDemand1764515000000', {
  up: [
    'ALTER TABLE ticket_contacts ADD COLUMN summary text',
    'ALTER TABLE ticket_contacts ADD COLUMN occurred_at timestamptz',
    'UPDATE ticket_contacts SET occurred_at = linked_at WHERE occurred_at IS NULL',
    'ALTER TABLE ticket_contacts ALTER COLUMN occurred_at SET NOT NULL',
  ],
  down: ['ALTER TABLE ticket_contacts DROP COLUMN occurred_at', 'ALTER TABLE ticket_contacts DROP COLUMN summary'],
});
