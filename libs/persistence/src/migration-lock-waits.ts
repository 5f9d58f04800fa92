import type { QueryRunner } from 'typeorm';
import { DEFAULT_MIGRATION_LOCK_ATTEMPTS, DEFAULT_MIGRATION_LOCK_BUDGET_MS, DEFAULT_MIGRATION_LOCK_TIMEOUT_MS } from '@cs/config';
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

/**
 * How long, from its start, a run may wait for locks in all before it stops naming what held it,
 * unless MIGRATION_LOCK_BUDGET_MS says: the db-migrate Job's deadline would otherwise end a run
 * still waiting with nothing said (ADR 0100).
 */
export const MIGRATION_LOCK_BUDGET_MS = DEFAULT_MIGRATION_LOCK_BUDGET_MS;

/** How a migration run meets a lock it cannot have at once. */
export interface MigrationLockWaits {
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly retryAfterMs: number;
  readonly budgetMs: number;
}

export const MIGRATION_LOCK_WAITS: MigrationLockWaits = {
  timeoutMs: MIGRATION_LOCK_TIMEOUT_MS,
  attempts: MIGRATION_LOCK_ATTEMPTS,
  retryAfterMs: MIGRATION_LOCK_RETRY_AFTER_MS,
  budgetMs: MIGRATION_LOCK_BUDGET_MS,
};

/** What a run that stopped for a lock ran out of: its attempts, or its budget of time. */
export type LockWaitsSpent = 'attempts' | 'budget';

/**
 * A migration that could not take a lock in any of its attempts, or before the run's budget was
 * spent; its message names the statement and the tables of the schema that transactions open
 * longer than the wait hold, with their locks.
 */
export class MigrationLockTimeoutError extends Error {
  override readonly name = 'MigrationLockTimeoutError';

  constructor(
    message: string,
    readonly exhausted: LockWaitsSpent,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * What a run may still wait for locks: each wait at most the timeout, and none past the end of
 * the run's budget, counted from its start (work included: the Job's deadline counts it too) —
 * except the time of statements run outside a transaction (an online step, ADR 0064), which no
 * `lock_timeout` bounds: counted, a long index build left every later migration 1 ms to wait.
 */
export class LockWaitAllowance {
  private endsAt: number;
  /** The wait last allowed: the `lock_timeout` of the transaction in progress. */
  private allowed: number | undefined;

  constructor(
    readonly waits: MigrationLockWaits,
    startedAt = Date.now(),
  ) {
    this.endsAt = startedAt + waits.budgetMs;
  }

  /** The wait a statement starting now may have: the timeout, or what is left of the budget; at least 1 ms, as 0 lifts the limit. */
  private due(now: number): number {
    return Math.max(1, Math.min(this.waits.timeoutMs, this.endsAt - now));
  }

  /** `ms` spent outside the bound (a statement outside a transaction): not counted against the budget. */
  exclude(ms: number): void {
    this.endsAt += Math.max(0, ms);
  }

  /** The wait of a transaction starting now, remembered as the one in force. */
  forTransaction(now = Date.now()): number {
    this.allowed = this.due(now);
    return this.allowed;
  }

  /** A shorter wait a statement of the transaction must have now, as what is left of the budget is below the one in force; none otherwise. */
  shorterForStatement(now = Date.now()): number | undefined {
    if (this.allowed === undefined) return undefined;
    const due = this.due(now);
    if (due >= this.allowed) return undefined;
    this.allowed = due;
    return due;
  }

  /** The wait the last statement had. */
  get lastWaitMs(): number {
    return this.allowed ?? this.waits.timeoutMs;
  }

  /**
   * Whether the run stops after its `attempt` gave up a lock, and on what: its last attempt, or a
   * budget that leaves no time to wait after the pause before the next.
   */
  spentAfter(attempt: number, pauseMs: number, now = Date.now()): LockWaitsSpent | undefined {
    if (now + pauseMs >= this.endsAt) return 'budget';
    return attempt >= this.waits.attempts ? 'attempts' : undefined;
  }
}

/** Whether `error` is a statement that gave up waiting for a lock. */
export function isLockTimeout(error: unknown): boolean {
  return sqlStateOf(error) === LOCK_NOT_AVAILABLE;
}

/**
 * Statements that open, shape or end a transaction wait for no lock, and TypeORM sends its own
 * while it counts the transaction active: a `set_config` before `SET TRANSACTION ISOLATION LEVEL`
 * would have Postgres refuse it (it must come first), and one before `START TRANSACTION` sets nothing.
 */
const CONTROLS_A_TRANSACTION = /^\s*(START|BEGIN|SET\s+TRANSACTION|SAVEPOINT|COMMIT|ROLLBACK|RELEASE)\b/i;

/**
 * Has every transaction `runner` starts wait for each lock at most what `allowance` allows: the
 * timeout, or less once the run's budget nears its end — then set again before each statement of
 * the transaction, so several statements waiting in turn end within the budget too. Set in the
 * transaction (`set_config(…, true)`), so it ends with it: an online migration (ADR 0064), run
 * outside one, still waits as long as its concurrent builds need — `lock_timeout` also cuts their
 * wait for older transactions and leaves the index invalid — and so does the advisory lock that
 * keeps two runners apart.
 */
export function timingOutLockWaitsOfTransactions(runner: QueryRunner, allowance: LockWaitAllowance): void {
  const start = runner.startTransaction.bind(runner);
  const query = runner.query.bind(runner);
  const allow = (ms: number) => query("SELECT set_config('lock_timeout', $1, true)", [`${ms}ms`]);
  runner.startTransaction = async (isolationLevel) => {
    await start(isolationLevel);
    await allow(allowance.forTransaction());
  };
  runner.query = async (...args: Parameters<QueryRunner['query']>) => {
    if (!runner.isTransactionActive) {
      // Outside the budget's bound, so outside its count (ADR 0100): an online step, the executor's reads.
      const started = Date.now();
      try {
        return await query(...args);
      } finally {
        allowance.exclude(Date.now() - started);
      }
    }
    // A transaction that ends waits for no lock, and one that failed takes no other statement.
    const shorter = !CONTROLS_A_TRANSACTION.test(args[0]) ? allowance.shorterForStatement() : undefined;
    if (shorter !== undefined) await allow(shorter);
    return query(...args);
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

/** Where a run stopped for a lock: the migration pending, the attempt, what it ran out of and its last statement's wait. */
export interface LockStop {
  readonly migration: string | undefined;
  readonly attempt: number;
  readonly exhausted: LockWaitsSpent;
  readonly waitedMs: number;
}

/**
 * Why the run stopped, told after its last attempt or once its budget is spent: the statement,
 * and the tables of `schema` held by transactions open at least as long as its last wait lasted —
 * the ones it queued behind.
 */
export async function lockTimeoutFailure(runner: QueryRunner, schema: string, waits: MigrationLockWaits, stop: LockStop, error: unknown): Promise<MigrationLockTimeoutError> {
  const holders = (await runner.query(
    `SELECT c.relname AS "table", l.mode, a.pid, a.application_name AS application, a.state, a.xact_start AS since
       FROM pg_locks l
       JOIN pg_class c ON c.oid = l.relation
       JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
        -- pg_locks spans the server: a table of another database may have the same oid
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND c.relnamespace = to_regnamespace($1) AND c.relkind IN ('r', 'p')
        AND a.xact_start <= clock_timestamp() - make_interval(secs => $2)
      ORDER BY c.relname, a.xact_start, a.pid`,
    [schema, stop.waitedMs / 1000],
  )) as Holder[];
  const statement = typeof error === 'object' && error !== null && 'query' in error && typeof error.query === 'string' ? error.query.replace(/\s+/g, ' ').slice(0, 200) : undefined;
  const held = holders.length
    ? holders.map((h) => `${h.table} (${h.mode}) by pid ${h.pid} '${h.application}', ${h.state} in a transaction since ${h.since.toISOString()}`).join('; ')
    : 'none now: the transaction it queued behind has ended since';
  const migration = stop.migration ?? '(unknown)';
  const at = statement ? ` at "${statement}"` : '';
  const why =
    stop.exhausted === 'attempts'
      ? `migration ${migration} waited for a lock longer than ${waits.timeoutMs} ms in each of ${waits.attempts} attempts${at}`
      : `migration ${migration} stopped waiting for a lock: the run's ${waits.budgetMs} ms for lock waits (MIGRATION_LOCK_BUDGET_MS) are spent, ` +
        `in attempt ${stop.attempt} of ${waits.attempts}, after its last wait of ${stop.waitedMs} ms${at}`;
  return new MigrationLockTimeoutError(`${why}; tables of ${schema} held by transactions open longer: ${held}`, stop.exhausted, { cause: error });
}
