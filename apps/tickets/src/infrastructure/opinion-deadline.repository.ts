import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { changedRows, execute, selectRows } from '@cs/persistence';

const TicketIdRow = Type.Object({ ticket_id: Type.String() });
const OpinionIdRow = Type.Object({ opinion_id: Type.String() });

/**
 * Durable deadlines of requested opinions. A row is written with the request and fires once:
 * an answered opinion's deadline still fires, and the decision finds nothing overdue.
 */
@Injectable()
export class OpinionDeadlineRepository {
  async plan(tx: EntityManager, ticketId: string, opinionId: string, dueAt: Date): Promise<void> {
    await execute(tx, 'INSERT INTO opinion_deadlines (ticket_id, opinion_id, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ticketId, opinionId, dueAt]);
  }

  /** Tickets with a deadline due; the caller locks each ticket before claiming them. */
  async ticketsWithDue(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      tx,
      TicketIdRow,
      `SELECT ticket_id::text FROM opinion_deadlines WHERE fired_at IS NULL AND due_at <= $1
        GROUP BY ticket_id ORDER BY min(due_at) LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.ticket_id);
  }

  /** Marks a locked ticket's due deadlines fired and returns their opinions. */
  async claimDue(tx: EntityManager, ticketId: string, now: Date): Promise<string[]> {
    const rows = await changedRows(
      tx,
      OpinionIdRow,
      `UPDATE opinion_deadlines SET fired_at = $2 WHERE ticket_id = $1 AND fired_at IS NULL AND due_at <= $2 RETURNING opinion_id::text`,
      [ticketId, now],
    );
    return rows.map((r) => r.opinion_id);
  }
}
