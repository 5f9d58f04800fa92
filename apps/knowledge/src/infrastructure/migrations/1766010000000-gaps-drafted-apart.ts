import { sqlMigration } from '@cs/persistence';

/**
 * The projects whose share of a gap was drafted apart, and the gap a share was drafted from (ADR
 * 0072). Added without a default, they rewrite nothing; replicas of the release before neither
 * read nor overwrite them.
 */
export const GapsDraftedApart1766010000000 = sqlMigration('GapsDraftedApart1766010000000', {
  up: ['ALTER TABLE knowledge_gaps ADD COLUMN drafted_apart text[], ADD COLUMN drafted_from uuid'],
  down: ['ALTER TABLE knowledge_gaps DROP COLUMN drafted_apart, DROP COLUMN drafted_from'],
});
