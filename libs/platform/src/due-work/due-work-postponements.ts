import { Injectable } from '@nestjs/common';
import type { EntityManager, MigrationInterface } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { Queryable, selectRow, sendAhead, sqlMigration } from '@cs/persistence';

/** How a subject's failed work is held back: the first retry after this long, doubling with each failure. */
export const FIRST_RETRY_MS = 30_000;
/** The longest back-off: a subject whose work keeps failing is still tried every hour. */
export const LONGEST_RETRY_MS = 60 * 60_000;

/** The table a service holds back the subjects of its failed due work in, in its own schema (ADR 0040). */
export function dueWorkPostponementsMigration(timestamp: number): new () => MigrationInterface {
  return sqlMigration(`DueWorkPostponements${timestamp}`, {
    up: [
      `CREATE TABLE due_work_postponements (
         work           text NOT NULL,
         subject_id     uuid NOT NULL,
         failures       integer NOT NULL,
         retry_at       timestamptz NOT NULL,
         last_failed_at timestamptz NOT NULL,
         last_error     text NOT NULL,
         PRIMARY KEY (work, subject_id)
       )`,
    ],
    down: ['DROP TABLE due_work_postponements'],
  });
}

/**
 * SQL condition: the subject in `column` is not held back from `work` at the instant in
 * parameter `$now`. Every loop's due query carries it before its LIMIT, so held-back subjects
 * never fill a pass's candidates. `work` is a name of the service's own, never a request's.
 */
export function notPostponed(work: string, column: string, now: string): string {
  if (!/^[a-z_]+$/.test(work)) throw new RangeError(`due work "${work}" is not a snake_case name`);
  return `NOT EXISTS (SELECT 1 FROM due_work_postponements p WHERE p.work = '${work}' AND p.subject_id = ${column} AND p.retry_at > ${now})`;
}

const PostponementRow = Type.Object({ failures: Type.Integer(), retry_at: Type.Date() });

export interface Postponement {
  readonly failures: number;
  readonly retryAt: Date;
}

/** Subjects whose due work failed: held back until `retry_at`, forgotten once their work succeeds. */
@Injectable()
export class DueWorkPostponementRepository {
  /**
   * Counts one more failure and holds the subject back for FIRST_RETRY_MS, doubled with each
   * failure before it, at most LONGEST_RETRY_MS; `error` names the failure without personal data.
   */
  async postpone(db: Queryable, work: string, subjectId: string, error: string, at: Date): Promise<Postponement> {
    const row = await selectRow(
      db,
      PostponementRow,
      `INSERT INTO due_work_postponements AS p (work, subject_id, failures, retry_at, last_failed_at, last_error)
       VALUES ($1, $2, 1, $3::timestamptz + $5::double precision * interval '1 millisecond', $3, $4)
       ON CONFLICT (work, subject_id) DO UPDATE SET
         failures = p.failures + 1,
         retry_at = EXCLUDED.last_failed_at + least($5::double precision * power(2, p.failures), $6::double precision) * interval '1 millisecond',
         last_failed_at = EXCLUDED.last_failed_at,
         last_error = EXCLUDED.last_error
       RETURNING failures, retry_at`,
      [work, subjectId, at, error, FIRST_RETRY_MS, LONGEST_RETRY_MS],
    );
    return { failures: row!.failures, retryAt: row!.retry_at };
  }

  /** The subjects' work succeeded: nothing holds them back any more. Sent ahead, to travel with the commit that follows (ADR 0189). */
  async clear(tx: EntityManager, work: string, subjectIds: readonly string[]): Promise<void> {
    if (subjectIds.length > 0) await sendAhead(tx, 'DELETE FROM due_work_postponements WHERE work = $1 AND subject_id = ANY($2::uuid[])', [work, subjectIds]);
  }

  async find(db: Queryable, work: string, subjectId: string): Promise<Postponement | undefined> {
    const row = await selectRow(db, PostponementRow, 'SELECT failures, retry_at FROM due_work_postponements WHERE work = $1 AND subject_id = $2', [work, subjectId]);
    return row && { failures: row.failures, retryAt: row.retry_at };
  }
}
