import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, selectRow } from '@cs/persistence';

const Row = Type.Object({ version: Type.Integer(), projects: Nullable(Type.Array(Type.String())), retired_at: Nullable(Type.Date()) });

export interface KnownAnswer {
  readonly version: number;
  readonly projects: readonly string[] | null;
  readonly retired: boolean;
}

/** The projection of the knowledge service's published answers; only its events write it. */
export class PublishedAnswersRepository {
  /** A later version replaces an earlier one; a replayed older event changes nothing. */
  async published(tx: EntityManager, answerId: string, version: number, projects: readonly string[] | null, at: Date): Promise<void> {
    await execute(
      tx,
      `INSERT INTO published_answers (answer_id, version, projects, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (answer_id) DO UPDATE SET version = excluded.version, projects = excluded.projects, updated_at = excluded.updated_at
        WHERE published_answers.version < excluded.version AND published_answers.retired_at IS NULL`,
      [answerId, version, projects, at],
    );
  }

  async retired(tx: EntityManager, answerId: string, version: number, at: Date): Promise<void> {
    await execute(
      tx,
      `INSERT INTO published_answers (answer_id, version, retired_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (answer_id) DO UPDATE SET retired_at = excluded.retired_at, updated_at = excluded.updated_at`,
      [answerId, version, at],
    );
  }

  async find(db: Queryable, answerId: string): Promise<KnownAnswer | undefined> {
    const row = await selectRow(db, Row, 'SELECT version, projects, retired_at FROM published_answers WHERE answer_id = $1', [answerId]);
    return row ? { version: row.version, projects: row.projects, retired: row.retired_at !== null } : undefined;
  }
}
