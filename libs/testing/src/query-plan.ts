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
 * the index a large table is read by.
 */
export async function planWithoutSequentialScans(dataSource: DataSource, statement: RecordedStatement): Promise<string> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    const rows = (await runner.query(`EXPLAIN (COSTS OFF) ${statement.sql}`, statement.parameters)) as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}
