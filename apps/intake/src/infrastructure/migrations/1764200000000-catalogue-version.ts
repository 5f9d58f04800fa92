import { sqlMigration } from '@cs/persistence';

/**
 * Which version of the tickets service's catalogue intake's `catalogue_items` reflects, so a
 * `catalogue.changed` event delivered late cannot roll the copy back. Starts at 1: intake's
 * seed is the same CATALOGUE_SEED that is version 1 in the tickets service.
 */
export const CatalogueVersion1764200000000 = sqlMigration('CatalogueVersion1764200000000', {
  up: [
    `CREATE TABLE catalogue_projection_version (
       singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       version    integer NOT NULL,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    'INSERT INTO catalogue_projection_version (singleton, version) VALUES (true, 1)',
  ],
  down: ['DROP TABLE catalogue_projection_version'],
});
