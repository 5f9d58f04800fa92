import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Nullable, Queryable, execute, selectRows } from '@cs/persistence';
import type { Reader } from '../domain/audience';
import type { InboxMark } from '../domain/inbox-mark';

const EarlierMark = Type.Object({
  roles: Type.Array(Type.String()),
  department: Nullable(Type.String()),
  projects: Nullable(Type.Array(Type.String())),
  upTo: Type.Integer(),
  at: Type.String(),
});
type EarlierMark = typeof EarlierMark.static;

const MarkRow = Type.Object({
  user_id: Type.String(),
  read_up_to: Type.String(),
  read_at: Type.Date(),
  roles: Type.Array(Type.String()),
  department: Nullable(Type.String()),
  projects: Nullable(Type.Array(Type.String())),
  earlier: Type.Array(EarlierMark),
});
type MarkRow = typeof MarkRow.static;

function readerOf(userId: string, scope: { roles: string[]; department: string | null; projects: string[] | null }): Reader {
  return { sub: userId, roles: scope.roles, ...(scope.department !== null ? { department: scope.department } : {}), ...(scope.projects !== null ? { projects: scope.projects } : {}) };
}

/** The row's marks, the latest marking's first. */
function marksOf(row: MarkRow): InboxMark[] {
  return [
    { reader: readerOf(row.user_id, row), upTo: Number(row.read_up_to), at: row.read_at },
    ...row.earlier.map((mark) => ({ reader: readerOf(row.user_id, mark), upTo: mark.upTo, at: new Date(mark.at) })),
  ];
}

function earlierOf(mark: InboxMark): EarlierMark {
  return { roles: [...mark.reader.roles], department: mark.reader.department ?? null, projects: mark.reader.projects ? [...mark.reader.projects] : null, upTo: mark.upTo, at: mark.at.toISOString() };
}

/** 全部已读 — each user's "mark all read", one row per user holding a mark per scope. */
@Injectable()
export class InboxMarkRepository {
  /**
   * Holds the user's marking until the transaction ends: two at once from tokens of different
   * scopes would each decide from the marks before both, and the marks saved last would leave out
   * the other's.
   */
  async lockFor(db: Queryable, userId: string): Promise<void> {
    await execute(db, "SELECT pg_advisory_xact_lock(hashtext('notifications.inbox-mark:' || $1))", [userId]);
  }

  /** The user's marks, the latest marking's first; none if they never marked all read. */
  async find(db: Queryable, userId: string): Promise<InboxMark[]> {
    return (await this.findAll(db, [userId])).get(userId) ?? [];
  }

  /** The marks of each of these users who ever marked all read, in one statement. */
  async findAll(db: Queryable, userIds: readonly string[]): Promise<Map<string, InboxMark[]>> {
    if (userIds.length === 0) return new Map();
    const rows = await selectRows(
      db,
      MarkRow,
      'SELECT user_id, read_up_to::text, read_at, roles, department, projects, earlier FROM notification_inbox_marks WHERE user_id = ANY($1::text[])',
      [[...new Set(userIds)]],
    );
    return new Map(rows.map((row) => [row.user_id, marksOf(row)]));
  }

  /** Sets the user's marks, under `lockFor`: the first is the latest marking's. */
  async save(db: Queryable, userId: string, marks: readonly InboxMark[]): Promise<void> {
    const [latest, ...earlier] = marks;
    if (!latest) return;
    await execute(
      db,
      `INSERT INTO notification_inbox_marks (user_id, read_up_to, read_at, roles, department, projects, earlier) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET read_up_to = EXCLUDED.read_up_to, read_at = EXCLUDED.read_at,
              roles = EXCLUDED.roles, department = EXCLUDED.department, projects = EXCLUDED.projects, earlier = EXCLUDED.earlier`,
      [userId, latest.upTo, latest.at, [...latest.reader.roles], latest.reader.department ?? null, latest.reader.projects ? [...latest.reader.projects] : null, JSON.stringify(earlier.map(earlierOf))],
    );
  }
}
