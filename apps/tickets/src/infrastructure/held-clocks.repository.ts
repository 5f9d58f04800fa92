import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { type WritePart, execute, selectRows } from '@cs/persistence';
import { notPostponed } from '@cs/platform';

/**
 * The due work a held ticket's failed try is held back as (ADR 0135), by ticket: a try that failed
 * for a reason not its calendar's is tried again after a back-off, not at the calendar's next version.
 */
export const HELD_CLOCKS_DUE_WORK = 'held_clocks';

/** A new ticket's clocks held by a calendar that could not count them when it opened (ADR 0130). */
export interface HeldBy {
  readonly ticketId: string;
  readonly calendarId: string;
}

/** Held clocks whose calendar has reached a version not yet tried on them: the version, as read before counting. */
export interface HeldAwaitingTry extends HeldBy {
  readonly version: number;
}

const AwaitingRow = Type.Object({ ticket_id: Type.String(), calendar_id: Type.String(), version: Type.Integer() });

/**
 * `held_clocks`: the calendars a new ticket's held clocks wait for, written with the ticket. A
 * row stays until a try plans the ticket (or finds it planned already), and remembers the version
 * its calendar last refused at, so each version of a calendar still refusing is tried once per
 * ticket; a try failing otherwise leaves the version untried and holds the ticket back instead.
 */
@Injectable()
export class HeldClockRepository {
  /** The new tickets' held calendars: a part of the statement that inserts the tickets (`writeTogether`); none when none is held. */
  holdPart(held: readonly HeldBy[]): WritePart | undefined {
    if (held.length === 0) return undefined;
    return (bind) =>
      `INSERT INTO held_clocks (ticket_id, calendar_id)
       SELECT h.ticket_id, h.calendar_id FROM jsonb_to_recordset(${bind(JSON.stringify(held.map((h) => ({ ticket_id: h.ticketId, calendar_id: h.calendarId }))))}::jsonb)
           AS h(ticket_id uuid, calendar_id text)`;
  }

  /**
   * At most `limit` held clocks whose calendar is now at a version not tried on them and whose
   * ticket is not held back at `now` after a failed try, in ticket order, locked (another
   * replica's sweep skips them). The version is the one committed when this reads it: a try counts
   * by it or later, so one its calendar refuses is tried again at the next.
   */
  async awaitingTry(tx: EntityManager, now: Date, limit: number): Promise<HeldAwaitingTry[]> {
    const rows = await selectRows(
      tx,
      AwaitingRow,
      `SELECT h.ticket_id::text, h.calendar_id, c.version FROM held_clocks h JOIN business_calendars c ON c.id = h.calendar_id
        WHERE h.tried_version < c.version AND ${notPostponed(HELD_CLOCKS_DUE_WORK, 'h.ticket_id', '$2')}
        ORDER BY h.ticket_id, h.calendar_id LIMIT $1 FOR UPDATE OF h SKIP LOCKED`,
      [limit, now],
    );
    return rows.map((r) => ({ ticketId: r.ticket_id, calendarId: r.calendar_id, version: r.version }));
  }

  /** The calendar's `version` refused to plan the ticket: it is tried again at the next. */
  async tried(tx: EntityManager, held: HeldAwaitingTry): Promise<void> {
    await execute(tx, 'UPDATE held_clocks SET tried_version = $3 WHERE ticket_id = $1 AND calendar_id = $2', [held.ticketId, held.calendarId, held.version]);
  }

  /**
   * The tickets are planned: their held rows go (an opening holds its clocks for its policy's one
   * calendar), and with them any hold-back of a failed try (ADR 0135), in one statement. A row
   * another transaction holds is left to it, which then finds the ticket planned, rather than
   * waited for; its hold-back goes all the same, as the ticket is planned.
   */
  async release(tx: EntityManager, ticketIds: readonly string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    await execute(
      tx,
      `WITH released AS (
         DELETE FROM held_clocks WHERE ctid = ANY(ARRAY(SELECT ctid FROM held_clocks WHERE ticket_id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED)))
       DELETE FROM due_work_postponements WHERE work = '${HELD_CLOCKS_DUE_WORK}' AND subject_id = ANY($1::uuid[])`,
      [ticketIds],
    );
  }
}
