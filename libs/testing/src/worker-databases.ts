const WORKER_SUFFIX = /_w\d+$/;

/**
 * The database of one jest worker of a run: `<run's database>_w<worker>`. The int tier runs two
 * suites at once, and what Postgres scopes to a database (its sessions in pg_stat_activity, its
 * locks, advisory locks among them) must be one suite's alone, as when they ran one at a time.
 */
export function workerDatabaseName(runDatabase: string, worker: number): string {
  if (!Number.isInteger(worker) || worker < 1) throw new Error(`a jest worker is numbered from 1, not ${worker}`);
  return `${runDatabaseOf(runDatabase)}_w${worker}`;
}

/** The run a test database belongs to: itself, or the run of a worker's database. */
export function runDatabaseOf(database: string): string {
  return database.replace(WORKER_SUFFIX, '');
}

/** The URL of a worker's database, from the URL of its run's database or of any worker's of it. */
export function workerDatabaseUrl(runDatabaseUrl: string, worker: number): string {
  const url = new URL(runDatabaseUrl);
  url.pathname = `/${workerDatabaseName(decodeURIComponent(url.pathname.slice(1)), worker)}`;
  return url.toString();
}
