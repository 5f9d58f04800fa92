import { sqlMigration } from '@cs/persistence';

/** 周期工单 — a ticket a recurring schedule opened serves no customer: it is never called back. */
export const ScheduledTickets1764750000000 = sqlMigration('ScheduledTickets1764750000000', {
  up: ['ALTER TABLE followed_tickets ADD COLUMN scheduled boolean NOT NULL DEFAULT false'],
  down: ['ALTER TABLE followed_tickets DROP COLUMN scheduled'],
});
