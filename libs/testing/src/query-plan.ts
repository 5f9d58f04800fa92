import type { DataSource } from 'typeorm';

export interface RecordedStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/**
 * A queryable that runs each statement on the data source and keeps it, for a test to read the
 * statements a repository wrote. Typed loosely, as repositories take an EntityManager or a Queryable.
 */
export function recordingQueries(dataSource: DataSource): { readonly db: { query(sql: string, parameters?: unknown[]): Promise<unknown> }; readonly statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  return {
    statements,
    db: {
      query: (sql: string, parameters: unknown[] = []) => {
        statements.push({ sql, parameters });
        return dataSource.query(sql, parameters);
      },
    },
  };
}

/**
 * The plan Postgres makes for the statement, without running it, with sequential scans off: a
 * test's handful of rows would otherwise rightly be read whole, and the plan would say nothing of
 * the index a large table is read by. `generic`: the plan of the statement prepared, as a
 * service's connections send a frequent one (ADR 0045) and Postgres plans it once its custom
 * plans cost no less, for no values in particular: a value only a custom plan folds in (a
 * parameter cast in a FROM item) cannot choose an index there. `withoutSorts`: sorts priced out
 * too, for a page asked of an index in its order, which a handful of rows would rightly be sorted
 * for instead.
 */
export async function planWithoutSequentialScans(
  dataSource: DataSource,
  statement: RecordedStatement,
  { generic = false, withoutSorts = false }: { generic?: boolean; withoutSorts?: boolean } = {},
): Promise<string> {
  const runner = dataSource.createQueryRunner();
  let prepared = false;
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    if (withoutSorts) await runner.query('SET LOCAL enable_sort = off');
    if (generic) {
      await runner.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await runner.query(`PREPARE planned_generic AS ${statement.sql}`);
      prepared = true;
    }
    // A generic plan is made for no values: the parameters are given none.
    const rows = (
      generic
        ? await runner.query(`EXPLAIN (COSTS OFF) EXECUTE planned_generic(${statement.parameters.map(() => 'NULL').join(', ')})`)
        : await runner.query(`EXPLAIN (COSTS OFF) ${statement.sql}`, statement.parameters)
    ) as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await runner.rollbackTransaction();
    // A prepared statement outlives the transaction, on a connection the pool hands out again
    // (with the statements the pool's client prepared, which stay).
    if (prepared) await runner.query('DEALLOCATE planned_generic');
    await runner.release();
  }
}
