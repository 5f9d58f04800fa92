import { sqlMigration } from '@cs/persistence';

/**
 * Demand is appended, a row per ticket, and folded into one row per item and project by a loop:
 * every ticket about the same item of a project updated one row, and the consumers of
 * different partitions waited on its lock for each other's whole batch.
 */
export const ItemDemandAppended1764830000000 = sqlMigration('ItemDemandAppended1764830000000', {
  up: [
    'ALTER TABLE item_demand ADD COLUMN folded boolean NOT NULL DEFAULT true',
    'ALTER TABLE item_demand ALTER COLUMN folded SET DEFAULT false',
    'ALTER TABLE item_demand DROP CONSTRAINT item_demand_pkey',
    'CREATE INDEX item_demand_key_idx ON item_demand (item_code, project_code)',
    'CREATE INDEX item_demand_unfolded_idx ON item_demand (item_code, project_code) WHERE NOT folded',
  ],
  down: [
    `WITH gone AS (DELETE FROM item_demand RETURNING *)
     INSERT INTO item_demand (item_code, project_code, tickets, last_seen_at, folded)
     SELECT item_code, project_code, sum(tickets), max(last_seen_at), true FROM gone GROUP BY item_code, project_code`,
    'DROP INDEX item_demand_unfolded_idx',
    'DROP INDEX item_demand_key_idx',
    'ALTER TABLE item_demand ADD PRIMARY KEY (item_code, project_code)',
    'ALTER TABLE item_demand DROP COLUMN folded',
  ],
});
