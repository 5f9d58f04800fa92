import { Client } from 'pg';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { SERVICE_NAMES } from '@cs/config';
import { TOPICS, deadLetterTopic } from '@cs/contracts';
import { quoteIdentifier } from '@cs/persistence';

/**
 * What scripts/fuzz-api.sh needs to run a throwaway copy of the platform next to the real one:
 *
 *   isolated-instance create-database <name>   a new database on the DATABASE_ADMIN_URL server
 *   isolated-instance drop <name>              that database and the Redis database of REDIS_URL
 *   isolated-instance fingerprint              one line summing up the real system's SLA policies,
 *                                              calendars and Kafka offsets, to compare before/after
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'create-database' && name) return createDatabase(name);
  if (command === 'drop' && name) return drop(name);
  if (command === 'fingerprint') return console.log(JSON.stringify(await fingerprint()));
  console.error('usage: isolated-instance create-database <name> | drop <name> | fingerprint');
  process.exit(2);
}

function adminUrl(): string {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is required');
  return url;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The database the admin URL names is the one the real system lives in; it is never dropped here. */
function refuseRealDatabase(name: string): void {
  if (new URL(adminUrl()).pathname.slice(1) === name) throw new Error(`refusing to touch ${name}: it is the admin URL's own database`);
}

async function createDatabase(name: string): Promise<void> {
  refuseRealDatabase(name);
  await withAdmin((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
}

async function drop(name: string): Promise<void> {
  refuseRealDatabase(name);
  // FORCE: a service that did not stop in time must not keep the database alive.
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
  const redisUrl = process.env['REDIS_URL'];
  if (redisUrl) {
    const db = Number(new URL(redisUrl).pathname.slice(1) || '0');
    if (db === 0) throw new Error('refusing to flush Redis database 0, where the platform keeps its own keys');
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    await redis.flushdb();
    redis.disconnect();
  }
}

const WATCHED_TABLES = ['tickets.sla_policies', 'tickets.sla_policies_version', 'tickets.business_calendars'] as const;

/**
 * The real system's state that a stray fuzzing request or event would change: its SLA policies
 * and business calendars, and the end offsets of its topics and its groups' committed offsets.
 */
async function fingerprint(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  await withAdmin(async (client) => {
    for (const table of WATCHED_TABLES) {
      const [schema, relation] = table.split('.') as [string, string];
      const exists = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, relation]);
      if (!exists.rowCount) {
        result[table] = 'absent';
        continue;
      }
      const { rows } = await client.query<{ digest: string | null; n: number }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*)::int AS n
           FROM ${quoteIdentifier(schema)}.${quoteIdentifier(relation)} t`,
      );
      result[table] = `${rows[0]!.n} rows ${rows[0]!.digest ?? ''}`;
    }
  });
  // The platform's own names, unprefixed: the messaging lib's client would add the caller's namespace.
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',').map((b) => b.trim());
  const kafka = new Kafka({ brokers, clientId: 'isolated-instance', logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = [...Object.values(TOPICS), ...SERVICE_NAMES.map(deadLetterTopic)].filter((t) => existing.has(t));
    for (const topic of topics) {
      result[`topic ${topic}`] = (await admin.fetchTopicOffsets(topic)).map((p) => `${p.partition}:${p.high}`).join(',');
    }
    for (const group of SERVICE_NAMES) {
      const committed = await admin.fetchOffsets({ groupId: group, topics });
      result[`group ${group}`] = committed
        .flatMap(({ topic, partitions }) => partitions.map((p) => `${topic}/${p.partition}:${p.offset}`))
        .join(',');
    }
  } finally {
    await admin.disconnect();
  }
  return result;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
