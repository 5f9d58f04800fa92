import { onlineMigration } from '@cs/persistence';

/**
 * What scorecards and the praise list read with no agent named: the month's praise of every
 * agent, which the index by agent cannot bound. Built while praise is written (ADR 0064).
 */
export const PraiseByTime1766120000000 = onlineMigration('PraiseByTime1766120000000', {
  up: [{ createIndex: 'praise_received_at_idx', on: 'ON praise (received_at)' }],
  down: [{ dropIndex: 'praise_received_at_idx' }],
});
