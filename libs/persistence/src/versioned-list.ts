import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { quoteIdentifier } from './identifiers';
import { type Queryable, selectRow } from './typed-query';

/** A list of documents replaced as a whole, in its order, and the version it is at. */
export interface VersionedList<T> {
  readonly version: number;
  readonly documents: T[];
}

/**
 * Reads a list of documents replaced as a whole (`list`: its `document` column, in `position`
 * order) with the version its one-row `version` table holds, in one statement (both tables named
 * unqualified, found on the search path): one snapshot, so
 * the version is the one of the documents read (an ETag built from it names what it was read
 * with), and one round trip. The row schema is built once here, so its checker is compiled once.
 */
export function versionedListReader<S extends TSchema>(list: string, version: string, document: S): (db: Queryable) => Promise<VersionedList<Static<S>>> {
  const row = Type.Object({ version: Type.Union([Type.Integer(), Type.Null()]), documents: Type.Array(document) });
  // max: one row is kept, and a second would be no reason to fail every read.
  const sql = `SELECT (SELECT max(version) FROM ${quoteIdentifier(version)}) AS version,
          COALESCE((SELECT json_agg(document ORDER BY position) FROM ${quoteIdentifier(list)}), '[]'::json) AS documents`;
  return async (db) => {
    const read = await selectRow(db, row, sql);
    // A version table not seeded yet is at the first version.
    return { version: read?.version ?? 1, documents: read?.documents ?? [] };
  };
}
