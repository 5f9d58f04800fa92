/** A worker's database is its run's name and this suffix, the worker's number in place of `\d+`. */
export const WORKER_DATABASE_SUFFIX = '_w\\d+';
const WORKER_SUFFIX = new RegExp(`${WORKER_DATABASE_SUFFIX}$`);

/**
 * The database of one jest worker of a run: `<run's database>_w<worker>`. The int tier runs two
 * suites at once, and what Postgres scopes to a database (its sessions in pg_stat_activity, its
 * locks, advisory locks among them) must be one suite's alone, as when they ran one at a time.
 */
export function workerDatabaseName(runDatabase: string, worker: number): string {
  assertWorker(worker);
  return `${runDatabaseOf(runDatabase)}_w${worker}`;
}

/** A `LIKE` pattern of the databases of a run's workers, whatever their number. */
export function workerDatabasesLike(runDatabase: string): string {
  return `${runDatabase.replace(/_/g, '\\_')}\\_w%`;
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

const WORKER_NAMESPACE_SUFFIX = /-w\d+$/;

/**
 * The Kafka namespace of one jest worker of the e2e tier: `<run's prefix>-w<worker>`, under the
 * run's (ADR 0054), so the run's tear-down drops it. Two suites at once each start every service,
 * whose consumer groups and topics must be one suite's alone (ADR 0182).
 */
export function workerTopicPrefix(runTopicPrefix: string, worker: number): string {
  assertWorker(worker);
  return `${runTopicPrefixOf(runTopicPrefix)}-w${worker}`;
}

/** The run a Kafka namespace belongs to: itself, or the run of a worker's namespace. */
export function runTopicPrefixOf(topicPrefix: string): string {
  return topicPrefix.replace(WORKER_NAMESPACE_SUFFIX, '');
}

function assertWorker(worker: number): void {
  if (!Number.isInteger(worker) || worker < 1) throw new Error(`a jest worker is numbered from 1, not ${worker}`);
}
