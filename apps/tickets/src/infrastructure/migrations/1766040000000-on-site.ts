import { sqlMigration } from '@cs/persistence';

/**
 * 上门 — when the handler first arrived on site (ADR 0077). A column with no default rewrites
 * nothing; tickets before it were never told an arrival.
 */
export const OnSite1766040000000 = sqlMigration('OnSite1766040000000', {
  up: ['ALTER TABLE tickets ADD COLUMN on_site_at timestamptz'],
  down: ['ALTER TABLE tickets DROP COLUMN on_site_at'],
});
