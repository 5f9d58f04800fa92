import { onlineMigration } from '@cs/persistence';

/**
 * The ticket export's callback columns read each exported ticket's callbacks, whenever they were
 * due: an index by ticket, built while callbacks are projected (ADR 0064).
 */
export const CallbacksByTicket1766100000000 = onlineMigration('CallbacksByTicket1766100000000', {
  up: [{ createIndex: 'callback_facts_ticket_idx', on: 'ON callback_facts (ticket_id)' }],
  down: [{ dropIndex: 'callback_facts_ticket_idx' }],
});
