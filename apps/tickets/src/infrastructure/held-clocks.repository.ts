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
const TicketIdRow = Type.Object({ id: Type.String() });

/**
 * `held_clocks`: the calendars a new ticket's held clocks wait for, written with the ticket. A
 * row stays until a try plans the ticket (or finds it planned already), and remembers the version
 * its calendar last refused at, so each version of a calendar still refusing is tried once per
 * ticket; a try failing otherwise leaves the version untried and holds the ticket back instead.
 *
 * A ticket's row is locked before its held rows, by every path (ADR 0165): a save holds the
 * ticket it plans, and the sweep locks the tickets before it reads their held rows. So no
 * transaction of this release holds a held row of a ticket it has not locked, and none waits for
 * one (a sweep of the release before may, during a rollout: ADR 0165).
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
   * The held clocks of at most `limit` tickets whose calendar is now at a version not tried on
   * them and which are not held back at `now` after a failed try, in ticket order, their tickets
   * locked (one another transaction holds is passed by: another replica's sweep, or a change that
   * plans it). The held rows are read once the tickets are locked, in a statement of its own: a
   * change that planned a ticket and committed before the lock was taken has removed its rows and
   * its hold-back, so the ticket is not tried. The version is the one committed when this reads
   * it: a try counts by it or later, so one its calendar refuses is tried again at the next.
   */
  async awaitingTry(tx: EntityManager, now: Date, limit: number): Promise<HeldAwaitingTry[]> {
    // The awaiting tickets' ids, in order, then each ticket looked up by its key and locked in that
    // order until `limit` are: the statement reads the held rows and a ticket per id it passes, never
    // `tickets` in id order. Joined as a set, the planner could not tell how few held rows await
    // (`tried_version < version` spans two tables), and with some thousands held it walked the whole
    // of tickets' primary key for the few that matched, on every pass of every replica.
    const awaiting = `SELECT DISTINCT h.ticket_id FROM held_clocks h JOIN business_calendars c ON c.id = h.calendar_id
                       WHERE h.tried_version < c.version AND ${notPostponed(HELD_CLOCKS_DUE_WORK, 'h.ticket_id', '$2')}
                       ORDER BY h.ticket_id`;
    const locked = await selectRows(
      tx,
      TicketIdRow,
      `SELECT t.id::text FROM unnest(ARRAY(${awaiting})) WITH ORDINALITY AS given(ticket_id, n) JOIN tickets t ON t.id = given.ticket_id
        ORDER BY given.n LIMIT $1 FOR UPDATE OF t SKIP LOCKED`,
      [limit, now],
    );
    if (locked.length === 0) return [];
    const rows = await selectRows(
      tx,
      AwaitingRow,
      `SELECT h.ticket_id::text, h.calendar_id, c.version FROM held_clocks h JOIN business_calendars c ON c.id = h.calendar_id
        WHERE h.ticket_id = ANY($1::uuid[]) AND h.tried_version < c.version AND ${notPostponed(HELD_CLOCKS_DUE_WORK, 'h.ticket_id', '$2')}
        ORDER BY h.ticket_id, h.calendar_id`,
      [locked.map((t) => t.id), now],
    );
    return rows.map((r) => ({ ticketId: r.ticket_id, calendarId: r.calendar_id, version: r.version }));
  }

  /** The calendar's `version` refused to plan the ticket: it is tried again at the next. */
  async tried(tx: EntityManager, held: HeldAwaitingTry): Promise<void> {
    await execute(tx, 'UPDATE held_clocks SET tried_version = $3 WHERE ticket_id = $1 AND calendar_id = $2', [held.ticketId, held.calendarId, held.version]);
  }

  /**
   * The tickets, locked by the caller, are planned: their held rows go (an opening holds its
   * clocks for its policy's one calendar), and with them any hold-back of a failed try (ADR 0135),
   * in one statement. No other transaction holds those rows but a replica of the release before
   * ADR 0165, whose sweep locks a held row before its ticket: this waits for it, which passes the
   * locked ticket by and commits without waiting for anything.
   */
  async release(tx: EntityManager, ticketIds: readonly string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    await execute(
      tx,
      `WITH released AS (DELETE FROM held_clocks WHERE ticket_id = ANY($1::uuid[]))
       DELETE FROM due_work_postponements WHERE work = '${HELD_CLOCKS_DUE_WORK}' AND subject_id = ANY($1::uuid[])`,
      [ticketIds],
    );
  }
}
