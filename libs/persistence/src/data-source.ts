import { Client } from 'pg';
import { DataSource, EntitySchema, Logger as TypeOrmLogger, MigrationExecutor, MixedList } from 'typeorm';
import { StatementNames, preparingClient } from './prepared-statements';
import { closingOnReadTimeout } from './read-timeout';
import { sendingAheadClient } from './sent-ahead';
import { keepingConnectionLoss } from './connection-loss';
import { LockWaitAllowance, MIGRATION_LOCK_WAITS, MigrationLockWaits, isLockTimeout, lockTimeoutFailure, timingOutLockWaitsOfTransactions } from './migration-lock-waits';
import { advisoryLockKey } from './advisory-locks';

/** A class TypeORM instantiates: an entity or a migration. */
export type PersistedClass = new (...args: never[]) => unknown;

export interface ServiceDataSourceOptions {
  readonly url: string;
  readonly schema: string;
  readonly entities?: MixedList<PersistedClass | EntitySchema>;
  readonly migrations?: MixedList<PersistedClass>;
  readonly poolSize?: number;
  /**
   * How long a query waits for a connection of the pool — a new one to open, or a busy one to
   * come free — before it fails. Short, so that a request while Postgres is unreachable (or
   * the pool is exhausted) is answered 503 within the 2 s a client is promised instead of
   * hanging; {@link DEFAULT_CONNECT_TIMEOUT_MS} unless given.
   */
  readonly connectTimeoutMs?: number;
  /**
   * How long a statement may go unanswered before it fails and its connection is closed: a
   * Postgres that stops answering with its connections open (a frozen host, a partition no
   * reset crosses) would otherwise hold each request, and each connection, for as long as TCP
   * takes to give up — minutes, or for ever on a connection the network keeps. No limit unless
   * given: migrations and command-line tools run statements as long as their data needs.
   */
  readonly queryTimeoutMs?: number;
  /**
   * How long pg lets a connection sit idle in the pool before closing it, unless the pool keeps
   * it: it keeps `poolSize` once opened (ADR 0049), so this reaches only a connection beyond
   * those. pg's own 10 s unless given.
   */
  readonly idleTimeoutMs?: number;
  readonly applicationName?: string;
  /**
   * Whether the pool's connections send frequent statements prepared (ADR 0045); true unless
   * given. Off only behind a pooler that does not keep a client's prepared statements.
   */
  readonly prepareStatements?: boolean;
  /**
   * Whether prepared statements are still planned for each execution's values, never with a
   * generic plan: for a service whose reads span data of any size (reporting), where a generic
   * plan chosen after five executions over a small month read a month of a million tickets as it
   * read ten thousand (ADR 0045). Parsing is still saved.
   */
  readonly planEachExecution?: boolean;
}

/** Idle time before the first TCP keepalive probe: well under the idle timeouts of common NATs and load balancers (4 minutes and more). */
const KEEPALIVE_AFTER_IDLE_MS = 30_000;

/** DATABASE_CONNECT_TIMEOUT_MS's default (libs/config). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 1_000;

/**
 * A TypeORM data source bound to one service's schema. Schema changes come only from
 * migrations (`synchronize` stays off), each in its own transaction unless it is an online one
 * (ADR 0064).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const poolSize = options.poolSize ?? 10;
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // TypeORM would print a failed statement with its parameters to stdout, outside the service's
    // log and its redaction; the error reaches the caller, which logs it redacted. A failed
    // migration TypeORM prints whatever `logging` says, so its logger says nothing.
    logging: false,
    logger: SILENT,
    applicationName: options.applicationName,
    extra: {
      max: poolSize,
      // A connection once opened stays (ADR 0049): pg closes one idle for 10 s by default, and the
      // first requests after a quiet spell then waited for new backends, cold and with nothing
      // prepared, while the requests behind them queued.
      min: poolSize,
      // Kept connections idle for hours: TCP keepalive probes keep a NAT or load balancer on the
      // way from dropping them silently, which would leave a query waiting on a dead socket.
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_AFTER_IDLE_MS,
      // Unqualified names resolve only inside the service's own schema.
      options: sessionSettings(options),
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMillis: options.idleTimeoutMs }),
      ...(options.queryTimeoutMs === undefined ? {} : { query_timeout: options.queryTimeoutMs }),
      // A statement is written before the one ahead of it is answered, where one is sent ahead
      // (ADR 0189); a statement awaited before the next is sent goes as it did.
      pipeline: true,
      Client: clientClass(options),
    },
  });
  return keepingConnectionLoss(dataSource);
}

/** Postgres settings of every session the pool opens, as `-c` options of the connection. */
function sessionSettings(options: ServiceDataSourceOptions): string {
  const settings = [`search_path=${options.schema}`];
  if (options.planEachExecution) settings.push('plan_cache_mode=force_custom_plan');
  // A statement whose client is gone — a connection closed for its unanswered statement, a
  // process or migration job killed mid-way — would go on running, holding its locks and a
  // backend (an index build left so holds its table's vacuums and the job's next try); checked
  // every second, the backend notices its client gone, cancels and rolls back (Postgres 14+).
  settings.push('client_connection_check_interval=1000');
  // A session whose client's host vanished (a node lost, a partition) waits, idle, for a client that
  // will never speak again, holding its transaction's locks — a relay round's lock stops every
  // replica's publishing, a migration's every later run — until the server's keepalive gives up: 2 h 11
  // min by the system's defaults. Probed after 30 s quiet, every 10 s, three times: about a minute.
  settings.push('tcp_keepalives_idle=30', 'tcp_keepalives_interval=10', 'tcp_keepalives_count=3');
  return settings.map((setting) => `-c ${setting}`).join(' ');
}

/** The pool's Client class: sending statements ahead, preparing them, closing a connection whose query went unanswered. */
function clientClass(options: ServiceDataSourceOptions): typeof Client {
  const sending = sendingAheadClient(options.prepareStatements === false ? Client : preparingClient(new StatementNames()));
  return options.queryTimeoutMs === undefined ? sending : closingOnReadTimeout(sending);
}

/** TypeORM's logger, told nothing: what goes wrong reaches the caller as an error. */
const SILENT: TypeOrmLogger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/**
 * Runs pending migrations; returns the names of those applied. A migration run in a transaction
 * waits at most `lockWaits.timeoutMs` for each lock, and one that gave up is tried again, after a
 * pause, up to `lockWaits.attempts` times, all within `lockWaits.budgetMs` from the run's start
 * (ADR 0100); the run then fails with a {@link MigrationLockTimeoutError} naming the statement,
 * the tables held and by whom.
 */
export async function runMigrations(dataSource: DataSource, lockWaits: MigrationLockWaits = MIGRATION_LOCK_WAITS): Promise<string[]> {
  const allowance = new LockWaitAllowance(lockWaits);
  const initialised = dataSource.isInitialized;
  if (!initialised) await dataSource.initialize();
  // TypeORM does not keep two runners of one schema apart: both would take the same migration as
  // pending, and the second fail on what the first made or, for an online migration (ADR 0064),
  // skip an index still being built and record the migration before it is there. The second
  // waits instead, on a session lock of the connection the migrations run on (a session lock
  // holds no snapshot, so a concurrent index build does not wait for it); a runner that dies
  // lets go with its connection.
  const runner = dataSource.createQueryRunner();
  const schema = dataSource.driver.schema ?? 'public';
  const key = `schema_migrations:${schema}`;
  try {
    await runner.query(`SELECT pg_advisory_lock(${advisoryLockKey('migrations', '$1')})`, [key]);
    try {
      // An ALTER queued behind a long reader holds every later read and write of its table behind
      // it for as long as it waits: it gives up its place after the timeout instead, its
      // transaction rolls back whole, and the next attempt runs what did not commit.
      timingOutLockWaitsOfTransactions(runner, allowance);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const pendingAtStart = await pendingMigrations(executor);
      for (let attempt = 1; ; attempt++) {
        try {
          await executor.executePendingMigrations();
          break;
        } catch (error) {
          if (!isLockTimeout(error)) throw error;
          const pause = lockWaits.retryAfterMs * 2 ** (attempt - 1);
          const exhausted = allowance.spentAfter(attempt, pause);
          if (exhausted) {
            const stop = { migration: (await pendingMigrations(executor))[0], attempt, exhausted, waitedMs: allowance.lastWaitMs };
            throw await lockTimeoutFailure(runner, schema, lockWaits, stop, error);
          }
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
      const pending = new Set(await pendingMigrations(executor));
      return pendingAtStart.filter((name) => !pending.has(name));
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${advisoryLockKey('migrations', '$1')})`, [key]);
    }
  } finally {
    await runner.release();
    if (!initialised) await dataSource.destroy();
  }
}

/** The names of the migrations the schema has not recorded, in the order they run. */
async function pendingMigrations(executor: MigrationExecutor): Promise<string[]> {
  return (await executor.getPendingMigrations()).map((migration) => migration.name);
}
