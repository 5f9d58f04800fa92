import { onlineMigration } from '@cs/persistence';

/**
 * The open gaps by item, a gap of no item under '', built while gaps are written (ADR 0064):
 * grouping a question reads them as `coalesce(item_code, '') = $1`, where the `IS NOT DISTINCT
 * FROM` it read before could use no index and read every open gap. The index of `item_code` it
 * replaces goes with it.
 */
export const OpenGapsByItem1766520000000 = onlineMigration('OpenGapsByItem1766520000000', {
  up: [
    { createIndex: 'knowledge_gaps_open_by_item', on: "ON knowledge_gaps ((coalesce(item_code, '')), last_seen_at DESC) WHERE status = 'open'" },
    { dropIndex: 'knowledge_gaps_open' },
  ],
  down: [
    { createIndex: 'knowledge_gaps_open', on: "ON knowledge_gaps (item_code, last_seen_at DESC) WHERE status = 'open'" },
    { dropIndex: 'knowledge_gaps_open_by_item' },
  ],
});
