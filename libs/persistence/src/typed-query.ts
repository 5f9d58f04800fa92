import { Type, type Static, type TSchema, type TNull, type TUnion } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

/** Anything that runs SQL: a DataSource, an EntityManager, a transaction's manager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A query result whose rows do not have the shape the repository declared: a bug, never bad input. */
export class RowShapeError extends Error {
  constructor(sql: string, problem: string) {
    super(`a row of "${sql.replace(/\s+/g, ' ').trim().slice(0, 120)}" does not fit its declared shape: ${problem}`);
    this.name = 'RowShapeError';
  }
}

/** A column that may be NULL. */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/** The commonest row: a statement answering with the ids it found or wrote. */
export const IdRow = Type.Object({ id: Type.String() });

// A schema is compiled into its checker once (code generated and evaluated, far slower than a
// check); a schema object built per call would be compiled on every call, so row schemas are
// module constants (eslint.config.mjs refuses one built in the call).
const checks = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkOf<S extends TSchema>(schema: S): TypeCheck<S> {
  let check = checks.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    checks.set(schema, check);
  }
  return check as TypeCheck<S>;
}

/** `rows` checked against the row schema of `sql`; a row that does not fit is a RowShapeError naming its column. */
export function checkedRows<S extends TSchema>(schema: S, sql: string, rows: unknown): Static<S>[] {
  if (!Array.isArray(rows)) throw new RowShapeError(sql, 'the driver returned no row list');
  const check = checkOf(schema);
  for (const row of rows) {
    if (!check.Check(row)) {
      const first = check.Errors(row).First();
      throw new RowShapeError(sql, first ? `${first.path || '/'} ${first.message}` : 'unknown');
    }
  }
  return rows as Static<S>[];
}

/**
 * Rows of a SELECT (or INSERT … RETURNING), checked against the row schema the repository
 * declares, so a column renamed in a migration fails loudly here instead of surfacing as
 * `undefined` far away. The one place query results become typed values.
 */
export async function selectRows<S extends TSchema>(db: Queryable, row: S, sql: string, parameters: unknown[] = []): Promise<Static<S>[]> {
  return checkedRows(row, sql, await db.query(sql, parameters));
}

export async function selectRow<S extends TSchema>(db: Queryable, row: S, sql: string, parameters: unknown[] = []): Promise<Static<S> | undefined> {
  return (await selectRows(db, row, sql, parameters))[0];
}

/** Rows of an UPDATE or DELETE … RETURNING, which TypeORM's postgres driver answers as [rows, affected]. */
export async function changedRows<S extends TSchema>(db: Queryable, row: S, sql: string, parameters: unknown[] = []): Promise<Static<S>[]> {
  const result = await db.query(sql, parameters);
  return checkedRows(row, sql, Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result);
}

/** A statement whose result is not read. */
export async function execute(db: Queryable, sql: string, parameters: unknown[] = []): Promise<void> {
  await db.query(sql, parameters);
}
