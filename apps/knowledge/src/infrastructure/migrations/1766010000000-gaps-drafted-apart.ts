import { sqlMigration } from '@cs/persistence';

/**
 * The projects whose share of a gap was drafted apart (ADR 0072). Added without a default, it
 * rewrites nothing; replicas of the release before neither read nor overwrite it.
 */
export const GapsDraftedApart1766010000000 = sqlMigration('GapsDraftedApart1766010000000', {
  up: ['ALTER TABLE knowledge_gaps ADD COLUMN drafted_apart text[]'],
  down: ['ALTER TABLE knowledge_gaps DROP COLUMN drafted_apart'],
});
