import { sqlMigration } from '@cs/persistence';

/**
 * A calendar change's walk re-plans open incidents' timers as well as open tickets' (ADR 0122):
 * its job keeps the last incident walked beside the last ticket. A nullable column with no
 * default: the ALTER rewrites nothing.
 */
export const IncidentsWalked1766630000000 = sqlMigration('IncidentsWalked1766630000000', {
  up: ['ALTER TABLE calendar_recompute_jobs ADD COLUMN after_incident_id uuid'],
  down: ['ALTER TABLE calendar_recompute_jobs DROP COLUMN after_incident_id'],
});
