import { sqlMigration } from '@cs/persistence';

/**
 * Where a matter of each catalogue item happened, as its record must say (ADR 0076): a catalogue
 * item may ask for another place than its section's (null: the section's), and a ticket keeps the
 * place its item asked for when it was classified, with the item it was read for: a replica of the
 * release before amends the item without the place, and the place of another item is then not
 * read. Columns with no default rewrite nothing; the tickets' check is not validated against rows
 * that all hold null, and the catalogue's reads a few hundred rows.
 */
export const ItemPlaces1766030000000 = sqlMigration('ItemPlaces1766030000000', {
  up: [
    `ALTER TABLE catalogue_items ADD COLUMN place text CHECK (place IN ('room', 'building', 'none'))`,
    'ALTER TABLE tickets ADD COLUMN record_place text, ADD COLUMN record_place_item text',
    `ALTER TABLE tickets ADD CONSTRAINT tickets_record_place_check CHECK (record_place IN ('room', 'building', 'none')) NOT VALID`,
  ],
  down: ['ALTER TABLE tickets DROP COLUMN record_place_item, DROP COLUMN record_place', 'ALTER TABLE catalogue_items DROP COLUMN place'],
});
