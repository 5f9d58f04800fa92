import { sqlMigration } from '@cs/persistence';

/**
 * Ticket numbers drawn from a sequence less the day's base (ADR 0041) instead of a counter row
 * per day that every opening transaction locked until its commit. A day already numbered keeps
 * going after its last number.
 */
export const TicketNumberSequence1764810000000 = sqlMigration('TicketNumberSequence1764810000000', {
  up: [
    'CREATE SEQUENCE ticket_number_seq AS bigint',
    `CREATE TABLE ticket_number_days (
       day  char(8) PRIMARY KEY,
       base bigint NOT NULL
     )`,
    'INSERT INTO ticket_number_days (day, base) SELECT day, -last FROM ticket_number_counters',
    'DROP TABLE ticket_number_counters',
  ],
  down: [
    `CREATE TABLE ticket_number_counters (
       day  char(8) PRIMARY KEY,
       last integer NOT NULL
     )`,
    `INSERT INTO ticket_number_counters (day, last)
     SELECT substr(number, 4, 8), max(substr(number, 13)::int) FROM tickets GROUP BY substr(number, 4, 8)`,
    'DROP TABLE ticket_number_days',
    'DROP SEQUENCE ticket_number_seq',
  ],
});
