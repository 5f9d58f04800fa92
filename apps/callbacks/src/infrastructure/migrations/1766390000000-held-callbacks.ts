import { sqlMigration } from '@cs/persistence';

/**
 * Callbacks owed whose due time their calendar refused to count (422 `CALENDAR.*`), held until a
 * newer version of it counts them (ADR 0116): one resolution's, or one birthday plan's greeting,
 * while the rest of the event is done. `calendar_version` is the version that refused, so the
 * walk after a calendar change takes up only those a newer one has reached. A new table: nothing
 * rewritten, built empty.
 */
export const HeldCallbacks1766390000000 = sqlMigration('HeldCallbacks1766390000000', {
  up: [
    `CREATE TABLE held_callbacks (
       callback_id      uuid PRIMARY KEY,
       ticket_id        uuid,
       plan_id          uuid,
       customer_id      uuid NOT NULL,
       project_code     text,
       calendar_id      text NOT NULL,
       calendar_version integer NOT NULL,
       due_from         timestamptz NOT NULL,
       due_working_days integer NOT NULL CHECK (due_working_days >= 0),
       task             jsonb NOT NULL,
       refusal          text NOT NULL,
       held_at          timestamptz NOT NULL
     )`,
    'CREATE INDEX held_callbacks_ticket_idx ON held_callbacks (ticket_id) WHERE ticket_id IS NOT NULL',
    'CREATE INDEX held_callbacks_customer_idx ON held_callbacks (customer_id)',
    'CREATE INDEX held_callbacks_calendar_idx ON held_callbacks (calendar_id, calendar_version)',
  ],
  down: ['DROP TABLE held_callbacks'],
});
