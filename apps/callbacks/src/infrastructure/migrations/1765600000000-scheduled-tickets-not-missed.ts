import { sqlMigration } from '@cs/persistence';

/**
 * 漏回访 — a ticket a schedule opened (周期工单) was owed no callback: those the report listed
 * before it knew so leave it. Nothing to put back on the way down.
 */
export const ScheduledTicketsNotMissed1765600000000 = sqlMigration('ScheduledTicketsNotMissed1765600000000', {
  up: ['DELETE FROM missed_callbacks m USING followed_tickets f WHERE f.ticket_id = m.ticket_id AND f.scheduled'],
  down: [],
});
