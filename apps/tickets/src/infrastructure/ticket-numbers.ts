import type { EntityManager } from 'typeorm';
import { formatTicketNumber, numberingDay } from '../domain/ticket-number';
import { Type } from '@sinclair/typebox';
import { selectRow } from '@cs/persistence';

const CounterRow = Type.Object({ last: Type.Integer() });

/** Next number of the day, inside the caller's transaction: gap-free and unique under concurrency. */
export async function nextTicketNumber(tx: EntityManager, at: Date): Promise<string> {
  const day = numberingDay(at);
  const row = await selectRow(
    tx,
    CounterRow,
    `INSERT INTO ticket_number_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = ticket_number_counters.last + 1
     RETURNING last`,
    [day],
  );
  return formatTicketNumber(day, row!.last);
}
