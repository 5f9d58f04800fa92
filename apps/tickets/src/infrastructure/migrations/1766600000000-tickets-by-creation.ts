import { onlineMigration } from '@cs/persistence';

/**
 * The desk's default list is the newest tickets first (`created_at DESC, id DESC`): an index in
 * that order, so a page of an administrator's or a supervisor's many projects is read from the
 * top instead of sorting every ticket they may see. Built while tickets are written (ADR 0064).
 */
export const TicketsByCreation1766600000000 = onlineMigration('TicketsByCreation1766600000000', {
  up: [{ createIndex: 'tickets_created_idx', on: 'ON tickets (created_at DESC, id DESC)' }],
  down: [{ dropIndex: 'tickets_created_idx' }],
});
