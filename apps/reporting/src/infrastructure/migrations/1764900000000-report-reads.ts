import { sqlMigration } from '@cs/persistence';

const ESCALATED = `(escalation_level > 0 OR major_complaint OR grade = 'major') AND merged_into IS NULL`;

/**
 * What the monthly report reads over a month of a million tickets, made cheap to read.
 *
 * The escalations table lists the first 100 by level, then as received: each level's rows in the
 * order received, with what the table shows, so a level gives its first rows without sorting the
 * month's tens of thousands; they are counted from a narrow index (ADR 0056).
 *
 * A month's duration bins are summed per grouping, key and measure: Postgres guessed some 2,000
 * groups where there are a few dozen (it multiplied the columns' own counts of distinct values)
 * and sorted the month's 17,000 rows to group them; knowing the columns' distinct combinations
 * it hashes them instead, in half the time.
 */
export const ReportReads1764900000000 = sqlMigration('ReportReads1764900000000', {
  up: [
    // Found by what it is, not by name: a projection rebuild swaps in tables whose indexes Postgres named after the rebuild's tables.
    `DO $$
     DECLARE superseded regclass;
     BEGIN
       FOR superseded IN
         SELECT indexrelid::regclass FROM pg_index
          WHERE indrelid = 'ticket_facts'::regclass
            AND pg_get_indexdef(indexrelid) LIKE '%USING btree (opened_at, number) INCLUDE (ticket_id, project_code, item_code, owner_id, escalation_level,%'
       LOOP
         EXECUTE format('DROP INDEX %s', superseded);
       END LOOP;
     END $$`,
    `CREATE INDEX ticket_facts_escalation_order_idx ON ticket_facts (escalation_level, opened_at, number COLLATE "C")
       INCLUDE (ticket_id, project_code, item_code, owner_id, major_complaint, grade, resolved_at, reopened_at, closed_at)
       WHERE ${ESCALATED}`,
    `CREATE INDEX ticket_facts_escalated_count_idx ON ticket_facts (opened_at) INCLUDE (project_code) WHERE ${ESCALATED}`,
    'CREATE STATISTICS ticket_duration_rollups_cells (ndistinct) ON dimension, key, measure FROM ticket_duration_rollups',
    // Extended statistics are gathered by ANALYZE only; without it they wait for autovacuum's next pass.
    'ANALYZE ticket_duration_rollups',
  ],
  down: [
    'DROP STATISTICS IF EXISTS ticket_duration_rollups_cells',
    'DROP INDEX IF EXISTS ticket_facts_escalated_count_idx',
    'DROP INDEX IF EXISTS ticket_facts_escalation_order_idx',
    `CREATE INDEX ticket_facts_escalated_idx ON ticket_facts (opened_at, number)
       INCLUDE (ticket_id, project_code, item_code, owner_id, escalation_level, major_complaint, grade, resolved_at, reopened_at, closed_at)
       WHERE ${ESCALATED}`,
  ],
});
