import { randomUUID } from 'node:crypto';
import type { ThrowawaySchema } from '@cs/testing';
import { openTicket } from '../../domain/ticket';
import { TicketRepository } from '../ticket.repository';

/**
 * One ticket opened at `at` (due at `dueAt`, if given) and `copies` copies of it, each set apart
 * by `vary` — SQL of further columns as `jsonb_build_object` pairs over the copy's number `g` and
 * the first ticket's row `t` — then analysed, as autovacuum would have: a table the size where a
 * plan shows whether an index serves a page.
 */
export async function seedTicketCopies(db: ThrowawaySchema, copies: number, at: Date, vary: string, dueAt?: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  const first = openTicket({
    id: randomUUID(),
    number: `TK-${day}-000001`,
    contactId: randomUUID(),
    customerId: randomUUID(),
    customerName: '张*',
    channel: 'phone',
    itemCode: 'repair.public_area',
    unit: { projectCode: 'P001', building: '3' },
    ownerId: 'agent-1',
    at,
  });
  await new TicketRepository().insert(db.dataSource.manager, first, dueAt);
  // The record is built in FROM: `(f(...)).*` in the select list calls f once per column (46 of
  // them), which took a minute for twenty thousand copies.
  await db.dataSource.query(
    `INSERT INTO tickets
     SELECT copy.*
       FROM tickets t, generate_series(1, $1::int) g,
            LATERAL jsonb_populate_record(NULL::tickets, to_jsonb(t) || jsonb_build_object(
              'id', gen_random_uuid(), 'contact_id', gen_random_uuid(), 'number', 'TK-${day}-' || lpad((g + 1)::text, 6, '0'),
              ${vary})) copy`,
    [copies],
  );
  await db.dataSource.query('ANALYZE tickets');
}
