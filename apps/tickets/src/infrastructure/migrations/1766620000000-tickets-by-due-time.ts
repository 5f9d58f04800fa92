import { onlineMigration } from '@cs/persistence';

/**
 * The desk's list by due time (`next_due_at ASC NULLS LAST, id`) holds tickets without a due time
 * too, after the others: the index of due times left them out, so no page could be read from it
 * and each sorted every ticket its reader may see. One index of every ticket in that order
 * replaces it (ADR 0099); what the old one served, it serves. Built while tickets are written,
 * before the old one is dropped (ADR 0064).
 */
export const TicketsByDueTime1766620000000 = onlineMigration('TicketsByDueTime1766620000000', {
  up: [{ createIndex: 'tickets_due_order_idx', on: 'ON tickets (next_due_at, id)' }, { dropIndex: 'tickets_due_idx' }],
  down: [{ createIndex: 'tickets_due_idx', on: 'ON tickets (next_due_at, id) WHERE next_due_at IS NOT NULL' }, { dropIndex: 'tickets_due_order_idx' }],
});
