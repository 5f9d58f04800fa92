import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Static, Type } from '@sinclair/typebox';
import { Nullable, execute, selectRow, selectRows } from '@cs/persistence';

/**
 * A calendar change whose walk has not finished: the version it brought, and the last ticket and
 * the last incident it recomputed (the walk goes through each in id order).
 */
export interface WalkUnderWay {
  readonly calendarId: string;
  readonly version: number;
  readonly afterTicketId?: string;
  readonly afterIncidentId?: string;
}

/** A calendar version whose open tickets and incidents are still to be recomputed, and how far the walk got. */
export type RecomputeJob = WalkUnderWay;

/** What a walk goes through, each kind in id order behind a cursor of its own. */
export type WalkedSubject = 'ticket' | 'incident';

const CURSOR = { ticket: 'afterTicketId', incident: 'afterIncidentId' } as const;

/** The calendars with a change the walk has not yet brought to the `subject` of this id (ids in lower case, compared as Postgres orders uuids). */
export function calendarsChangingFor(walks: readonly Omit<WalkUnderWay, 'version'>[], id: string, subject: WalkedSubject = 'ticket'): string[] {
  return [...new Set(walks.filter((w) => w[CURSOR[subject]] === undefined || id > w[CURSOR[subject]]!).map((w) => w.calendarId))];
}

const JobRow = Type.Object({
  calendar_id: Type.String(),
  version: Type.Integer(),
  after_ticket_id: Nullable(Type.String()),
  after_incident_id: Nullable(Type.String()),
});
const JOB_COLUMNS = 'calendar_id, version, after_ticket_id::text, after_incident_id::text';

const jobOf = (row: Static<typeof JobRow>): WalkUnderWay => ({
  calendarId: row.calendar_id,
  version: row.version,
  ...(row.after_ticket_id ? { afterTicketId: row.after_ticket_id } : {}),
  ...(row.after_incident_id ? { afterIncidentId: row.after_incident_id } : {}),
});

/** How far one batch of a walk went: the last ticket and the last incident it walked, none of a kind it found none of. */
export interface WalkedTo {
  readonly ticketId?: string;
  readonly incidentId?: string;
}

/**
 * `calendar_recompute_jobs`: one row per calendar version, written with the change. A replica
 * works on a job with its row locked (others skip it), one batch of incidents and tickets per
 * transaction that also moves the job's cursors, so a crash loses no more than the batch it rolls
 * back.
 */
@Injectable()
export class CalendarRecomputeJobRepository {
  /** The oldest job nobody else is working on, locked until the transaction ends. */
  async claimNext(tx: EntityManager): Promise<RecomputeJob | undefined> {
    const row = await selectRow(
      tx,
      JobRow,
      `SELECT ${JOB_COLUMNS} FROM calendar_recompute_jobs
        WHERE finished_at IS NULL ORDER BY created_at, calendar_id, version LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [],
    );
    return row ? jobOf(row) : undefined;
  }

  /**
   * The calendar changes still being walked, each with the last ticket and incident its walk has
   * recomputed (one after it, by id, the walk's order, may still hold timers planned by the
   * calendar before).
   */
  async underWay(tx: EntityManager): Promise<WalkUnderWay[]> {
    const rows = await selectRows(tx, JobRow, `SELECT ${JOB_COLUMNS} FROM calendar_recompute_jobs WHERE finished_at IS NULL`, []);
    return rows.map(jobOf);
  }

  /** Records a batch done: the last ticket and incident walked, how many of them had a deadline moved, and the end when the walk is over. */
  async advance(tx: EntityManager, job: RecomputeJob, walkedTo: WalkedTo, recomputed: number, finishedAt: Date | undefined): Promise<void> {
    await execute(
      tx,
      `UPDATE calendar_recompute_jobs
          SET after_ticket_id = COALESCE($3::uuid, after_ticket_id), after_incident_id = COALESCE($6::uuid, after_incident_id),
              recomputed = recomputed + $4, finished_at = $5
        WHERE calendar_id = $1 AND version = $2`,
      [job.calendarId, job.version, walkedTo.ticketId ?? null, recomputed, finishedAt ?? null, walkedTo.incidentId ?? null],
    );
  }
}
