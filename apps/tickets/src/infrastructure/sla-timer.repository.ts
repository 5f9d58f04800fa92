import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PlannedTimer } from '../domain/sla-clock';
import type { ClockKind } from '../domain/sla-policy';
import type { PlannedDeadline } from '../domain/ticket-commands';
import { Type } from '@sinclair/typebox';
import { execute, selectRows } from '@cs/persistence';

export interface DueTimer {
  readonly id: string;
  readonly ticketId: string;
  readonly clock: ClockKind;
  readonly kind: PlannedTimer['kind'];
  readonly threshold: number;
  readonly fireAt: Date;
}

const TimerRow = Type.Object({
  id: Type.String(),
  ticket_id: Type.String(),
  clock: Type.Unsafe<ClockKind>(Type.String()),
  kind: Type.Unsafe<PlannedTimer['kind']>(Type.String()),
  threshold: Type.Integer(),
  fire_at: Type.Date(),
});
const TicketIdRow = Type.Object({ ticket_id: Type.String() });
const PlannedBreachRow = Type.Object({ clock: Type.Unsafe<ClockKind>(Type.String()), fire_at: Type.Date() });

/**
 * Durable SLA timers. A ticket's unfired timers are replaced whenever its clocks change, in
 * the same transaction, so what is left unfired is always the current plan.
 */
@Injectable()
export class SlaTimerRepository {
  async replan(tx: EntityManager, ticketId: string, timers: readonly PlannedTimer[]): Promise<void> {
    await execute(tx, 'DELETE FROM sla_timers WHERE ticket_id = $1 AND fired_at IS NULL', [ticketId]);
    if (timers.length === 0) return;
    // One statement for the whole plan: a new ticket has about eight timers, each a round trip otherwise.
    await execute(
      tx,
      `INSERT INTO sla_timers (ticket_id, clock, kind, threshold, fire_at)
       SELECT $1, t.clock, t.kind, t.threshold, t.fire_at FROM unnest($2::text[], $3::text[], $4::int[], $5::timestamptz[]) AS t(clock, kind, threshold, fire_at)`,
      [ticketId, timers.map((t) => t.clock), timers.map((t) => t.kind), timers.map((t) => t.threshold), timers.map((t) => t.fireAt)],
    );
  }

  /** Tickets with a timer due; the caller locks each ticket before touching its timers. */
  async ticketsWithDueTimers(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await selectRows(
      tx,
      TicketIdRow,
      `SELECT ticket_id::text FROM sla_timers WHERE fired_at IS NULL AND fire_at <= $1
        GROUP BY ticket_id ORDER BY min(fire_at) LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.ticket_id);
  }

  /** Claims a ticket's due timers; the ticket row is already locked, so no other replica holds them. */
  async claimDue(tx: EntityManager, ticketId: string, now: Date): Promise<DueTimer[]> {
    const rows = await selectRows(
      tx,
      TimerRow,
      `SELECT id::text, ticket_id::text, clock, kind, threshold, fire_at FROM sla_timers
        WHERE ticket_id = $1 AND fired_at IS NULL AND fire_at <= $2 ORDER BY fire_at, id FOR UPDATE SKIP LOCKED`,
      [ticketId, now],
    );
    return rows.map((r) => ({ id: r.id, ticketId: r.ticket_id, clock: r.clock, kind: r.kind, threshold: r.threshold, fireAt: r.fire_at }));
  }

  /** The deadline each running clock was last planned with: its unfired breach timer. */
  async plannedDeadlines(tx: EntityManager, ticketId: string): Promise<PlannedDeadline[]> {
    const rows = await selectRows(
      tx,
      PlannedBreachRow,
      `SELECT clock, fire_at FROM sla_timers WHERE ticket_id = $1 AND kind = 'breach' AND fired_at IS NULL`,
      [ticketId],
    );
    return rows.map((r) => ({ clock: r.clock, dueAt: r.fire_at }));
  }

  async markFired(tx: EntityManager, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length > 0) await execute(tx, 'UPDATE sla_timers SET fired_at = $2 WHERE id = ANY($1::bigint[])', [ids, at]);
  }
}
