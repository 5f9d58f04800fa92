import { sqlMigration } from '@cs/persistence';

/**
 * Each ticket's demand is appended to `item_demand_appended` and folded into `item_demand` (one
 * row per item and project) by a loop: every ticket about the same item of a project updated that
 * one row, and the consumers of different partitions waited on its lock for each other's whole
 * batch. Only a table is added, so the release before, which still upserts `item_demand` while a
 * rollout runs, keeps working beside this one; reads sum both tables.
 */
export const ItemDemandAppended1764830000000 = sqlMigration('ItemDemandAppended1764830000000', {
  up: [
    `CREATE TABLE item_demand_appended (
       item_code    text NOT NULL,
       project_code text NOT NULL,
       tickets      integer NOT NULL,
       last_seen_at timestamptz NOT NULL
     )`,
    'CREATE INDEX item_demand_appended_key_idx ON item_demand_appended (item_code, project_code)',
  ],
  down: [
    // Counts appended by the release being rolled back are kept, folded into their rows.
    'LOCK TABLE item_demand_appended IN EXCLUSIVE MODE',
    `INSERT INTO item_demand (item_code, project_code, tickets, last_seen_at)
     SELECT item_code, project_code, sum(tickets), max(last_seen_at) FROM item_demand_appended GROUP BY item_code, project_code
     ON CONFLICT (item_code, project_code) DO UPDATE
       SET tickets = item_demand.tickets + excluded.tickets, last_seen_at = greatest(item_demand.last_seen_at, excluded.last_seen_at)`,
    'DROP TABLE item_demand_appended',
  ],
});
