import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { selectRows } from '@cs/persistence';
import { formatTicketNumber, numberingDay } from '../domain/ticket-number';

const NumberRow = Type.Object({ sequence: Type.Integer() });

/**
 * Next number of the day, unique and increasing under concurrency (ADR 0041). Numbers are drawn
 * from one sequence, less the value it had when the day's first ticket was numbered, so no
 * transaction holds a lock on a counter until it commits: a day's counter row had serialised
 * every ticket-opening transaction of the service, batches of consumed contacts included. A
 * rolled-back opening leaves a gap.
 */
export async function nextTicketNumber(tx: EntityManager, at: Date): Promise<string> {
  const [number] = await nextTicketNumbers(tx, at, 1);
  return number!;
}

/** `count` next numbers of the day, in increasing order, drawn in one statement. */
export async function nextTicketNumbers(tx: EntityManager, at: Date, count: number): Promise<string[]> {
  if (count === 0) return [];
  const day = numberingDay(at);
  const draw = () =>
    selectRows(
      tx,
      NumberRow,
      "SELECT (nextval('ticket_number_seq') - base)::int AS sequence FROM ticket_number_days, generate_series(1, $2) WHERE day = $1",
      [day, count],
    );
  let rows = await draw();
  if (rows.length === 0) {
    // The day's first ticket: a concurrent first one waits here for the other's commit, once a day.
    await tx.query("INSERT INTO ticket_number_days (day, base) VALUES ($1, nextval('ticket_number_seq')) ON CONFLICT (day) DO NOTHING", [day]);
    rows = await draw();
  }
  if (rows.length !== count) throw new Error(`no ticket numbering for day ${day}`);
  return rows
    .map((r) => r.sequence)
    .sort((a, b) => a - b)
    .map((sequence) => formatTicketNumber(day, sequence));
}
