import { onlineMigration } from '@cs/persistence';

/**
 * The open gaps, most asked first, built while gaps are written (ADR 0064): the supervisors'
 * list of gaps sorted every open gap to show its first page, and every search no answer covers
 * in new words opens one, so the open gaps grow by the thousand a day where many agents search.
 */
export const OpenGapsMostAsked1766540000000 = onlineMigration('OpenGapsMostAsked1766540000000', {
  up: [{ createIndex: 'knowledge_gaps_open_most_asked', on: "ON knowledge_gaps (occurrences DESC, last_seen_at DESC, id) WHERE status = 'open'" }],
  down: [{ dropIndex: 'knowledge_gaps_open_most_asked' }],
});
