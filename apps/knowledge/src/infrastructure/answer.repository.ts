import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, selectRow, selectRows } from '@cs/persistence';
import { ANSWER_STATUSES, AnswerContent, UnifiedAnswer } from '../domain/answer';
import { answerReadableIn, projectListCondition, versionReadableIn } from './answer-scope';

const ContentSchema = Type.Object({
  title: Type.String(),
  questions: Type.Array(Type.String()),
  body: Type.String(),
  sectionCode: Type.Optional(Type.String()),
  itemCode: Type.Optional(Type.String()),
  tags: Type.Array(Type.String()),
  projects: Nullable(Type.Array(Type.String())),
  effectiveFrom: Type.Optional(Type.String()),
  effectiveTo: Type.Optional(Type.String()),
  sourceDepartment: Type.Optional(Type.String()),
  reviewBy: Type.Optional(Type.String()),
});

const AnswerRow = Type.Object({
  id: Type.String(),
  status: Type.Union(ANSWER_STATUSES.map((s) => Type.Literal(s))),
  content: ContentSchema,
  published_version: Nullable(Type.Integer()),
  contributors: Type.Array(Type.String()),
  rejection: Nullable(Type.Object({ comment: Type.String(), by: Type.String(), at: Type.String() })),
  created_by: Type.String(),
  created_at: Type.Date(),
  updated_at: Type.Date(),
  row_version: Type.Integer(),
});

const VersionRow = Type.Object({
  answer_id: Type.String(),
  version: Type.Integer(),
  content: ContentSchema,
  approved_by: Type.String(),
  published_at: Type.Date(),
});

/** An immutable published version: what a reply or a validity decision cites. */
export interface AnswerVersion {
  readonly answerId: string;
  readonly version: number;
  readonly content: AnswerContent;
  readonly approvedBy: string;
  readonly publishedAt: Date;
}

const COLUMNS = 'id, status, content, published_version, contributors, rejection, created_by, created_at, updated_at, row_version';

function toAnswer(row: typeof AnswerRow.static): UnifiedAnswer {
  return {
    id: row.id,
    status: row.status,
    content: row.content,
    ...(row.published_version !== null ? { publishedVersion: row.published_version } : {}),
    contributors: row.contributors,
    ...(row.rejection ? { rejection: { ...row.rejection, at: new Date(row.rejection.at) } } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowVersion: row.row_version,
  };
}

function toVersion(row: typeof VersionRow.static): AnswerVersion {
  return { answerId: row.answer_id, version: row.version, content: row.content, approvedBy: row.approved_by, publishedAt: row.published_at };
}

export interface AnswerPageQuery {
  readonly projects: readonly string[] | undefined;
  readonly status?: string;
  readonly itemCode?: string;
  readonly after?: { readonly updatedAt: string; readonly id: string };
  readonly limit: number;
}

export interface VersionPageQuery {
  readonly projects: readonly string[] | undefined;
  /** The last version of the page before. */
  readonly before?: number;
  readonly limit: number;
}

/**
 * The most projects of a reader whose answer list walks each of them apart (ADR 0153). Each branch
 * is planned and started per page: past about ten, planning and start-up cost more than walking
 * every answer (a reader of 100 projects: 177 ms planned and 74 ms run, against under a millisecond).
 */
export const MAX_PROJECTS_WALKED_APART = 10;

/** Answers, their working copies and published versions; the only place their SQL lives. */
export class AnswerRepository {
  /** The answer if the user's projects may see it (undefined: every project). */
  async find(db: Queryable, id: string, projects: readonly string[] | undefined, lock = false): Promise<UnifiedAnswer | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(
      db,
      AnswerRow,
      `SELECT ${COLUMNS} FROM answers WHERE id = $1 AND ${projectListCondition('projects', projects, params)}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return row ? toAnswer(row) : undefined;
  }

  /**
   * The answer if the user's projects may read it: by its working copy's projects, or by those of
   * its version in force — a draft narrowing an answer takes nothing from the teams it is still in
   * force for until it is approved.
   */
  async findReadable(db: Queryable, id: string, projects: readonly string[] | undefined): Promise<UnifiedAnswer | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(db, AnswerRow, `SELECT ${COLUMNS} FROM answers WHERE id = $1 AND ${answerReadableIn('answers', projects, params)}`, params);
    return row ? toAnswer(row) : undefined;
  }

  async save(tx: EntityManager, answer: UnifiedAnswer): Promise<void> {
    await execute(
      tx,
      `INSERT INTO answers (id, status, content, projects, item_code, published_version, contributors, rejection, created_by, created_at, updated_at, row_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, content = excluded.content, projects = excluded.projects,
         item_code = excluded.item_code, published_version = excluded.published_version, contributors = excluded.contributors,
         rejection = excluded.rejection, updated_at = excluded.updated_at, row_version = excluded.row_version`,
      [
        answer.id,
        answer.status,
        JSON.stringify(answer.content),
        answer.content.projects,
        answer.content.itemCode ?? null,
        answer.publishedVersion ?? null,
        answer.contributors,
        answer.rejection ? JSON.stringify({ ...answer.rejection, at: answer.rejection.at.toISOString() }) : null,
        answer.createdBy,
        answer.createdAt,
        answer.updatedAt,
        answer.rowVersion,
      ],
    );
  }

  /** A version is written once; the primary key refuses a second write of the same number. */
  async insertVersion(tx: EntityManager, version: AnswerVersion): Promise<void> {
    await execute(tx, 'INSERT INTO answer_versions (answer_id, version, content, approved_by, published_at) VALUES ($1, $2, $3, $4, $5)', [
      version.answerId,
      version.version,
      JSON.stringify(version.content),
      version.approvedBy,
      version.publishedAt,
    ]);
  }

  /** A page of the answer's versions the user's projects may read, newest first, older than `before` when given. */
  async versionPage(db: Queryable, answerId: string, query: VersionPageQuery): Promise<AnswerVersion[]> {
    const params: unknown[] = [answerId, query.before ?? null, query.limit];
    const rows = await selectRows(
      db,
      VersionRow,
      `SELECT answer_id, version, content, approved_by, published_at FROM answer_versions
        WHERE answer_id = $1 AND ($2::integer IS NULL OR version < $2) AND ${versionReadableIn('content', query.projects, params)}
        ORDER BY version DESC LIMIT $3`,
      params,
    );
    return rows.map(toVersion);
  }

  async version(db: Queryable, answerId: string, version: number): Promise<AnswerVersion | undefined> {
    const row = await selectRow(db, VersionRow, 'SELECT answer_id, version, content, approved_by, published_at FROM answer_versions WHERE answer_id = $1 AND version = $2', [answerId, version]);
    return row ? toVersion(row) : undefined;
  }

  /** Published versions of many answers at once, for search results. */
  async versionsOf(db: Queryable, keys: readonly { answerId: string; version: number }[]): Promise<AnswerVersion[]> {
    if (keys.length === 0) return [];
    const rows = await selectRows(
      db,
      VersionRow,
      `SELECT v.answer_id, v.version, v.content, v.approved_by, v.published_at FROM answer_versions v
         JOIN unnest($1::uuid[], $2::int[]) AS k(answer_id, version) ON k.answer_id = v.answer_id AND k.version = v.version`,
      [keys.map((k) => k.answerId), keys.map((k) => k.version)],
    );
    return rows.map(toVersion);
  }

  /**
   * Most recently changed first. A reader limited to a few projects walks each of them, and the
   * answers for every project, by `answers_by_project` in the list's order, merged: a page costs
   * the answers found under their projects, however few are theirs among all. A reader of more
   * walks every answer by its change, as a reader of every project does: a branch per project
   * costs its planning and start-up whatever the page holds (ADR 0153).
   */
  async page(db: Queryable, query: AnswerPageQuery): Promise<UnifiedAnswer[]> {
    const params: unknown[] = [query.limit];
    const where = [answerReadableIn('answers', query.projects, params)];
    if (query.status) where.push(`answers.status = $${params.push(query.status)}`);
    if (query.itemCode) where.push(`answers.item_code = $${params.push(query.itemCode)}`);
    const changedBefore = (at: string, id: string) =>
      query.after ? [`(${at}, ${id}) < ($${params.push(query.after.updatedAt)}::timestamptz, $${params.push(query.after.id)}::uuid)`] : [];
    const listedUnder = query.projects === undefined ? undefined : [...new Set(query.projects)];
    if (listedUnder === undefined || listedUnder.length > MAX_PROJECTS_WALKED_APART) {
      const all = [...where, ...changedBefore('updated_at', 'id')].join(' AND ');
      const rows = await selectRows(db, AnswerRow, `SELECT ${COLUMNS} FROM answers WHERE ${all} ORDER BY updated_at DESC, id DESC LIMIT $1`, params);
      return rows.map(toAnswer);
    }
    const kept = [...where, ...changedBefore('l.updated_at', 'l.answer_id')].join(' AND ');
    // Each branch is read by the index in the list's order, so Postgres merges them and stops at
    // the page; an answer listed under two of the reader's projects comes twice, side by side.
    const branches = [...listedUnder.map((p) => `l.project = $${params.push(p)}`), 'l.project IS NULL'].map(
      (project) =>
        `(SELECT l.updated_at AS listed_at, l.answer_id AS listed_id, answers.* FROM answers_by_project l JOIN answers ON answers.id = l.answer_id
           WHERE ${project} AND ${kept} ORDER BY l.updated_at DESC, l.answer_id DESC LIMIT $1)`,
    );
    const rows = await selectRows(
      db,
      AnswerRow,
      `SELECT DISTINCT ON (listed_at, listed_id) ${COLUMNS} FROM (${branches.join(' UNION ALL ')}) listed ORDER BY listed_at DESC, listed_id DESC LIMIT $1`,
      params,
    );
    return rows.map(toAnswer);
  }
}
