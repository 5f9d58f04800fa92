import { sqlMigration } from '@cs/persistence';

/**
 * The calendars a new ticket's held clocks wait for (ADR 0130): a row per ticket and calendar,
 * with the calendar's version last tried (0 until the first try), so a bounded sweep finds the
 * ones a version their calendar reached since can count, whatever walk missed them. A new table:
 * the release before writes nothing to it and opens no ticket held, so there is nothing to fill.
 */
export const HeldClocks1766640000000 = sqlMigration('HeldClocks1766640000000', {
  up: [
    `CREATE TABLE held_clocks (
       ticket_id     uuid NOT NULL REFERENCES tickets (id),
       calendar_id   text NOT NULL,
       tried_version integer NOT NULL DEFAULT 0,
       PRIMARY KEY (ticket_id, calendar_id)
     )`,
    'CREATE INDEX held_clocks_calendar_idx ON held_clocks (calendar_id, tried_version)',
  ],
  down: ['DROP TABLE held_clocks'],
});
