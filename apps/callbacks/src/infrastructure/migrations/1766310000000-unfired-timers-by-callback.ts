import { onlineMigration } from '@cs/persistence';

/**
 * Every change of a callback replans its timers, deleting its unfired ones by callback: an index
 * of the unfired timers by callback, built while timers are written (ADR 0064). Without it each
 * attempt, scheduling, cancellation or firing read the whole timer table.
 */
export const UnfiredTimersByCallback1766310000000 = onlineMigration('UnfiredTimersByCallback1766310000000', {
  up: [{ createIndex: 'callback_timers_unfired_callback_idx', on: 'ON callback_timers (callback_id) WHERE fired_at IS NULL' }],
  down: [{ dropIndex: 'callback_timers_unfired_callback_idx' }],
});
