import type { EntityManager } from 'typeorm';

/** A transaction or the data source: whatever runs the statement. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * The rows a statement selects (or an INSERT … RETURNING gives back), in the shape the caller
 * names. The driver cannot check that shape, so this is the one place a result is given it;
 * each repository then maps its rows to the domain in one function.
 */
export async function rowsOf<Row>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const rows: unknown = await db.query(sql, [...params]);
  return rows as Row[];
}

/** The rows an UPDATE … RETURNING gives back: the driver answers it with [rows, count]. */
export async function updatedRowsOf<Row>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const result: unknown = await db.query(sql, [...params]);
  return (result as [Row[], number])[0];
}

/** A statement whose result nobody reads. */
export async function run(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<void> {
  await db.query(sql, [...params]);
}
