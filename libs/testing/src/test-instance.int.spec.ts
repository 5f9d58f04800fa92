import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { createRedisClient } from '@cs/persistence';
import { adminQuery } from './database';
import { TEST_REDIS_DB, closeTestInstance, openTestInstance, topicPrefixOf } from './test-instance';

const brokers = () => process.env['KAFKA_BROKERS']!;

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

describe('the test tiers’ own instance on the real servers', () => {
  it('this run’s suites and the services they start use the run’s database, Kafka namespace and Redis database', async () => {
    const [row] = await adminQuery<{ db: string }>('SELECT current_database() AS db');
    expect(row!.db).toMatch(/^cs_test_\d+_\d+$/);
    expect(process.env['KAFKA_TOPIC_PREFIX']).toBe(topicPrefixOf(row!.db));
    expect(new URL(process.env['REDIS_URL']!).pathname).toBe(`/${TEST_REDIS_DB}`);
  });

  it('opens a database of its own, drops a killed run’s leftovers, and leaves nothing once closed', async () => {
    const servers = { databaseAdminUrl: process.env['DATABASE_ADMIN_URL']!, kafkaBrokers: brokers(), redisUrl: process.env['REDIS_URL']!, origin: 'environment' as const };
    // A run killed a day ago: its database, its topics, a key in its Redis database.
    const pid = 900_000 + Math.floor(Math.random() * 90_000);
    const dayAgo = Math.floor(Date.now() / 1000) - 24 * 60 * 60;
    const leftover = `cs_test_${pid}_${dayAgo}`;
    await adminQuery(`CREATE DATABASE ${leftover}`);
    const leftoverTopic = `${topicPrefixOf(leftover)}.tickets.events.v1`;
    await createTopic(leftoverTopic);
    const otherRedis = new URL(servers.redisUrl);
    otherRedis.pathname = '/12';
    const redis = createRedisClient(otherRedis.toString(), 'test-instance-spec');
    await redis.connect();
    try {
      await redis.set(`left-${randomUUID()}`, '1');

      const instance = await openTestInstance(servers, { pid: pid + 1, redisDb: 12 });
      expect(await databaseExists(leftover)).toBe(false);
      expect(await topicsUnder(topicPrefixOf(leftover))).toEqual([]);
      expect(await redis.dbSize()).toBe(0);
      expect(await databaseExists(instance.database)).toBe(true);
      expect(instance.redisUrl).toBe(otherRedis.toString());

      // What the run's services leave under its names goes with it.
      await createTopic(`${instance.topicPrefix}.intake.events.v1`);
      await redis.set('a-key-of-the-run', '1');
      await closeTestInstance(servers, instance);
      expect(await databaseExists(instance.database)).toBe(false);
      expect(await topicsUnder(instance.topicPrefix)).toEqual([]);
      expect(await redis.dbSize()).toBe(0);
    } finally {
      await redis.quit();
    }
  });

  it('keeps a recent test database: it may be another run’s', async () => {
    const servers = { databaseAdminUrl: process.env['DATABASE_ADMIN_URL']!, kafkaBrokers: brokers(), redisUrl: process.env['REDIS_URL']!, origin: 'environment' as const };
    const recent = `cs_test_${800_000 + Math.floor(Math.random() * 90_000)}_${Math.floor(Date.now() / 1000) - 60}`;
    await adminQuery(`CREATE DATABASE ${recent}`);
    const instance = await openTestInstance(servers, { pid: 1, redisDb: 12 });
    try {
      expect(await databaseExists(recent)).toBe(true);
    } finally {
      await closeTestInstance(servers, instance);
      await adminQuery(`DROP DATABASE ${recent}`);
    }
  });
});
