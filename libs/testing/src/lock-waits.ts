import type { DataSource } from 'typeorm';

/** What a test reads Postgres through: a data source, a transaction's manager or a query runner. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * How many statements of the test's database wait for a lock (a row's, an advisory one, an
 * index entry's): what a test holding a lock waits for before it lets another step go on.
 */
export async function statementsWaitingForLocks(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)) as { n: number }[];
  return row!.n;
}

/** The backend serving `session`'s connection: the holder whose waiters {@link sessionsWaitingOn} counts. */
export async function backendPid(session: Queryable): Promise<number> {
  const [row] = (await session.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
  return row!.pid;
}

/**
 * How many sessions wait for a lock the backend `holder` holds. pg_locks and pg_stat_activity
 * span the whole server, where another suite's sessions wait for locks of their own (advisory
 * ones keyed alike among them): asked of the holder, the count is the test's waiters alone.
 */
export async function sessionsWaitingOn(session: Queryable, holder: number): Promise<number> {
  const [row] = (await session.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [holder])) as { n: number }[];
  return row!.n;
}
