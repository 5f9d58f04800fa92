import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { IdRow, Nullable, Queryable, changedRows, execute, selectRow, selectRows } from '@cs/persistence';
import { answerReadableIn, projectListCondition } from './answer-scope';
import { answersInForceAt } from './answers-in-force';

const OverdueReviewRow = Type.Object({ id: Type.String(), answer_id: Type.String(), version: Type.Integer(), reason: Type.Union([Type.Literal('change_notice'), Type.Literal('review_by_date')]), notice_id: Nullable(Type.String()), due_at: Type.Date() });

export const NOTICE_KINDS = ['fees', 'policies', 'activities', 'other'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** 变更通知 — a department's change that answers must be checked against. */
export interface ChangeNotice {
  readonly id: string;
  readonly department: string;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly description: string;
  readonly itemCodes: readonly string[];
  /** null: every project. */
  readonly projects: readonly string[] | null;
  readonly filedBy: string;
  readonly filedAt: Date;
  readonly dueAt: Date;
  /** How dueAt was counted: working days from filedAt by a business calendar at a version (ADR 0069). */
  readonly dueBasis: NoticeDueBasis;
}

export interface NoticeDueBasis {
  readonly calendarId: string;
  readonly calendarVersion: number;
  readonly workingDays: number;
}

/** A notice whose deadline was counted by an older version of its calendar than this service holds. */
export interface NoticeToRecount {
  readonly id: string;
  readonly filedAt: Date;
  readonly dueAt: Date;
  readonly dueBasis: NoticeDueBasis;
}

export interface AnswerReview {
  readonly id: string;
  readonly answerId: string;
  readonly version: number;
  readonly reason: 'change_notice' | 'review_by_date';
  readonly noticeId?: string;
  readonly dueAt: Date;
  readonly overdue: boolean;
  readonly title: string;
}

const NoticeRow = Type.Object({
  id: Type.String(),
  department: Type.String(),
  kind: Type.Union(NOTICE_KINDS.map((k) => Type.Literal(k))),
  title: Type.String(),
  description: Type.String(),
  item_codes: Type.Array(Type.String()),
  projects: Nullable(Type.Array(Type.String())),
  filed_by: Type.String(),
  filed_at: Type.Date(),
  due_at: Type.Date(),
  due_calendar_id: Type.String(),
  due_calendar_version: Type.Integer(),
  due_working_days: Type.Integer(),
});
const RecountRow = Type.Pick(NoticeRow, ['id', 'filed_at', 'due_at', 'due_calendar_id', 'due_calendar_version', 'due_working_days']);
const ReviewRow = Type.Object({
  id: Type.String(),
  answer_id: Type.String(),
  version: Type.Integer(),
  reason: Type.Union([Type.Literal('change_notice'), Type.Literal('review_by_date')]),
  notice_id: Nullable(Type.String()),
  due_at: Type.Date(),
  overdue: Type.Boolean(),
  title: Type.String(),
});

const toNotice = (r: typeof NoticeRow.static): ChangeNotice => ({
  id: r.id,
  department: r.department,
  kind: r.kind,
  title: r.title,
  description: r.description,
  itemCodes: r.item_codes,
  projects: r.projects,
  filedBy: r.filed_by,
  filedAt: r.filed_at,
  dueAt: r.due_at,
  dueBasis: basisOf(r),
});
function basisOf(r: { due_calendar_id: string; due_calendar_version: number; due_working_days: number }): NoticeDueBasis {
  return { calendarId: r.due_calendar_id, calendarVersion: r.due_calendar_version, workingDays: r.due_working_days };
}
const toReview = (r: typeof ReviewRow.static): AnswerReview => ({
  id: r.id,
  answerId: r.answer_id,
  version: r.version,
  reason: r.reason,
  ...(r.notice_id !== null ? { noticeId: r.notice_id } : {}),
  dueAt: r.due_at,
  overdue: r.overdue,
  title: r.title,
});

/** A review nobody has settled nor been told is overdue (`a`: answer_reviews). */
const WAITING = 'a.resolved_at IS NULL AND a.overdue_emitted_at IS NULL';

const REVIEW_COLUMNS = `r.id, r.answer_id, r.version, r.reason, r.notice_id, r.due_at, (r.due_at <= now()) AS overdue, a.content->>'title' AS title`;

/** Change notices and the reviews of answers they (and review-by dates) call for. */
export class ReviewRepository {
  async insertNotice(tx: EntityManager, n: ChangeNotice): Promise<void> {
    await execute(
      tx,
      `INSERT INTO change_notices (id, department, kind, title, description, item_codes, projects, filed_by, filed_at, due_at,
         due_calendar_id, due_calendar_version, due_working_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [n.id, n.department, n.kind, n.title, n.description, n.itemCodes, n.projects, n.filedBy, n.filedAt, n.dueAt,
        n.dueBasis.calendarId, n.dueBasis.calendarVersion, n.dueBasis.workingDays],
    );
  }

  /**
   * Notices with reviews still waiting whose deadline was counted by an older calendar version
   * than this service holds, locked (skipping those held elsewhere). A notice with none waiting
   * is never counted again: its deadline is history.
   */
  async noticesToRecount(tx: EntityManager, limit: number): Promise<NoticeToRecount[]> {
    const rows = await selectRows(
      tx,
      RecountRow,
      `SELECT n.id, n.filed_at, n.due_at, n.due_calendar_id, n.due_calendar_version, n.due_working_days
         FROM change_notices n JOIN calendar_replicas r ON r.calendar_id = n.due_calendar_id
        WHERE n.due_calendar_version < r.version
          AND n.id IN (SELECT a.notice_id FROM answer_reviews a WHERE ${WAITING} AND a.notice_id IS NOT NULL)
        ORDER BY n.id LIMIT $1 FOR UPDATE OF n SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, filedAt: r.filed_at, dueAt: r.due_at, dueBasis: basisOf(r) }));
  }

  /**
   * Records the notice as counted by `calendarVersion`, due at `dueAt` when its deadline moved
   * and some of its reviews still wait on it: those take the new deadline. A notice whose reviews
   * are all settled or announced overdue keeps its deadline, which is then history.
   */
  async recountNotice(tx: EntityManager, id: string, calendarVersion: number, dueAt: Date): Promise<void> {
    const moved = await changedRows(
      tx,
      IdRow,
      `UPDATE answer_reviews a SET due_at = $2 WHERE a.notice_id = $1 AND ${WAITING} AND a.due_at <> $2 RETURNING a.id`,
      [id, dueAt],
    );
    if (moved.length > 0) await execute(tx, 'UPDATE change_notices SET due_at = $2, due_calendar_version = $3 WHERE id = $1', [id, dueAt, calendarVersion]);
    else await execute(tx, 'UPDATE change_notices SET due_calendar_version = $2 WHERE id = $1', [id, calendarVersion]);
  }

  /**
   * Flags the published answers in force of the notice's items whose projects meet the
   * notice's (an answer for every project always does); returns the reviews made.
   */
  async flagForNotice(tx: EntityManager, n: ChangeNotice): Promise<number> {
    const rows = await changedRows(
      tx,
      IdRow,
      `INSERT INTO answer_reviews (id, answer_id, version, reason, notice_id, due_at, created_at)
       SELECT gen_random_uuid(), s.answer_id, s.version, 'change_notice', $1, $2, $3 FROM ${answersInForceAt('$3::timestamptz')} s
        WHERE s.item_code = ANY($4::text[]) AND ($5::text[] IS NULL OR s.projects IS NULL OR s.projects && $5::text[])
       RETURNING id`,
      [n.id, n.dueAt, n.filedAt, n.itemCodes, n.projects],
    );
    return rows.length;
  }

  async notice(db: Queryable, id: string, projects: readonly string[] | undefined): Promise<ChangeNotice | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(db, NoticeRow, `SELECT * FROM change_notices WHERE id = $1 AND ${projectListCondition('projects', projects, params)}`, params);
    return row ? toNotice(row) : undefined;
  }

  async notices(db: Queryable, projects: readonly string[] | undefined, limit: number): Promise<ChangeNotice[]> {
    const params: unknown[] = [limit];
    const rows = await selectRows(db, NoticeRow, `SELECT * FROM change_notices WHERE ${projectListCondition('projects', projects, params)} ORDER BY filed_at DESC, id LIMIT $1`, params);
    return rows.map(toNotice);
  }

  /** Open reviews, soonest due first, of answers the user may see; overdue only if asked. */
  async open(db: Queryable, query: { projects: readonly string[] | undefined; overdueOnly?: boolean; limit: number }): Promise<AnswerReview[]> {
    const params: unknown[] = [query.limit];
    const where = ['r.resolved_at IS NULL', answerReadableIn('a', query.projects, params)];
    if (query.overdueOnly) where.push('r.due_at <= now()');
    const rows = await selectRows(db, ReviewRow, `SELECT ${REVIEW_COLUMNS} FROM answer_reviews r JOIN answers a ON a.id = r.answer_id WHERE ${where.join(' AND ')} ORDER BY r.due_at, r.id LIMIT $1`, params);
    return rows.map(toReview);
  }

  /**
   * The open reviews of each of these notices, of answers the user may see, soonest due first and
   * at most `perNotice` of each: one statement for a page of notices.
   */
  async openOfNotices(db: Queryable, noticeIds: readonly string[], projects: readonly string[] | undefined, perNotice: number): Promise<Map<string, AnswerReview[]>> {
    const byNotice = new Map<string, AnswerReview[]>(noticeIds.map((id) => [id, []]));
    if (noticeIds.length === 0) return byNotice;
    const params: unknown[] = [[...noticeIds], perNotice];
    const rows = await selectRows(
      db,
      ReviewRow,
      `SELECT id, answer_id, version, reason, notice_id, due_at, overdue, title FROM (
         SELECT ${REVIEW_COLUMNS}, row_number() OVER (PARTITION BY r.notice_id ORDER BY r.due_at, r.id) AS nth
           FROM answer_reviews r JOIN answers a ON a.id = r.answer_id
          WHERE r.resolved_at IS NULL AND r.notice_id = ANY($1::uuid[]) AND ${answerReadableIn('a', projects, params)}) ranked
        WHERE nth <= $2 ORDER BY due_at, id`,
      params,
    );
    for (const row of rows) if (row.notice_id !== null) byNotice.get(row.notice_id)?.push(toReview(row));
    return byNotice;
  }

  /** A new version or a retirement settles the answer's open reviews. */
  async resolve(tx: Queryable, answerId: string, at: Date): Promise<void> {
    await execute(tx, 'UPDATE answer_reviews SET resolved_at = $2 WHERE answer_id = $1 AND resolved_at IS NULL', [answerId, at]);
  }

  /**
   * Flags answers in force past their review-by date (once per version): the date of the version
   * in force, not of a draft waiting to replace it, which may move or clear it. Reads the versions
   * by their review-by date (set as each is written; none for a date that is no date), and only
   * those not flagged yet: never the answers' contents, nor every answer in force.
   */
  async flagPastReviewBy(tx: Queryable, now: Date): Promise<number> {
    const rows = await changedRows(
      tx,
      IdRow,
      `INSERT INTO answer_reviews (id, answer_id, version, reason, due_at, created_at)
       SELECT gen_random_uuid(), v.answer_id, v.version, 'review_by_date', v.review_by::timestamptz, $1::timestamptz
         FROM answer_versions v JOIN ${answersInForceAt('$1::timestamptz')} s ON s.answer_id = v.answer_id AND s.version = v.version
        WHERE v.review_by <= ($1::timestamptz)::date
          AND NOT EXISTS (SELECT 1 FROM answer_reviews a WHERE a.answer_id = v.answer_id AND a.version = v.version AND a.reason = 'review_by_date')
       ON CONFLICT DO NOTHING RETURNING id`,
      [now],
    );
    return rows.length;
  }

  /**
   * Claims overdue reviews not announced yet; skips those another replica holds, and those of a
   * notice whose deadline is still to be counted by a newer calendar (ADR 0069): they may not
   * be overdue at all, and are claimed once it has been.
   */
  async claimOverdue(tx: EntityManager, now: Date, limit: number): Promise<{ id: string; answerId: string; version: number; reason: AnswerReview['reason']; noticeId?: string; dueAt: Date }[]> {
    const rows = await changedRows(
      tx,
      OverdueReviewRow,
      `UPDATE answer_reviews SET overdue_emitted_at = $1::timestamptz
        WHERE id IN (SELECT a.id FROM answer_reviews a WHERE ${WAITING} AND a.due_at <= $1::timestamptz
                        AND NOT EXISTS (SELECT 1 FROM change_notices n JOIN calendar_replicas r ON r.calendar_id = n.due_calendar_id
                                         WHERE n.id = a.notice_id AND n.due_calendar_version < r.version)
                      ORDER BY a.due_at LIMIT $2 FOR UPDATE OF a SKIP LOCKED)
       RETURNING id, answer_id, version, reason, notice_id, due_at`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, answerId: r.answer_id, version: r.version, reason: r.reason, ...(r.notice_id !== null ? { noticeId: r.notice_id } : {}), dueAt: r.due_at }));
  }
}
