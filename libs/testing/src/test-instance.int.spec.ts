import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createRedisClient } from '@cs/persistence';
import { adminQuery } from './database';
import { TEST_REDIS_DB, closeTestInstance, openTestInstance, topicPrefixOf } from './test-instance';

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

async function topicsUnder(prefix: string): Promise<string[]> {
  return withKafkaAdmin(async (admin) => (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`)));
}

async function createTopic(topic: string): Promise<void> {
  await withKafkaAdmin((admin) => admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }));
}

const serverSeconds = async () => Number((await adminQuery<{ now: string }>('SELECT extract(epoch FROM now())::bigint::text AS now'))[0]!.now);
const somePid = () => 800_000 + Math.floor(Math.random() * 190_000);

describe('the test tiers’ own instance on the real servers', () => {
  it('this run’s suites and the services they start use the run’s database, Kafka namespace and Redis database', async () => {
    const [row] = await adminQuery<{ db: string }>('SELECT current_database() AS db');
    expect(row!.db).toMatch(/^cs_test_\d+_\d+_[0-9a-f]{6}$/);
    expect(process.env['KAFKA_TOPIC_PREFIX']).toBe(topicPrefixOf(row!.db));
    expect(new URL(process.env['REDIS_URL']!).pathname).toBe(`/${TEST_REDIS_DB}`);
  });

  // Redis database 12 stands for the run's own here: opening and closing an instance empties it.
  it('drops a killed run’s leftovers, keeps a living old run’s, and leaves nothing of its own once closed', async () => {
    const dayAgo = (await serverSeconds()) - 24 * 60 * 60;
    // A run killed a day ago: its database, its topics. Another whose tear-down failed half-way: topics, no database.
    const killed = `cs_test_${somePid()}_${dayAgo}_aaaaaa`;
    await adminQuery(`CREATE DATABASE ${killed}`);
    await createTopic(`${topicPrefixOf(killed)}.tickets.events.v1`);
    const orphaned = `test-${somePid()}-${dayAgo}-bbbbbb`;
    await createTopic(`${orphaned}.intake.events.v1`);
    // A run started a day ago that still lives: it holds its lock.
    const living = `cs_test_${somePid()}_${dayAgo}_cccccc`;
    await adminQuery(`CREATE DATABASE ${living}`);
    const livingRun = new Client({ connectionString: servers().databaseAdminUrl });
    await livingRun.connect();
    await livingRun.query('SELECT pg_advisory_lock(hashtext($1))', [living]);
    const otherRedis = new URL(servers().redisUrl);
    otherRedis.pathname = '/12';
    const redis = createRedisClient(otherRedis.toString(), 'test-instance-spec');
    await redis.connect();
    try {
      await redis.set(`left-${randomUUID()}`, '1');

      const instance = await openTestInstance(servers(), { pid: somePid(), redisDb: 12 });
      expect(await databaseExists(killed)).toBe(false);
      expect(await topicsUnder(topicPrefixOf(killed))).toEqual([]);
      expect(await topicsUnder(orphaned)).toEqual([]);
      expect(await databaseExists(living)).toBe(true);
      expect(await redis.dbSize()).toBe(0);
      expect(await databaseExists(instance.database)).toBe(true);
      expect(instance.redisUrl).toBe(otherRedis.toString());

      // What the run's services leave under its names goes with it.
      await createTopic(`${instance.topicPrefix}.intake.events.v1`);
      await redis.set('a-key-of-the-run', '1');
      await closeTestInstance(servers(), instance);
      expect(await databaseExists(instance.database)).toBe(false);
      expect(await topicsUnder(instance.topicPrefix)).toEqual([]);
      expect(await redis.dbSize()).toBe(0);
    } finally {
      await redis.quit();
      await livingRun.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${living}`);
    }
  });

  it('given the run lost its lock’s connection (the server restarted under it), when it closes, then its database still goes', async () => {
    const instance = await openTestInstance(servers(), { redisDb: 12 });
    const [lock] = (await instance.held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    await adminQuery('SELECT pg_terminate_backend($1)', [lock!.pid]);
    await closeTestInstance(servers(), instance);
    expect(await databaseExists(instance.database)).toBe(false);
  });

  it('keeps a recent test database: it may be another run’s', async () => {
    const recent = `cs_test_${somePid()}_${(await serverSeconds()) - 60}_dddddd`;
    await adminQuery(`CREATE DATABASE ${recent}`);
    const instance = await openTestInstance(servers(), { redisDb: 12 });
    try {
      expect(await databaseExists(recent)).toBe(true);
    } finally {
      await closeTestInstance(servers(), instance);
      await adminQuery(`DROP DATABASE ${recent}`);
    }
  });
});
