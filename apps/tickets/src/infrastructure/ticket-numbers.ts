import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { selectRow } from '@cs/persistence';
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
  const day = numberingDay(at);
  const draw = () =>
    selectRow(tx, NumberRow, 'SELECT (nextval(\'ticket_number_seq\') - base)::int AS sequence FROM ticket_number_days WHERE day = $1', [day]);
  let row = await draw();
  if (!row) {
    // The day's first ticket: a concurrent first one waits here for the other's commit, once a day.
    await tx.query("INSERT INTO ticket_number_days (day, base) VALUES ($1, nextval('ticket_number_seq')) ON CONFLICT (day) DO NOTHING", [day]);
    row = await draw();
  }
  if (!row) throw new Error(`no ticket numbering for day ${day}`);
  return formatTicketNumber(day, row.sequence);
}
