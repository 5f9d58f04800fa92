import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Static, Type } from '@sinclair/typebox';
import { Nullable, execute, selectRow, selectRows } from '@cs/persistence';

/** A calendar version whose open tickets are still to be recomputed, and how far the walk got. */
export interface RecomputeJob {
  readonly calendarId: string;
  readonly version: number;
  readonly afterTicketId?: string;
}

/** A calendar change whose walk has not finished: the version it brought, and the last ticket it recomputed. */
export interface WalkUnderWay {
  readonly calendarId: string;
  readonly version: number;
  readonly afterTicketId?: string;
}

/** The calendars with a change the walk has not yet brought to `ticketId` (ids in lower case, compared as Postgres orders uuids). */
export function calendarsChangingFor(walks: readonly Pick<WalkUnderWay, 'calendarId' | 'afterTicketId'>[], ticketId: string): string[] {
  return [...new Set(walks.filter((w) => w.afterTicketId === undefined || ticketId > w.afterTicketId).map((w) => w.calendarId))];
}

const JobRow = Type.Object({ calendar_id: Type.String(), version: Type.Integer(), after_ticket_id: Nullable(Type.String()) });

const jobOf = (row: Static<typeof JobRow>): WalkUnderWay => ({
  calendarId: row.calendar_id,
  version: row.version,
  ...(row.after_ticket_id ? { afterTicketId: row.after_ticket_id } : {}),
});

/**
 * `calendar_recompute_jobs`: one row per calendar version, written with the change. A replica
 * works on a job with its row locked (others skip it), one batch of tickets per transaction
 * that also moves the job's cursor, so a crash loses no more than the batch it rolls back.
 */
@Injectable()
export class CalendarRecomputeJobRepository {
  /** The oldest job nobody else is working on, locked until the transaction ends. */
  async claimNext(tx: EntityManager): Promise<RecomputeJob | undefined> {
    const row = await selectRow(
      tx,
      JobRow,
      `SELECT calendar_id, version, after_ticket_id::text FROM calendar_recompute_jobs
        WHERE finished_at IS NULL ORDER BY created_at, calendar_id, version LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [],
    );
    return row ? jobOf(row) : undefined;
  }

  /**
   * The calendar changes still being walked, each with the last ticket its walk has recomputed (a
   * ticket after it, by id, the walk's order, may still hold timers planned by the calendar before).
   */
  async underWay(tx: EntityManager): Promise<WalkUnderWay[]> {
    const rows = await selectRows(tx, JobRow, 'SELECT calendar_id, version, after_ticket_id::text FROM calendar_recompute_jobs WHERE finished_at IS NULL', []);
    return rows.map(jobOf);
  }

  /** Records a batch done: the last ticket walked, how many deadlines moved, and the end when the walk is over. */
  async advance(tx: EntityManager, job: RecomputeJob, lastTicketId: string | undefined, recomputed: number, finishedAt: Date | undefined): Promise<void> {
    await execute(
      tx,
      `UPDATE calendar_recompute_jobs
          SET after_ticket_id = COALESCE($3::uuid, after_ticket_id), recomputed = recomputed + $4, finished_at = $5
        WHERE calendar_id = $1 AND version = $2`,
      [job.calendarId, job.version, lastTicketId ?? null, recomputed, finishedAt ?? null],
    );
  }
}
