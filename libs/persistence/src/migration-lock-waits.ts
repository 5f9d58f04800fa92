import type { QueryRunner } from 'typeorm';
import { DEFAULT_MIGRATION_LOCK_ATTEMPTS, DEFAULT_MIGRATION_LOCK_TIMEOUT_MS } from '@cs/config';
import { sqlStateOf } from './sql-state';

/** SQLSTATE lock_not_available: what a statement whose lock wait passed `lock_timeout` fails with. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * How long a statement of a migration run in a transaction waits for a lock before it gives up
 * (ADR 0100). A schema change queued behind a long reader holds every later read and write of
 * the table behind it for as long as it waits; this is the longest the service's table can be
 * held so, on each attempt. The default: a deployment sets its own (MIGRATION_LOCK_TIMEOUT_MS).
 */
export const MIGRATION_LOCK_TIMEOUT_MS = DEFAULT_MIGRATION_LOCK_TIMEOUT_MS;

/** How many times a migration whose lock wait gave up is tried before the run fails, unless MIGRATION_LOCK_ATTEMPTS says. */
export const MIGRATION_LOCK_ATTEMPTS = DEFAULT_MIGRATION_LOCK_ATTEMPTS;

/** The pause before the second attempt, doubled before each next one: 1 + 2 + 4 + 8 + 16 s between six attempts. */
export const MIGRATION_LOCK_RETRY_AFTER_MS = 1_000;

/** How a migration run meets a lock it cannot have at once. */
export interface MigrationLockWaits {
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly retryAfterMs: number;
}

export const MIGRATION_LOCK_WAITS: MigrationLockWaits = {
  timeoutMs: MIGRATION_LOCK_TIMEOUT_MS,
  attempts: MIGRATION_LOCK_ATTEMPTS,
  retryAfterMs: MIGRATION_LOCK_RETRY_AFTER_MS,
};

/**
 * A migration that could not take a lock in any of its attempts; its message names the tables of
 * the schema that transactions open longer than the wait hold, with their locks.
 */
export class MigrationLockTimeoutError extends Error {
  override readonly name = 'MigrationLockTimeoutError';
}

/** Whether `error` is a statement that gave up waiting for a lock. */
export function isLockTimeout(error: unknown): boolean {
  return sqlStateOf(error) === LOCK_NOT_AVAILABLE;
}

/**
 * Has every transaction `runner` starts wait at most `timeoutMs` for each lock. Set in the
 * transaction (`set_config(…, true)`), so it ends with it: an online migration (ADR 0064), run
 * outside one, still waits as long as its concurrent builds need — `lock_timeout` also cuts their
 * wait for older transactions and leaves the index invalid — and so does the advisory lock that
 * keeps two runners apart.
 */
export function timingOutLockWaitsOfTransactions(runner: QueryRunner, timeoutMs: number): void {
  const start = runner.startTransaction.bind(runner);
  runner.startTransaction = async (isolationLevel) => {
    await start(isolationLevel);
    await runner.query("SELECT set_config('lock_timeout', $1, true)", [`${timeoutMs}ms`]);
  };
}

interface Holder {
  table: string;
  mode: string;
  pid: number;
  application: string;
  state: string;
  since: Date;
}

/**
 * Why `migration` failed, told after its last attempt: the statement, and the tables of `schema`
 * held by transactions open at least as long as a wait lasts — the ones it queued behind.
 */
export async function lockTimeoutFailure(
  runner: QueryRunner,
  schema: string,
  migration: string | undefined,
  waits: MigrationLockWaits,
  error: unknown,
): Promise<MigrationLockTimeoutError> {
  const holders = (await runner.query(
    `SELECT c.relname AS "table", l.mode, a.pid, a.application_name AS application, a.state, a.xact_start AS since
       FROM pg_locks l
       JOIN pg_class c ON c.oid = l.relation
       JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
        AND c.relnamespace = to_regnamespace($1) AND c.relkind IN ('r', 'p')
        AND a.xact_start <= clock_timestamp() - make_interval(secs => $2)
      ORDER BY c.relname, a.xact_start, a.pid`,
    [schema, waits.timeoutMs / 1000],
  )) as Holder[];
  const statement = typeof error === 'object' && error !== null && 'query' in error && typeof error.query === 'string' ? error.query.replace(/\s+/g, ' ').slice(0, 200) : undefined;
  const held = holders.length
    ? holders.map((h) => `${h.table} (${h.mode}) by pid ${h.pid} '${h.application}', ${h.state} in a transaction since ${h.since.toISOString()}`).join('; ')
    : 'none now: the transaction it queued behind has ended since';
  return new MigrationLockTimeoutError(
    `migration ${migration ?? '(unknown)'} waited for a lock longer than ${waits.timeoutMs} ms in each of ${waits.attempts} attempts` +
      `${statement ? ` at "${statement}"` : ''}; tables of ${schema} held by transactions open longer: ${held}`,
    { cause: error },
  );
}
