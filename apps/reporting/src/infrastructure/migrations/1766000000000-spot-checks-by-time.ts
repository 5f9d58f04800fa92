import { onlineMigration } from '@cs/persistence';

/** What answer accuracy reads with every KPI and report: the period's spot checks. Built while spot checks are written (ADR 0064). */
export const SpotChecksByTime1766000000000 = onlineMigration('SpotChecksByTime1766000000000', {
  up: [{ createIndex: 'spot_checks_checked_at_idx', on: 'ON spot_checks (checked_at)' }],
  down: [{ dropIndex: 'spot_checks_checked_at_idx' }],
});
