import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { adminUrl } from './database';
import { RedisPoolExhaustedError, takeRedisDatabase } from './test-redis-pool';
import { runDatabaseOf } from './worker-databases';

/**
 * Numbers outside every pool of the machine (ADR 0054), drawn for this run, so two checkouts
 * running this suite at once do not take each other's: only their locks are taken here, no Redis
 * database is touched.
 */
const first = randomInt(1_000, 1_000_000_000);
const POOL = [first, first + 1];
const sessions: Client[] = [];

async function session(database: 'worker' | 'run'): Promise<Client> {
  const url = new URL(adminUrl());
  if (database === 'run') url.pathname = `/${runDatabaseOf(decodeURIComponent(url.pathname.slice(1)))}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  sessions.push(client);
  return client;
}

afterAll(async () => {
  await Promise.all(sessions.map((client) => client.end()));
});

describe('the test runs’ pool of Redis databases', () => {
  it('counts a database as held whichever database of the server its run took the lock in', async () => {
    // The worker database of this int worker and its run's: two admin databases, as a run of the
    // instance suite and a real run have.
    const worker = await session('worker');
    const run = await session('run');
    expect((await worker.query('SELECT current_database() AS db')).rows).not.toEqual((await run.query('SELECT current_database() AS db')).rows);
    expect(await takeRedisDatabase(worker, 'first-run', [POOL[0]!])).toBe(POOL[0]);
    const refused = await takeRedisDatabase(run, 'second-run', [POOL[0]!]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RedisPoolExhaustedError);
    expect((refused as RedisPoolExhaustedError).holders.map((holder) => holder.run)).toEqual(['first-run']);
    // It goes on to the next free one, and lets go of the one it could not keep.
    expect(await takeRedisDatabase(run, 'second-run', POOL)).toBe(POOL[1]);
    const { rows } = await run.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory' AND objsubid = 2 AND objid::int = $1`,
      [POOL[0]],
    );
    expect(rows[0]!.n).toBe(0);
  });
});
