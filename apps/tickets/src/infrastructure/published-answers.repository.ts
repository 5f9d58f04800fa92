import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, Queryable, execute, selectRow } from '@cs/persistence';

const Row = Type.Object({ version: Type.Integer(), projects: Nullable(Type.Array(Type.String())), retired_at: Nullable(Type.Date()), unstarted: Type.Boolean() });

export interface KnownAnswer {
  readonly version: number;
  readonly projects: readonly string[] | null;
  readonly retired: boolean;
}

/** The projection of the knowledge service's published answers; only its events write it. */
export class PublishedAnswersRepository {
  /**
   * A later version replaces an earlier one; a replayed older event changes nothing. Each version
   * is kept with its start, the later of its effective date and its approval, so that one approved
   * to start later is cited only from then.
   */
  async published(tx: EntityManager, answerId: string, version: number, projects: readonly string[] | null, at: Date, startsAt: Date): Promise<void> {
    await execute(
      tx,
      `INSERT INTO published_answer_versions (answer_id, version, projects, starts_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [answerId, version, projects, startsAt],
    );
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

  /**
   * The answer as it is in force at `at`: the latest version started by then; none when every
   * version it has starts later (its first version approved to start later). The latest version
   * published stands in when no version is kept with its start (one told only by a replica of the
   * release before this table).
   */
  async find(db: Queryable, answerId: string, at: Date): Promise<KnownAnswer | undefined> {
    const row = await selectRow(
      db,
      Row,
      `SELECT coalesce(v.version, a.version) AS version, CASE WHEN v.version IS NULL THEN a.projects ELSE v.projects END AS projects, a.retired_at,
              v.version IS NULL AND EXISTS (SELECT 1 FROM published_answer_versions w WHERE w.answer_id = a.answer_id) AS unstarted
         FROM published_answers a
         LEFT JOIN LATERAL (
           SELECT version, projects FROM published_answer_versions WHERE answer_id = a.answer_id AND starts_at <= $2 ORDER BY version DESC LIMIT 1
         ) v ON true
        WHERE a.answer_id = $1`,
      [answerId, at],
    );
    return row && !row.unstarted ? { version: row.version, projects: row.projects, retired: row.retired_at !== null } : undefined;
  }
}
