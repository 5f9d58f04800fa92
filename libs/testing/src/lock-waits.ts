import type { DataSource } from 'typeorm';

/**
 * How many statements of the test's database wait for a lock (a row's, an advisory one, an
 * index entry's): what a test holding a lock waits for before it lets another step go on.
 */
export async function statementsWaitingForLocks(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)) as { n: number }[];
  return row!.n;
}
