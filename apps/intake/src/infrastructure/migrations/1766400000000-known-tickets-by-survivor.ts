import { onlineMigration } from '@cs/persistence';

/**
 * A ticket's contacts include those of the tickets merged into it (ADR 0038): the walk down the
 * merges looks the merged ones up by their survivor, which read the whole of intake's copy of
 * tickets at each step. An index of the merged tickets alone (few of them), built while tickets
 * are written (ADR 0064).
 */
export const KnownTicketsBySurvivor1766400000000 = onlineMigration('KnownTicketsBySurvivor1766400000000', {
  up: [{ createIndex: 'known_tickets_merged_into_idx', on: 'ON known_tickets (merged_into) WHERE merged_into IS NOT NULL' }],
  down: [{ dropIndex: 'known_tickets_merged_into_idx' }],
});
