import type { EntityManager } from 'typeorm';
import { formatTicketNumber, numberingDay } from '../domain/ticket-number';

/** Next number of the day, inside the caller's transaction: gap-free and unique under concurrency. */
export async function nextTicketNumber(tx: EntityManager, at: Date): Promise<string> {
  const day = numberingDay(at);
  const [row] = (await tx.query(
    `INSERT INTO ticket_number_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = ticket_number_counters.last + 1
     RETURNING last`,
    [day],
  )) as { last: number }[];
  return formatTicketNumber(day, row!.last);
}
