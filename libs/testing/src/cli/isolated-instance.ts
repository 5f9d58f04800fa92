import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { SERVICE_NAMES } from '@cs/config';
import { TOPICS, deadLetterTopic } from '@cs/contracts';
import { listTopicNames } from '@cs/kafka-admin';
import { quoteIdentifier } from '@cs/persistence';
import { flushRedisDatabase } from '../redis-database';

/**
 * What scripts/fuzz-api.sh needs to run a throwaway copy of the platform next to the real one:
 *
 *   isolated-instance create-database <name>   a new database on the DATABASE_ADMIN_URL server
 *   isolated-instance drop <name>              that database and the Redis database of REDIS_URL
 *   isolated-instance fingerprint              one line summing up the real system's SLA policies,
 *                                              calendars and Kafka offsets, to compare before/after
 *   isolated-instance marked <text>            exits 1, naming the tables, if any row of the real
 *                                              system's service schemas contains the text
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'create-database' && name) return createDatabase(name);
  if (command === 'drop' && name) return drop(name);
  if (command === 'fingerprint') return console.log(JSON.stringify(await fingerprint()));
  if (command === 'marked' && name) return reportMarked(name);
  console.error('usage: isolated-instance create-database <name> | drop <name> | fingerprint | marked <text>');
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
  if (redisUrl) await flushRedisDatabase(redisUrl, 'isolated-instance');
}

/**
 * Rows of the real system that hold `marker`, by table. The fuzzing copy acts as a principal
 * named by its run, which its writes record (owners, actors, audit); on a machine where other
 * clients use the real system too, this tells the copy's writes from theirs.
 */
async function markedRows(marker: string): Promise<Record<string, number>> {
  return withAdmin(async (client) => {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [[...SERVICE_NAMES]],
    );
    const found: Record<string, number> = {};
    for (const { schema, name } of tables) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${quoteIdentifier(schema)}.${quoteIdentifier(name)} t WHERE strpos(t::text, $1) > 0`,
        [marker],
      );
      if (rows[0]!.n > 0) found[`${schema}.${name}`] = rows[0]!.n;
    }
    return found;
  });
}

async function reportMarked(marker: string): Promise<void> {
  const found = await markedRows(marker);
  if (Object.keys(found).length === 0) return;
  console.error(`rows of the real system written by ${marker}: ${JSON.stringify(found)}`);
  process.exit(1);
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
    const existing = new Set(await listTopicNames(admin));
    const topics = [...Object.values(TOPICS), ...SERVICE_NAMES.map(deadLetterTopic)].filter((t) => existing.has(t));
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      result[`topic ${topic}`] = ends.map((p) => `${p.partition}:${p.high}`).sort().join(',');
    }
    for (const group of SERVICE_NAMES) {
      const committed = await admin.fetchOffsets({ groupId: group, topics });
      result[`group ${group}`] = committed
        .flatMap(({ topic, partitions }) => partitions.map((p) => `${topic}/${p.partition}:${p.offset}`))
        // The broker lists partitions in no fixed order.
        .sort()
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
