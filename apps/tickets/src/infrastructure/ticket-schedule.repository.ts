import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, changedRows, execute, projectCondition, selectRow, selectRows } from '@cs/persistence';
import { notPostponed } from '@cs/platform';
import type { Occurrence, ScheduleProgress, TicketSchedule } from '../domain/ticket-schedule';

/** A schedule as stored: its rule, whether it runs, its version, its next occurrence and how far it got. */
export interface StoredSchedule {
  readonly schedule: TicketSchedule;
  readonly active: boolean;
  readonly version: number;
  readonly next?: Occurrence;
  readonly progress: ScheduleProgress;
  /** How many tickets it opened. */
  readonly opened: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An occurrence a schedule opened, and its ticket. */
export interface OpenedOccurrence {
  readonly occurrenceOn: string;
  readonly opensOn: string;
  readonly ticketId: string;
  readonly openedAt: Date;
}

const IsoDay = Nullable(Type.String());
const ScheduleRow = Type.Object({
  document: Type.Unsafe<TicketSchedule>(Type.Object({ id: Type.String(), projectCode: Type.String() })),
  active: Type.Boolean(),
  version: Type.Integer(),
  next_occurrence_on: IsoDay,
  next_opens_on: IsoDay,
  next_opens_at: Nullable(Type.Date()),
  last_occurrence_on: IsoDay,
  last_opens_on: IsoDay,
  opened: Type.Integer(),
  created_at: Type.Date(),
  updated_at: Type.Date(),
});
// Dates as `YYYY-MM-DD` text, whatever the session's DateStyle.
const COLUMNS = `document, active, version, to_char(next_occurrence_on, 'YYYY-MM-DD') AS next_occurrence_on,
  to_char(next_opens_on, 'YYYY-MM-DD') AS next_opens_on, next_opens_at, to_char(last_occurrence_on, 'YYYY-MM-DD') AS last_occurrence_on,
  to_char(last_opens_on, 'YYYY-MM-DD') AS last_opens_on, opened, created_at, updated_at`;
const OccurrenceRow = Type.Object({ occurrence_on: Type.String(), opens_on: Type.String(), ticket_id: Type.String(), opened_at: Type.Date() });
const VersionRow = Type.Object({ version: Type.Integer() });
const ClaimedRow = Type.Object({ ticket_id: Type.String() });

function stored(r: typeof ScheduleRow.static): StoredSchedule {
  const next =
    r.next_occurrence_on && r.next_opens_on && r.next_opens_at ? { occurrenceOn: r.next_occurrence_on, opensOn: r.next_opens_on, opensAt: r.next_opens_at } : undefined;
  return {
    schedule: r.document,
    active: r.active,
    version: r.version,
    ...(next ? { next } : {}),
    progress: { ...(r.last_occurrence_on ? { lastOccurrenceOn: r.last_occurrence_on } : {}), ...(r.last_opens_on ? { lastOpensOn: r.last_opens_on } : {}) },
    opened: r.opened,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The due work a schedule is held back from after its occurrence failed to open (ADR 0040). */
export const SCHEDULE_DUE_WORK = 'ticket_schedules';

const nextParameters = (next: Occurrence | undefined) => [next?.occurrenceOn ?? null, next?.opensOn ?? null, next?.opensAt ?? null];

/** 周期工单 — schedules in and out of `ticket_schedules`, always within the caller's projects; a deleted one is gone for every read. */
@Injectable()
export class TicketScheduleRepository {
  async insert(tx: EntityManager, schedule: TicketSchedule, next: Occurrence | undefined, at: Date): Promise<void> {
    await execute(
      tx,
      `INSERT INTO ticket_schedules (id, project_code, document, next_occurrence_on, next_opens_on, next_opens_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [schedule.id, schedule.projectCode, JSON.stringify(schedule), ...nextParameters(next), at],
    );
  }

  async find(db: Queryable, id: string, projects: readonly string[] | undefined, lock = false): Promise<StoredSchedule | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(
      db,
      ScheduleRow,
      `SELECT ${COLUMNS} FROM ticket_schedules WHERE id = $1 AND deleted_at IS NULL AND ${projectCondition('project_code', projects, params)}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return row && stored(row);
  }

  /** The schedules of the given projects (all when undefined), optionally of one project, oldest first. */
  async list(db: Queryable, projects: readonly string[] | undefined, project?: string): Promise<StoredSchedule[]> {
    const params: unknown[] = [project ?? null];
    const rows = await selectRows(
      db,
      ScheduleRow,
      `SELECT ${COLUMNS} FROM ticket_schedules WHERE deleted_at IS NULL AND ($1::text IS NULL OR project_code = $1)
          AND ${projectCondition('project_code', projects, params)} ORDER BY created_at, id`,
      params,
    );
    return rows.map(stored);
  }

  /**
   * Saves a changed rule (and whether it runs) with its recomputed next occurrence, and the
   * progress it was moved to when started again after a pause; returns the new version.
   */
  async replace(tx: EntityManager, schedule: TicketSchedule, active: boolean, next: Occurrence | undefined, at: Date, progress?: ScheduleProgress): Promise<number> {
    const [row] = await changedRows(
      tx,
      VersionRow,
      `UPDATE ticket_schedules SET document = $2, active = $3, next_occurrence_on = $4, next_opens_on = $5, next_opens_at = $6,
              updated_at = $7, version = version + 1, last_occurrence_on = coalesce($8::date, last_occurrence_on)
        WHERE id = $1 RETURNING version`,
      [schedule.id, JSON.stringify(schedule), active, ...nextParameters(next), at, progress?.lastOccurrenceOn ?? null],
    );
    return row!.version;
  }

  /** Deleted schedules open nothing more; the occurrences they opened stay, as their tickets do. */
  async delete(tx: EntityManager, id: string, at: Date): Promise<void> {
    await execute(tx, 'UPDATE ticket_schedules SET deleted_at = $2, active = false, next_opens_at = NULL, version = version + 1 WHERE id = $1', [id, at]);
  }

  /** One schedule whose next occurrence is due, locked; skipped while another replica holds it or while it is held back. */
  async claimDue(tx: EntityManager, now: Date): Promise<StoredSchedule | undefined> {
    const row = await selectRow(
      tx,
      ScheduleRow,
      `SELECT ${COLUMNS} FROM ticket_schedules WHERE active AND deleted_at IS NULL AND next_opens_at <= $1
          AND ${notPostponed(SCHEDULE_DUE_WORK, 'id', '$1')}
        ORDER BY next_opens_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return row && stored(row);
  }

  /** Records that an occurrence opened its ticket; false when it had already (the occurrence opens once). */
  async recordOccurrence(tx: EntityManager, scheduleId: string, occurrence: Occurrence, ticketId: string, at: Date): Promise<boolean> {
    const rows = await selectRows(
      tx,
      ClaimedRow,
      `INSERT INTO ticket_schedule_occurrences (schedule_id, occurrence_on, opens_on, ticket_id, opened_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (schedule_id, occurrence_on) DO NOTHING RETURNING ticket_id::text`,
      [scheduleId, occurrence.occurrenceOn, occurrence.opensOn, ticketId, at],
    );
    return rows.length > 0;
  }

  /** Moves a schedule past the occurrence it just handled to the next one (none: it has ended). */
  async advance(tx: EntityManager, id: string, handled: Occurrence, next: Occurrence | undefined, opened: boolean): Promise<void> {
    await execute(
      tx,
      `UPDATE ticket_schedules SET last_occurrence_on = $2, last_opens_on = $3, next_occurrence_on = $4, next_opens_on = $5, next_opens_at = $6,
              opened = opened + $7
        WHERE id = $1`,
      [id, handled.occurrenceOn, handled.opensOn, ...nextParameters(next), opened ? 1 : 0],
    );
  }

  /** Plans another next occurrence in place of the one planned (none: the schedule has ended), where the schedule got left as it is. */
  async reschedule(tx: EntityManager, id: string, next: Occurrence | undefined): Promise<void> {
    await execute(tx, 'UPDATE ticket_schedules SET next_occurrence_on = $2, next_opens_on = $3, next_opens_at = $4 WHERE id = $1', [id, ...nextParameters(next)]);
  }

  /** The occurrences a schedule opened, newest first. */
  async occurrences(db: Queryable, scheduleId: string, limit: number): Promise<OpenedOccurrence[]> {
    const rows = await selectRows(
      db,
      OccurrenceRow,
      `SELECT to_char(occurrence_on, 'YYYY-MM-DD') AS occurrence_on, to_char(opens_on, 'YYYY-MM-DD') AS opens_on, ticket_id::text, opened_at
         FROM ticket_schedule_occurrences WHERE schedule_id = $1 ORDER BY occurrence_on DESC LIMIT $2`,
      [scheduleId, limit],
    );
    return rows.map((r) => ({ occurrenceOn: r.occurrence_on, opensOn: r.opens_on, ticketId: r.ticket_id, openedAt: r.opened_at }));
  }
}
