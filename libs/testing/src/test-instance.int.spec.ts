import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { listTopicNames } from '@cs/kafka-admin';
import { AdvisoryLockClass, type RedisClient, createRedisClient } from '@cs/persistence';
import { adminQuery } from './database';
import { eventually } from './eventually';
import { type OpenTestInstance, closeTestInstance, isUnderRunPrefix, openTestInstance, topicPrefixOf } from './test-instance';
import { runDatabaseOf, workerDatabaseName } from './worker-databases';
import { INSTANCE_SPEC_REDIS_POOL, RedisPoolExhaustedError, TEST_REDIS_POOL } from './test-redis-pool';

const brokers = () => process.env['KAFKA_BROKERS']!;
const servers = () => ({ databaseAdminUrl: process.env['DATABASE_ADMIN_URL']!, kafkaBrokers: brokers(), redisUrl: process.env['REDIS_URL']!, origin: 'environment' as const });

async function databaseExists(name: string): Promise<boolean> {
  return (await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [name]))[0]!.n === 1;
}

async function withKafkaAdmin<T>(work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers: brokers().split(','), clientId: 'test-instance-spec', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** A run's topics: its own and its suites' namespaces' (`<prefix>.<suite>.…`, `<prefix>-<hex>.…`). */
async function topicsUnder(prefix: string): Promise<string[]> {
  return withKafkaAdmin(async (admin) => (await listTopicNames(admin)).filter((t) => isUnderRunPrefix(t, prefix)));
}

/** Until the brokers list none of a run's topics: their listing shows a deletion a little after it is answered. */
async function noTopicsUnder(prefix: string): Promise<void> {
  await eventually(async () => expect(await topicsUnder(prefix)).toEqual([]), 10_000, 100);
}

/**
 * By the broker's own name, answering once the broker's metadata has it, led: kafkajs's own wait for
 * leaders gives up on a topic the broker does not list yet (ADR 0171).
 */
async function createTopic(topic: string): Promise<void> {
  await withKafkaAdmin(async (admin) => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: false });
    await eventually(async () => expect((await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.map((p) => p.leader >= 0)).toEqual([true]), 30_000, 100);
  });
}

const serverSeconds = async () => Number((await adminQuery<{ now: string }>('SELECT extract(epoch FROM now())::bigint::text AS now'))[0]!.now);
const somePid = () => 800_000 + Math.floor(Math.random() * 190_000);

/** A test database's name of a run started at `epochSeconds`, whose lock key (`hashtext`) has the sign asked. */
async function oldRunWhoseKeyIs(sign: 'negative' | 'positive', epochSeconds: number): Promise<string> {
  for (;;) {
    const name = `cs_test_${somePid()}_${epochSeconds}_eeeeee`;
    const [row] = await adminQuery<{ key: number }>('SELECT hashtext($1) AS key', [name]);
    if (row!.key < 0 === (sign === 'negative')) return name;
  }
}

// The instances this spec opens take their Redis databases from a pool of their own, clear of the
// test runs' (this run's included).
const specPool = { redisPool: INSTANCE_SPEC_REDIS_POOL };
const [firstOfSpecPool] = INSTANCE_SPEC_REDIS_POOL;

function redisUrlOf(db: number): string {
  const url = new URL(servers().redisUrl);
  url.pathname = `/${db}`;
  return url.toString();
}

async function withRedis<T>(db: number, work: (redis: RedisClient) => Promise<T>): Promise<T> {
  const redis = createRedisClient(redisUrlOf(db), 'test-instance-spec');
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    await redis.quit();
  }
}

/** The runs (their sessions' names) holding a Redis database of the pools. */
async function holdersOf(redisDb: number): Promise<string[]> {
  const rows = await adminQuery<{ run: string }>(
    `SELECT a.application_name AS run FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = $1::oid AND l.objid::int = $2::int`,
    [AdvisoryLockClass.testRedisPool, redisDb],
  );
  return rows.map((r) => r.run);
}

/** Closes what a test opened, whatever its assertions did. */
async function closingAll(work: (opened: OpenTestInstance[]) => Promise<void>): Promise<void> {
  const opened: OpenTestInstance[] = [];
  try {
    await work(opened);
  } finally {
    for (const instance of opened) await closeTestInstance(servers(), instance);
  }
}

async function openInto(opened: OpenTestInstance[], redisPool: readonly number[] = INSTANCE_SPEC_REDIS_POOL): Promise<OpenTestInstance> {
  const instance = await openTestInstance(servers(), { redisPool });
  opened.push(instance);
  return instance;
}

describe('the test tiers’ own instance on the real servers', () => {
  it('this run’s suites and the services they start use their worker’s database of the run, and the run’s Kafka namespace and Redis database', async () => {
    const [row] = await adminQuery<{ db: string }>('SELECT current_database() AS db');
    expect(row!.db).toMatch(new RegExp(`^cs_test_\\d+_\\d+_[0-9a-f]{6}_w${process.env['JEST_WORKER_ID']}$`));
    const run = runDatabaseOf(row!.db);
    expect(process.env['KAFKA_TOPIC_PREFIX']).toBe(topicPrefixOf(run));
    const redisDb = Number(new URL(process.env['REDIS_URL']!).pathname.slice(1));
    expect(TEST_REDIS_POOL).toContain(redisDb);
    // Held by the run: its lock's session is named after the run's database.
    const holders = await adminQuery<{ run: string }>(
      `SELECT a.application_name AS run FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = $1::oid AND l.objid::int = $2::int`,
      [AdvisoryLockClass.testRedisPool, redisDb],
    );
    expect(holders).toEqual([{ run }]);
  });

  // The spec pool's first database stands for the run's own here: opening and closing an instance empties it.
  it('drops a killed run’s leftovers, keeps a living old run’s, and leaves nothing of its own once closed', async () => {
    const dayAgo = (await serverSeconds()) - 24 * 60 * 60;
    // A run killed a day ago: its database, its topics. Another whose tear-down failed half-way: topics, no database.
    const killed = `cs_test_${somePid()}_${dayAgo}_aaaaaa`;
    await adminQuery(`CREATE DATABASE ${killed}`);
    await adminQuery(`CREATE DATABASE ${workerDatabaseName(killed, 1)}`);
    await createTopic(`${topicPrefixOf(killed)}.tickets.events.v1`);
    await createTopic(`${topicPrefixOf(killed)}.rebuild-1a2b3c4d.reporting.events.v1`);
    const orphaned = `test-${somePid()}-${dayAgo}-bbbbbb`;
    await createTopic(`${orphaned}.intake.events.v1`);
    // Known by a suite's namespace for a service alone.
    const orphanedBySuite = `test-${somePid()}-${dayAgo}-dddddd`;
    await createTopic(`${orphanedBySuite}-0a1b2c3d.tickets.events.v1`);
    // A run started a day ago that still lives: it holds its lock.
    const living = `cs_test_${somePid()}_${dayAgo}_cccccc`;
    await adminQuery(`CREATE DATABASE ${living}`);
    await adminQuery(`CREATE DATABASE ${workerDatabaseName(living, 2)}`);
    const livingRun = new Client({ connectionString: servers().databaseAdminUrl });
    await livingRun.connect();
    await livingRun.query('SELECT pg_advisory_lock(hashtext($1))', [living]);
    const redis = createRedisClient(redisUrlOf(firstOfSpecPool!), 'test-instance-spec');
    await redis.connect();
    try {
      await redis.set(`left-${randomUUID()}`, '1');

      const instance = await openTestInstance(servers(), { pid: somePid(), redisPool: [firstOfSpecPool!], workers: 2 });
      expect(await databaseExists(killed)).toBe(false);
      expect(await databaseExists(workerDatabaseName(killed, 1))).toBe(false);
      await noTopicsUnder(topicPrefixOf(killed));
      await noTopicsUnder(orphaned);
      await noTopicsUnder(orphanedBySuite);
      expect(await databaseExists(living)).toBe(true);
      expect(await databaseExists(workerDatabaseName(living, 2))).toBe(true);
      expect(await redis.dbSize()).toBe(0);
      expect(await databaseExists(instance.database)).toBe(true);
      expect([await databaseExists(workerDatabaseName(instance.database, 1)), await databaseExists(workerDatabaseName(instance.database, 2))]).toEqual([true, true]);
      expect(instance.redisUrl).toBe(redisUrlOf(firstOfSpecPool!));

      // What the run's services and suites leave under its names goes with it, a suite's clean-up having failed.
      await createTopic(`${instance.topicPrefix}.intake.events.v1`);
      await createTopic(`${instance.topicPrefix}.rebuild-1a2b3c4d.reporting.events.v1`);
      await createTopic(`${instance.topicPrefix}-0a1b2c3d.reporting.events.v1`);
      await redis.set('a-key-of-the-run', '1');
      await closeTestInstance(servers(), instance);
      expect(await databaseExists(instance.database)).toBe(false);
      expect([await databaseExists(workerDatabaseName(instance.database, 1)), await databaseExists(workerDatabaseName(instance.database, 2))]).toEqual([false, false]);
      await noTopicsUnder(instance.topicPrefix);
      expect(await redis.dbSize()).toBe(0);
    } finally {
      await redis.quit();
      await livingRun.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${living}`);
      await adminQuery(`DROP DATABASE IF EXISTS ${workerDatabaseName(living, 2)}`);
    }
  });

  it('keeps living old runs whose locks are on another database than the one it cleans up from: a real run’s, on the servers’ admin database, seen from this suite’s worker database', async () => {
    const dayAgo = (await serverSeconds()) - 24 * 60 * 60;
    // One lock key of each sign: a negative key's high 32 bits are all ones.
    const living = [await oldRunWhoseKeyIs('negative', dayAgo), await oldRunWhoseKeyIs('positive', dayAgo)];
    for (const name of living) await adminQuery(`CREATE DATABASE ${name}`);
    // Here the run's own database stands for the servers' admin database (`cs`), where real runs take their locks.
    const elsewhere = new URL(servers().databaseAdminUrl);
    elsewhere.pathname = `/${runDatabaseOf(decodeURIComponent(elsewhere.pathname.slice(1)))}`;
    const livingRuns = new Client({ connectionString: elsewhere.toString() });
    await livingRuns.connect();
    try {
      for (const name of living) await livingRuns.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      const instance = await openTestInstance(servers(), specPool);
      await closeTestInstance(servers(), instance);
      expect(await Promise.all(living.map(databaseExists))).toEqual([true, true]);
    } finally {
      await livingRuns.end();
      for (const name of living) await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    }
  });

  it('given the run lost its lock’s connection (the server restarted under it), when it closes, then its database still goes', async () => {
    const instance = await openTestInstance(servers(), specPool);
    const [lock] = (await instance.held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    await adminQuery('SELECT pg_terminate_backend($1)', [lock!.pid]);
    await closeTestInstance(servers(), instance);
    expect(await databaseExists(instance.database)).toBe(false);
  });

  it('keeps a recent test database: it may be another run’s', async () => {
    const recent = `cs_test_${somePid()}_${(await serverSeconds()) - 60}_dddddd`;
    await adminQuery(`CREATE DATABASE ${recent}`);
    const instance = await openTestInstance(servers(), specPool);
    try {
      expect(await databaseExists(recent)).toBe(true);
    } finally {
      await closeTestInstance(servers(), instance);
      await adminQuery(`DROP DATABASE ${recent}`);
    }
  });

  it('given two instances opened at once, each takes a Redis database of its own from the pool', async () => {
    await closingAll(async (opened) => {
      const [a, b] = await Promise.all([openInto(opened), openInto(opened)]);
      expect(a!.redisDb).not.toBe(b!.redisDb);
      expect(INSTANCE_SPEC_REDIS_POOL).toEqual(expect.arrayContaining([a!.redisDb, b!.redisDb]));
      expect(a!.redisUrl).toBe(redisUrlOf(a!.redisDb));
      expect(b!.redisUrl).toBe(redisUrlOf(b!.redisDb));
    });
  });

  it('given a run holds a Redis database, another instance opening and closing beside it never empties it', async () => {
    await closingAll(async (opened) => {
      const holder = await openInto(opened);
      await withRedis(holder.redisDb, async (redis) => {
        await redis.set('an-idempotency-record-of-the-holder', '1');
        const beside = await openTestInstance(servers(), specPool);
        await closeTestInstance(servers(), beside);
        expect(beside.redisDb).not.toBe(holder.redisDb);
        expect(await redis.get('an-idempotency-record-of-the-holder')).toBe('1');
      });
    });
  });

  it('given the run holding a Redis database was killed, the next instance takes it again, and the killed run’s close leaves it alone', async () => {
    await closingAll(async (opened) => {
      const killed = await openTestInstance(servers(), specPool);
      // Killed: its process gone, its session ends, and its locks with it (no connection left to take them again).
      await killed.held.end();

      const next = await openInto(opened, [killed.redisDb]);
      expect(next.redisDb).toBe(killed.redisDb);
      await withRedis(next.redisDb, async (redis) => {
        await redis.set('a-key-of-the-next-run', '1');
        // What a killed run's tear-down would do, had it lived to run it: its Redis database is now another's.
        await closeTestInstance(servers(), killed);
        expect(await redis.get('a-key-of-the-next-run')).toBe('1');
      });
    });
  });

  it('given the run lost its lock’s connection (the server restarted under it), once the server answers it holds its Redis database again: an instance opening beside it neither takes nor empties it', async () => {
    await closingAll(async (opened) => {
      const run = await openInto(opened, [firstOfSpecPool!]);
      await withRedis(run.redisDb, async (redis) => {
        await redis.set('an-idempotency-record-of-the-run', '1');
        const [lock] = (await run.held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
        await adminQuery('SELECT pg_terminate_backend($1)', [lock!.pid]);

        await eventually(async () => expect(await holdersOf(run.redisDb)).toEqual([run.database]), 20_000, 100);
        const beside = await openTestInstance(servers(), { redisPool: [run.redisDb] }).then(
          (instance) => {
            opened.push(instance);
            return undefined;
          },
          (error: unknown) => error,
        );
        expect(beside).toBeInstanceOf(RedisPoolExhaustedError);
        expect(await redis.get('an-idempotency-record-of-the-run')).toBe('1');
      });
      // Its close, on the new connection, still empties it and drops its database.
      await closeTestInstance(servers(), run);
      opened.splice(opened.indexOf(run), 1);
      expect(await databaseExists(run.database)).toBe(false);
      expect(await withRedis(run.redisDb, (redis) => redis.dbSize())).toBe(0);
      expect(await holdersOf(run.redisDb)).toEqual([]);
    });
  });

  it('given every database of the pool is held, a run fails at once naming each holder', async () => {
    await closingAll(async (opened) => {
      for (let i = 0; i < INSTANCE_SPEC_REDIS_POOL.length; i++) await openInto(opened);
      const refused = await openTestInstance(servers(), specPool).then(
        (instance) => {
          opened.push(instance);
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(RedisPoolExhaustedError);
      for (const holder of opened) expect((refused as Error).message).toContain(`${holder.redisDb} by ${holder.database}`);
    });
  });
});
