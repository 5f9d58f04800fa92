import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { Queryable, changedRows, execute, selectRows } from '@cs/persistence';
import { notPostponed } from '@cs/platform';

const TicketIdRow = Type.Object({ ticket_id: Type.String() });
const ClaimedRow = Type.Object({ ticket_id: Type.String(), opinion_id: Type.String() });

/**
 * Durable deadlines of requested opinions. A row is written with the request and fires once:
 * an answered opinion's deadline still fires, and the decision finds nothing overdue.
 */
@Injectable()
export class OpinionDeadlineRepository {
  async plan(tx: EntityManager, ticketId: string, opinionId: string, dueAt: Date): Promise<void> {
    await execute(tx, 'INSERT INTO opinion_deadlines (ticket_id, opinion_id, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ticketId, opinionId, dueAt]);
  }

  /** Tickets with a deadline due and not held back, earliest first, at most `limit`; the caller locks each ticket before claiming them. */
  async ticketsWithDue(db: Queryable, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      db,
      TicketIdRow,
      `SELECT d.ticket_id::text FROM opinion_deadlines d
        WHERE d.fired_at IS NULL AND d.due_at <= $1 AND ${notPostponed('opinion_deadlines', 'd.ticket_id', '$1')}
        ORDER BY d.due_at LIMIT $2`,
      [now, limit],
    );
    return [...new Set(rows.map((r) => r.ticket_id))];
  }

  /** Marks the locked tickets' due deadlines fired and returns their opinions, by ticket. */
  async claimDue(tx: EntityManager, ticketIds: readonly string[], now: Date): Promise<Map<string, string[]>> {
    const rows = await changedRows(
      tx,
      ClaimedRow,
      `UPDATE opinion_deadlines SET fired_at = $2 WHERE ticket_id = ANY($1::uuid[]) AND fired_at IS NULL AND due_at <= $2
       RETURNING ticket_id::text, opinion_id::text`,
      [ticketIds, now],
    );
    const due = new Map<string, string[]>();
    for (const r of rows) due.set(r.ticket_id, [...(due.get(r.ticket_id) ?? []), r.opinion_id]);
    return due;
  }
}
