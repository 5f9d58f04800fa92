import { onlineMigration } from '@cs/persistence';

/**
 * The callbacks still due that keep no basis, by id, built while callbacks are written (ADR
 * 0064): the walk after a calendar change gives each the basis it can be given (ADR 0101) on
 * every pass. Partial: it holds only callbacks scheduled before bases were kept, and is empty
 * once the last of them ended, so a pass reads nothing rather than every callback still due.
 */
export const CallbacksDueWithoutBasis1766380000000 = onlineMigration('CallbacksDueWithoutBasis1766380000000', {
  up: [{ createIndex: 'callbacks_due_without_basis_idx', on: `ON callbacks (id) WHERE status = 'due' AND due_calendar_id IS NULL` }],
  down: [{ dropIndex: 'callbacks_due_without_basis_idx' }],
});
