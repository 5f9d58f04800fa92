import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Nullable, Queryable, execute, selectRow } from '@cs/persistence';
import type { InboxMark } from '../domain/inbox-mark';

const MarkRow = Type.Object({
  read_up_to: Type.String(),
  read_at: Type.Date(),
  roles: Type.Array(Type.String()),
  department: Nullable(Type.String()),
  projects: Nullable(Type.Array(Type.String())),
});

/** 全部已读 — each user's "mark all read", one row per user. */
@Injectable()
export class InboxMarkRepository {
  /**
   * Holds the user's marking until the transaction ends: two at once from tokens of different
   * scopes would each decide from the mark before both, and the mark saved last could then cover
   * notifications only the other's scope reached, which neither marked singly.
   */
  async lockFor(db: Queryable, userId: string): Promise<void> {
    await execute(db, "SELECT pg_advisory_xact_lock(hashtext('notifications.inbox-mark:' || $1))", [userId]);
  }

  async find(db: Queryable, userId: string): Promise<InboxMark | undefined> {
    const row = await selectRow(db, MarkRow, 'SELECT read_up_to::text, read_at, roles, department, projects FROM notification_inbox_marks WHERE user_id = $1', [userId]);
    if (!row) return undefined;
    return {
      reader: { sub: userId, roles: row.roles, ...(row.department !== null ? { department: row.department } : {}), ...(row.projects !== null ? { projects: row.projects } : {}) },
      upTo: Number(row.read_up_to),
      at: row.read_at,
    };
  }

  /**
   * Sets the user's mark, under `lockFor`: it reaches the further of the mark before and this one
   * and keeps the time it had (a replica of the release before marks without the lock).
   */
  async save(db: Queryable, mark: InboxMark): Promise<void> {
    await execute(
      db,
      `INSERT INTO notification_inbox_marks AS m (user_id, read_up_to, read_at, roles, department, projects) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET read_up_to = GREATEST(m.read_up_to, EXCLUDED.read_up_to), read_at = m.read_at,
              roles = EXCLUDED.roles, department = EXCLUDED.department, projects = EXCLUDED.projects`,
      [mark.reader.sub, mark.upTo, mark.at, [...mark.reader.roles], mark.reader.department ?? null, mark.reader.projects ? [...mark.reader.projects] : null],
    );
  }
}
