import { sqlMigration } from '@cs/persistence';

/**
 * Demand is counted per project, so a user limited to projects sees only theirs. Counts from
 * before have no project ('' — tied to none), as tickets without a project are.
 */
export const ItemDemandByProject1764300000000 = sqlMigration('ItemDemandByProject1764300000000', {
  up: [
    "ALTER TABLE item_demand ADD COLUMN project_code text NOT NULL DEFAULT ''",
    'ALTER TABLE item_demand DROP CONSTRAINT item_demand_pkey',
    'ALTER TABLE item_demand ADD PRIMARY KEY (item_code, project_code)',
  ],
  down: [
    'DELETE FROM item_demand WHERE project_code <> \'\'',
    'ALTER TABLE item_demand DROP CONSTRAINT item_demand_pkey',
    'ALTER TABLE item_demand ADD PRIMARY KEY (item_code)',
    'ALTER TABLE item_demand DROP COLUMN project_code',
  ],
});
