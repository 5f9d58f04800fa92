import { sqlMigration } from '@cs/persistence';

/**
 * Intake names the ticket of a new matter when it records the contact (ADR 0009), so its copy
 * of tickets holds the matter at once; the number comes with `ticket.created`.
 */
export const PendingMatters1764400000000 = sqlMigration('PendingMatters1764400000000', {
  up: ['ALTER TABLE known_tickets ALTER COLUMN number DROP NOT NULL'],
  down: [`UPDATE known_tickets SET number = '' WHERE number IS NULL`, 'ALTER TABLE known_tickets ALTER COLUMN number SET NOT NULL'],
});
