import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createRedisClient, quoteIdentifier } from '@cs/persistence';
import type { Infrastructure } from './infrastructure';

/**
 * The int and e2e tiers' own instance of the platform's state on the shared servers: a database,
 * a Kafka namespace and a Redis database of their own for one run, dropped when it ends. The
 * servers are the ones `scripts/infra.sh` runs for the development system (`scripts/up.sh`) too;
 * without this the suites' services would join that system's consumer groups and write into the
 * database someone is using, and every run's tickets would pile up in it (ADR 0054).
 */
export interface TestInstance {
  /** `cs_test_<pid>_<epoch seconds>`: the run's database, also the key of its other parts. */
  readonly database: string;
  readonly databaseAdminUrl: string;
  /** `test-<pid>-<epoch seconds>`: KAFKA_TOPIC_PREFIX of the run's topics and groups. */
  readonly topicPrefix: string;
  readonly redisUrl: string;
}

/** The Redis database the test tiers use; the fuzzer's copy uses 15 and the benchmark's 14. */
export const TEST_REDIS_DB = 13;

/** A run cannot last this long; a test database older than this was left by a killed run. */
const STALE_AFTER_SECONDS = 6 * 60 * 60;

const NAME = /^cs_test_(\d+)_(\d+)$/;

export interface TestInstanceOptions {
  readonly pid?: number;
  readonly now?: Date;
  readonly redisDb?: number;
}

export function testInstanceNames(
  infra: Pick<Infrastructure, 'databaseAdminUrl' | 'redisUrl'>,
  pid: number,
  epochSeconds: number,
  redisDb = TEST_REDIS_DB,
): TestInstance {
  if (redisDb === 0) throw new Error('refusing Redis database 0, where the platform keeps its own keys');
  const database = `cs_test_${pid}_${epochSeconds}`;
  const admin = new URL(infra.databaseAdminUrl);
  admin.pathname = `/${database}`;
  const redis = new URL(infra.redisUrl);
  redis.pathname = `/${redisDb}`;
  return { database, databaseAdminUrl: admin.toString(), topicPrefix: topicPrefixOf(database), redisUrl: redis.toString() };
}

/** The Kafka namespace of the run a test database belongs to. */
export function topicPrefixOf(database: string): string {
  return database.replace(/^cs_/, '').replace(/_/g, '-');
}

/** Test databases a killed run left: older than any run lasts, with nobody connected. */
export function staleTestDatabases(rows: readonly { name: string; connections: number }[], nowSeconds: number): string[] {
  return rows
    .filter((row) => {
      const match = NAME.exec(row.name);
      return match !== null && row.connections === 0 && nowSeconds - Number(match[2]) > STALE_AFTER_SECONDS;
    })
    .map((row) => row.name);
}

async function withServer<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function flushRedis(redisUrl: string): Promise<void> {
  const redis = createRedisClient(redisUrl, 'test-instance');
  await redis.connect();
  try {
    await redis.flushDb();
  } finally {
    await redis.quit();
  }
}

/**
 * The run's topics and groups, `<prefix>.<name>` as the services' namespace names them (a plain
 * client: @cs/messaging's own tests use this library, so it cannot use theirs).
 */
async function dropKafkaNamespace(kafkaBrokers: string, topicPrefix: string): Promise<void> {
  const head = `${topicPrefix}.`;
  const admin = new Kafka({ brokers: kafkaBrokers.split(','), clientId: 'test-instance', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(head));
    // A group a service still holds (one a failed suite left running) cannot go; its topics still do.
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(head));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** Creates the run's database (empty: each suite provisions what it uses) and empties its Redis database. */
export async function openTestInstance(infra: Infrastructure, options: TestInstanceOptions = {}): Promise<TestInstance> {
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const instance = testInstanceNames(infra, options.pid ?? process.pid, nowSeconds, options.redisDb);
  await withServer(infra.databaseAdminUrl, async (client) => {
    const { rows } = await client.query<{ name: string; connections: number }>(
      `SELECT d.datname AS name, (SELECT count(*)::int FROM pg_stat_activity a WHERE a.datname = d.datname) AS connections
         FROM pg_database d WHERE d.datname LIKE 'cs\\_test\\_%'`,
    );
    for (const stale of staleTestDatabases(rows, nowSeconds)) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(stale)} WITH (FORCE)`);
      await dropKafkaNamespace(infra.kafkaBrokers, topicPrefixOf(stale));
    }
    await client.query(`CREATE DATABASE ${quoteIdentifier(instance.database)}`);
  });
  await flushRedis(instance.redisUrl);
  return instance;
}

/** Drops what openTestInstance made and what the run's services left under its names. */
export async function closeTestInstance(infra: Pick<Infrastructure, 'databaseAdminUrl' | 'kafkaBrokers'>, instance: TestInstance): Promise<void> {
  // FORCE: a service a failed suite did not stop must not keep the database alive.
  await withServer(infra.databaseAdminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(instance.database)} WITH (FORCE)`));
  await dropKafkaNamespace(infra.kafkaBrokers, instance.topicPrefix);
  await flushRedis(instance.redisUrl);
}
