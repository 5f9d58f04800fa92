import { sqlMigration } from '@cs/persistence';

/**
 * A gap keeps every project it was asked in (ADR 0066): a search by someone serving several
 * projects and naming none was kept for every project, and shown to the supervisors of all of
 * them. `project_code` stays, written for a gap of one project, while replicas from before read
 * it. Adding a column with no default rewrites nothing; the gaps are few.
 */
export const GapProjects1765700000000 = sqlMigration('GapProjects1765700000000', {
  up: [
    'ALTER TABLE knowledge_gaps ADD COLUMN projects text[]',
    'UPDATE knowledge_gaps SET projects = ARRAY[project_code] WHERE project_code IS NOT NULL',
  ],
  down: ['ALTER TABLE knowledge_gaps DROP COLUMN projects'],
});
