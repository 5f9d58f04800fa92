import type { Client } from 'pg';
import { AdvisoryLockClass } from '@cs/persistence';
import { flushRedisDatabase } from './redis-database';

/**
 * The Redis databases the test runs of one machine share, one run to a database (ADR 0054): 14 is
 * the benchmark's copy's, 15 the fuzzer's, 0 the development system's; the instance's own int
 * test takes its instances from {@link INSTANCE_SPEC_REDIS_POOL}.
 */
export const TEST_REDIS_POOL: readonly number[] = [9, 10, 11, 12, 13];

/** The databases the instance's own int test opens its instances on, outside every run's pool. */
export const INSTANCE_SPEC_REDIS_POOL: readonly number[] = [6, 7, 8];

/**
 * A database of the pool is held by a session advisory lock of the class `testRedisPool` whose
 * second number is the database's, on the run's admin database, and counts as held in whichever
 * database it was taken: the server lets it go with its session, so a killed run's database is
 * free again.
 */
const LOCK = `${AdvisoryLockClass.testRedisPool}, $1::int`;

/**
 * Whether `session` took `redisDb`'s lock; false while another session holds it, in any database:
 * an advisory lock is its database's, and a run whose admin database is another (the instance
 * suite's instances lock in its worker's database) would otherwise take a database a run holds.
 * Read after taking it, so of two runs taking it at once in two databases neither goes on with it.
 */
async function tryToTake(session: Client, redisDb: number): Promise<boolean> {
  const [row] = (await session.query<{ taken: boolean }>(`SELECT pg_try_advisory_lock(${LOCK}) AS taken`, [redisDb])).rows;
  if (row?.taken !== true) return false;
  const [elsewhere] = (
    await session.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
                        AND classid = $1::oid AND objid::int = $2::int AND pid <> pg_backend_pid()) AS held`,
      [AdvisoryLockClass.testRedisPool, redisDb],
    )
  ).rows;
  if (elsewhere?.held !== true) return true;
  await session.query(`SELECT pg_advisory_unlock(${LOCK})`, [redisDb]);
  return false;
}

/** A run holding a database of the pool, as the lock's session names it. */
export interface RedisDatabaseHolder {
  readonly redisDb: number;
  /** The session's application_name: the run's test database (see {@link takeRedisDatabase}). */
  readonly run: string;
  readonly backendPid: number;
  readonly clientAddress: string | null;
}

export class RedisPoolExhaustedError extends Error {
  constructor(
    readonly pool: readonly number[],
    readonly holders: readonly RedisDatabaseHolder[],
  ) {
    super(exhaustedPoolMessage(pool, holders));
    this.name = 'RedisPoolExhaustedError';
  }
}

export function exhaustedPoolMessage(pool: readonly number[], holders: readonly RedisDatabaseHolder[]): string {
  const held = pool.map((db) => {
    const holder = holders.find((h) => h.redisDb === db);
    if (!holder) return `${db} by a run that let it go meanwhile`;
    const from = holder.clientAddress ? ` from ${holder.clientAddress}` : '';
    return `${db} by ${holder.run || 'an unnamed session'} (Postgres backend ${holder.backendPid}${from})`;
  });
  return (
    `every Redis database of the test runs' pool (${pool.join(', ')}) is held by another run: ${held.join('; ')}. ` +
    'Wait for one of them to end, or end it: a run that ends, or is killed, frees its database.'
  );
}

/**
 * Takes the first free database of `pool` for the run `held` is the lock connection of, naming the
 * session after the run so that a run finding the pool full can say who holds it. Refuses at once
 * rather than waiting: a run holds its database for as long as it lasts, up to an hour.
 */
export async function takeRedisDatabase(held: Client, run: string, pool: readonly number[] = TEST_REDIS_POOL): Promise<number> {
  await held.query(`SELECT set_config('application_name', $1, false)`, [run]);
  for (const db of pool) {
    if (await tryToTake(held, db)) return db;
  }
  throw new RedisPoolExhaustedError(pool, await holdersOf(held, pool));
}

/**
 * Takes `redisDb` again on a new lock connection of the run `run`, which held it: 'ours still' while
 * the run's ended session has not let go of it yet, 'another run' when another run took it meanwhile.
 */
export async function retakeRedisDatabase(held: Client, redisDb: number, run: string): Promise<'taken' | 'ours still' | 'another run'> {
  if (await tryToTake(held, redisDb)) return 'taken';
  const holders = await holdersOf(held, [redisDb]);
  return holders.some((holder) => holder.run === run) ? 'ours still' : 'another run';
}

async function holdersOf(admin: Client, pool: readonly number[]): Promise<RedisDatabaseHolder[]> {
  const { rows } = await admin.query<{ redis_db: number; run: string; backend_pid: number; client_address: string | null }>(
    `SELECT l.objid::int AS redis_db, a.application_name AS run, a.pid AS backend_pid, host(a.client_addr) AS client_address
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.classid = $1::oid AND l.objid::int = ANY($2::int[])`,
    [AdvisoryLockClass.testRedisPool, [...pool]],
  );
  return rows.map((r) => ({ redisDb: r.redis_db, run: r.run, backendPid: r.backend_pid, clientAddress: r.client_address }));
}

/** Whether the session `held` still holds `redisDb` (a lost connection took its lock with it). */
async function stillHolds(held: Client, redisDb: number): Promise<boolean> {
  const [row] = (
    await held.query<{ holds: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks
                       WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND granted AND objsubid = 2
                         AND classid = $2::oid AND objid::int = $1::int) AS holds`,
      [redisDb, AdvisoryLockClass.testRedisPool],
    )
  ).rows;
  return row?.holds === true;
}

export type FlushOutcome = 'flushed' | 'held by another run';

/**
 * Empties the run's Redis database only while the run holds it. When the run's lock connection
 * was lost (a test restarted the server), the database is taken again on `fresh` for the flush
 * and let go after; if another run took it meanwhile, its keys are that run's and stay.
 */
export async function flushHeldRedisDatabase(
  held: Client,
  redisUrl: string,
  redisDb: number,
  fresh: () => Promise<Client>,
): Promise<FlushOutcome> {
  const holds = await stillHolds(held, redisDb).catch(() => false);
  if (holds) {
    await flushRedisDatabase(redisUrl, 'test-instance');
    return 'flushed';
  }
  const admin = await fresh();
  try {
    if (!(await tryToTake(admin, redisDb))) return 'held by another run';
    await flushRedisDatabase(redisUrl, 'test-instance');
    return 'flushed';
  } finally {
    await admin.end();
  }
}
