import { sqlMigration } from '@cs/persistence';

/**
 * Which version of each business calendar has been published (`calendar.published`) for the
 * services that keep their own copy; NULL until the first, so the seeded calendars go out too.
 */
export const CalendarPublications1764720000000 = sqlMigration('CalendarPublications1764720000000', {
  up: [
    'ALTER TABLE business_calendars ADD COLUMN published_version integer',
    'CREATE INDEX business_calendars_unpublished_idx ON business_calendars (id) WHERE published_version IS DISTINCT FROM version',
  ],
  down: ['DROP INDEX business_calendars_unpublished_idx', 'ALTER TABLE business_calendars DROP COLUMN published_version'],
});
