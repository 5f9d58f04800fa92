import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { IdRow, Queryable, changedRows, execute, selectRows } from '@cs/persistence';

export interface SynonymGroup {
  readonly id: string;
  readonly terms: readonly string[];
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

const GroupRow = Type.Object({ id: Type.String(), terms: Type.Array(Type.String()), updated_by: Type.String(), updated_at: Type.Date() });
const toGroup = (r: typeof GroupRow.static): SynonymGroup => ({ id: r.id, terms: r.terms, updatedBy: r.updated_by, updatedAt: r.updated_at });
/**
 * The groups' version as a statement reads it beside other rows: 0 while the row is missing (the
 * next write of the groups makes it again), so a statement never loses its rows for want of it.
 */
export const DICTIONARY_VERSION = 'coalesce((SELECT version FROM synonym_dictionary), 0)::text';
const DictionaryRow = Type.Object({ version: Type.String(), terms: Type.Union([Type.Array(Type.String()), Type.Null()]) });

/** Every group's terms with the version they make up (raised by a trigger on each write of the groups). */
export interface SynonymDictionaryVersion {
  readonly version: bigint;
  readonly groups: readonly (readonly string[])[];
}

/** 同义词 — groups of words customers use for the same thing, edited by an admin. */
export class SynonymRepository {
  async all(db: Queryable): Promise<SynonymGroup[]> {
    return (await selectRows(db, GroupRow, 'SELECT id, terms, updated_by, updated_at FROM synonym_groups ORDER BY terms[1], id')).map(toGroup);
  }

  /** The groups' terms and their version, read in one snapshot. */
  async dictionary(db: Queryable): Promise<SynonymDictionaryVersion> {
    const rows = await selectRows(
      db,
      DictionaryRow,
      `SELECT ${DICTIONARY_VERSION} AS version, g.terms
         FROM (VALUES (1)) AS one LEFT JOIN synonym_groups g ON true
        ORDER BY g.terms[1], g.id`,
    );
    return { version: BigInt(rows[0]?.version ?? 0), groups: rows.flatMap((r) => (r.terms ? [r.terms] : [])) };
  }

  /**
   * Takes the groups' lock to the end of the transaction: a term belongs to one group, which two
   * writes at once would each check against the groups before the other's, and both keep.
   */
  async lockForWriting(tx: EntityManager): Promise<void> {
    await execute(tx, "SELECT pg_advisory_xact_lock(hashtext('knowledge-synonym-groups'))");
  }

  async save(tx: EntityManager, group: SynonymGroup): Promise<void> {
    await execute(
      tx,
      `INSERT INTO synonym_groups (id, terms, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET terms = excluded.terms, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [group.id, group.terms, group.updatedBy, group.updatedAt],
    );
  }

  async remove(tx: EntityManager, id: string): Promise<boolean> {
    return (await changedRows(tx, IdRow, 'DELETE FROM synonym_groups WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
