import { sqlMigration } from '@cs/persistence';

/**
 * Ticket numbers drawn from a sequence less the day's base (ADR 0041) instead of a counter row
 * per day that every opening transaction locked until its commit. Expand only: the release
 * before this one keeps numbering from the counters while it still runs, so the counters stay
 * and jump a million ahead (today's and the next two days'), far above anything the sequence
 * gives a day; a day already numbered goes on after its last number. A later release drops them.
 */
const OLD_RELEASE_OFFSET = 1_000_000;

export const TicketNumberSequence1764810000000 = sqlMigration('TicketNumberSequence1764810000000', {
  up: [
    'CREATE SEQUENCE ticket_number_seq AS bigint',
    `CREATE TABLE ticket_number_days (
       day  char(8) PRIMARY KEY,
       base bigint NOT NULL
     )`,
    // No old replica takes a number between the copy and the jump.
    'LOCK TABLE ticket_number_counters IN EXCLUSIVE MODE',
    'INSERT INTO ticket_number_days (day, base) SELECT day, -last FROM ticket_number_counters',
    `INSERT INTO ticket_number_counters (day, last)
     SELECT to_char((now() AT TIME ZONE 'Asia/Shanghai')::date + d, 'YYYYMMDD'), 0 FROM generate_series(0, 2) AS d
     ON CONFLICT (day) DO NOTHING`,
    `UPDATE ticket_number_counters SET last = last + ${OLD_RELEASE_OFFSET}`,
  ],
  down: [
    // The release before numbers from the counters again: past every number the sequence gave.
    `INSERT INTO ticket_number_counters (day, last)
     SELECT substr(number, 4, 8), max(substr(number, 13)::int) FROM tickets
      WHERE substr(number, 4, 8) IN (SELECT day FROM ticket_number_days)
      GROUP BY substr(number, 4, 8)
     ON CONFLICT (day) DO UPDATE SET last = GREATEST(ticket_number_counters.last, EXCLUDED.last)`,
    'DROP TABLE ticket_number_days',
    'DROP SEQUENCE ticket_number_seq',
  ],
});
