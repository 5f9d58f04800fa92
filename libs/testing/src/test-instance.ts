import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { deleteTopicsAndGroups, listTopicNames } from '@cs/kafka-admin';
import { quoteIdentifier } from '@cs/persistence';
import type { Infrastructure } from './infrastructure';
import { flushRedisDatabase } from './redis-database';
import { WORKER_DATABASE_SUFFIX, runDatabaseOf, workerDatabaseName, workerDatabasesLike } from './worker-databases';
import { TEST_REDIS_POOL, flushHeldRedisDatabase, retakeRedisDatabase, takeRedisDatabase } from './test-redis-pool';

/**
 * The int and e2e tiers' own instance of the platform's state on the shared servers: a database,
 * a Kafka namespace and a Redis database of their own for one run, dropped when it ends. The
 * servers are the ones `scripts/infra.sh` runs for the development system (`scripts/up.sh`) too;
 * without this the suites' services would join that system's consumer groups and write into the
 * database someone is using, and every run's tickets would pile up in it (ADR 0054).
 */
export interface TestInstance {
  /** `cs_test_<pid>_<epoch seconds>_<6 hex>`: the run's database, also the key of its other parts. */
  readonly database: string;
  readonly databaseAdminUrl: string;
  /** `test-<pid>-<epoch seconds>-<6 hex>`: KAFKA_TOPIC_PREFIX of the run's topics and groups. */
  readonly topicPrefix: string;
  readonly redisUrl: string;
}

/** A run's instance while the run lives: `held` keeps the run's locks, its own and its Redis database's (see {@link openTestInstance}). */
export interface OpenTestInstance extends TestInstance {
  /** The run's lock connection: a new one once the server ended the one before (see {@link RunLockConnection}). */
  readonly held: Client;
  /** The database of the pool in `redisUrl`, which the run holds. */
  readonly redisDb: number;
  readonly lock: RunLockConnection;
}

/** A run cannot last this long; a test database older than this whose run's lock is free was left by a killed run. */
const STALE_AFTER_SECONDS = 6 * 60 * 60;

const DATABASE_NAME = new RegExp(`^cs_test_(\\d+)_(\\d+)_([0-9a-f]{6})(?:${WORKER_DATABASE_SUFFIX})?$`);
// A run's own names (`<prefix>.`), its e2e workers' (`<prefix>-w<n>.`, ADR 0182) and its suites' namespaces for a service (`<prefix>-<hex>.`, runServiceKafkaNamespace).
const TOPIC_OF_A_RUN = /^(test-\d+-(\d+)-[0-9a-f]{6})[.-]/;

export interface TestInstanceOptions {
  readonly pid?: number;
  /** The Redis databases the instance may take, the first free one (by default the test runs' pool). */
  readonly redisPool?: readonly number[];
  /** How many jest workers the run has, each given a database of its own ({@link workerDatabaseName}); none by default. */
  readonly workers?: number;
}

const testDatabaseName = (pid: number, epochSeconds: number, tag: string): string => `cs_test_${pid}_${epochSeconds}_${tag}`;

export function testInstanceNames(
  infra: Pick<Infrastructure, 'databaseAdminUrl' | 'redisUrl'>,
  pid: number,
  epochSeconds: number,
  tag: string,
  redisDb: number,
): TestInstance {
  if (redisDb === 0) throw new Error('refusing Redis database 0, where the platform keeps its own keys');
  const database = testDatabaseName(pid, epochSeconds, tag);
  const admin = new URL(infra.databaseAdminUrl);
  admin.pathname = `/${database}`;
  const redis = new URL(infra.redisUrl);
  redis.pathname = `/${redisDb}`;
  return { database, databaseAdminUrl: admin.toString(), topicPrefix: topicPrefixOf(database), redisUrl: redis.toString() };
}

/** The Kafka namespace of the run a test database belongs to. */
export function topicPrefixOf(database: string): string {
  return runDatabaseOf(database).replace(/^cs_/, '').replace(/_/g, '-');
}


/** Test databases older than any run lasts: left by a killed run, unless the run's lock says it still lives. */
export function oldTestDatabases(names: readonly string[], nowSeconds: number): string[] {
  return names.filter((name) => {
    const match = DATABASE_NAME.exec(name);
    return match !== null && nowSeconds - Number(match[2]) > STALE_AFTER_SECONDS;
  });
}

/** Kafka namespaces of runs older than any run lasts whose database is gone (a tear-down that failed half-way). */
export function orphanedTestNamespaces(topics: readonly string[], databases: readonly string[], nowSeconds: number): string[] {
  const living = new Set(databases.map(topicPrefixOf));
  const prefixes = new Set<string>();
  for (const topic of topics) {
    const match = TOPIC_OF_A_RUN.exec(topic);
    if (match && !living.has(match[1]!) && nowSeconds - Number(match[2]) > STALE_AFTER_SECONDS) prefixes.add(match[1]!);
  }
  return [...prefixes];
}

/**
 * Whether a topic or group is the run's: under its prefix (`<prefix>.<name>`, a suite's namespace
 * `<prefix>.<suite>.<name>` included), an e2e worker's (`<prefix>-w<n>.<name>`) or a suite's namespace
 * for a service (`<prefix>-<hex>.<name>`).
 * A run's prefix ends in its six hex digits, so no other run's names start with `<prefix>-`.
 */
export function isUnderRunPrefix(name: string, topicPrefix: string): boolean {
  return name.startsWith(`${topicPrefix}.`) || name.startsWith(`${topicPrefix}-`);
}

/** The session lock a run holds on the admin database while it lives. */
const RUN_LOCK = 'hashtext($1)';

/**
 * Whether a session other than this one holds the run's lock, in whichever database of the server.
 * An advisory lock is its database's own, and a run takes its lock on the admin database it was
 * given: a real run on the servers' (`cs`), an instance the instance suite opens on that suite's
 * worker database (ADR 0173). Tried on the clean-up's own database alone, a living real run's lock
 * read as free from that suite's worker database (ADR 0054); `pg_locks` lists every database's.
 * A bigint key is held as its high and low 32 bits (`classid`, `objid`), `objsubid` 1.
 */
async function runLockHeldElsewhere(admin: Client, run: string): Promise<boolean> {
  const [row] = (
    await admin.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks
                       WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid <> pg_backend_pid()
                         AND classid::bigint = (${RUN_LOCK}::bigint >> 32) & 4294967295
                         AND objid::bigint = ${RUN_LOCK}::bigint & 4294967295) AS held`,
      [run],
    )
  ).rows;
  return row?.held === true;
}

/** How soon a run whose lock connection the server ended connects again, while the server restarts. */
const RECONNECT_AFTER_MS = 250;

/**
 * The run's lock connection. When the server ends it (an outage test restarts Postgres) the run
 * connects again as soon as the server answers and takes its locks again, its own and its Redis
 * database's, so that for the rest of the run no run starting beside it takes that database and
 * empties it (ADR 0054). Only a run started while the server was back and this one not yet
 * reconnected can have taken it meanwhile: the database is then shared, and said so.
 */
export class RunLockConnection {
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private reconnecting: Promise<void> | undefined;

  constructor(
    private current: Client,
    private readonly adminUrl: string,
    private readonly run: string,
    private readonly redisDb: number,
  ) {
    this.watch(current);
  }

  get client(): Client {
    return this.current;
  }

  /** No more reconnecting; a reconnection under way is finished first, so the close finds the locks where they are. */
  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.reconnecting;
  }

  // The lock only marks the run as living; a connection lost must not stop the run (an idle
  // client's error event with no listener would end the process).
  private watch(client: Client): void {
    let lost = false;
    client.on('error', (error) => {
      if (lost || client !== this.current) return;
      lost = true;
      warn(`the run's lock connection failed: ${error.message}`);
      this.reconnectSoon();
    });
  }

  private reconnectSoon(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reconnecting = this.reconnect().finally(() => {
        this.reconnecting = undefined;
      });
    }, RECONNECT_AFTER_MS);
    // A server that does not come back must not keep the run's process alive.
    this.timer.unref();
  }

  private async reconnect(): Promise<void> {
    // Bounded: a server that accepts and never answers must not hold the run's close up.
    const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(`SELECT set_config('application_name', $1, false)`, [this.run]);
      await client.query(`SELECT pg_try_advisory_lock(${RUN_LOCK})`, [this.run]);
      const taken = await retakeRedisDatabase(client, this.redisDb, this.run);
      if (taken === 'ours still') {
        // The session the server ended has not let go of it yet.
        await client.end();
        this.reconnectSoon();
        return;
      }
      if (this.closed) {
        await client.end();
        return;
      }
      this.current = client;
      this.watch(client);
      warn(
        taken === 'taken'
          ? `${this.run}: connected again; holds Redis database ${this.redisDb} again`
          : `${this.run}: connected again, but another run took Redis database ${this.redisDb} meanwhile: the two runs share it`,
      );
    } catch {
      await client.end().catch(() => undefined);
      this.reconnectSoon();
    }
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function withKafkaAdmin<T>(kafkaBrokers: string, work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers: kafkaBrokers.split(','), clientId: 'test-instance', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The run's topics and groups, `<prefix>.<name>` as the services' namespace names them, and its
 * suites' namespaces ({@link isUnderRunPrefix}); a plain client: @cs/messaging's own tests use this
 * library, so it cannot use theirs.
 */
async function dropKafkaNamespace(kafkaBrokers: string, topicPrefix: string): Promise<void> {
  const ofTheRun = (name: string) => isUnderRunPrefix(name, topicPrefix);
  await withKafkaAdmin(kafkaBrokers, (admin) => deleteTopicsAndGroups(admin, ofTheRun, { leaveHeldGroups: true }));
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** To the jest run's own output: what was left behind, for a person to see. */
function warn(message: string): void {
  process.stderr.write(`test instance: ${message}\n`);
}

/** Cleaning up after killed runs never stops this one: what cannot go now goes next time. */
async function bestEffort(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    warn(`could not ${what}: ${messageOf(error)}`);
  }
}

/** Drops what killed runs left: their databases (when their run's lock is free) and namespaces. */
async function dropLeftovers(admin: Client, kafkaBrokers: string, nowSeconds: number): Promise<void> {
  const { rows } = await admin.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname LIKE 'cs\\_test\\_%'`);
  const databases = rows.map((r) => r.name);
  // A worker's database lives as long as its run: the run's lock says whether it still does, and
  // the run's databases and then its namespace go together, once. Taken here too, so that a second
  // clean-up on this database leaves the run to this one.
  for (const run of new Set(oldTestDatabases(databases, nowSeconds).map(runDatabaseOf))) {
    await bestEffort(`drop ${run} and its workers' databases`, async () => {
      const [free] = (await admin.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${RUN_LOCK}) AS free`, [run])).rows;
      if (!free?.free) return;
      try {
        if (await runLockHeldElsewhere(admin, run)) return;
        await dropRunDatabases(admin, run);
        await dropKafkaNamespace(kafkaBrokers, topicPrefixOf(run));
      } finally {
        await admin.query(`SELECT pg_advisory_unlock(${RUN_LOCK})`, [run]);
      }
    });
  }
  await bestEffort('drop orphaned Kafka namespaces', async () => {
    const topics = await withKafkaAdmin(kafkaBrokers, (kafka) => listTopicNames(kafka));
    for (const prefix of orphanedTestNamespaces(topics, databases, nowSeconds)) await dropKafkaNamespace(kafkaBrokers, prefix);
  });
}

/**
 * Creates the run's database (empty: each suite provisions what it uses) and takes and empties a
 * Redis database of the pool, after dropping what killed runs left. The run holds a session lock
 * named by its database on the admin database until {@link closeTestInstance}, which is how a
 * later run tells a killed run's database from a living one's, and on the same session the lock
 * of its Redis database, which no other run then takes or empties; names and ages come from the
 * database server's clock, so machines sharing the servers agree on them. A full pool fails the
 * run at once, naming the runs holding it (RedisPoolExhaustedError).
 */
export async function openTestInstance(infra: Infrastructure, options: TestInstanceOptions = {}): Promise<OpenTestInstance> {
  const held = await connect(infra.databaseAdminUrl);
  // Until the run holds what it reconnects for, a connection lost only fails the set-up.
  const untilHeld = (error: Error) => warn(`the run's lock connection failed: ${error.message}`);
  held.on('error', untilHeld);
  try {
    const [clock] = (await held.query<{ now: string }>('SELECT extract(epoch FROM now())::bigint::text AS now')).rows;
    const nowSeconds = Number(clock!.now);
    await dropLeftovers(held, infra.kafkaBrokers, nowSeconds);
    const pid = options.pid ?? process.pid;
    const tag = randomBytes(3).toString('hex');
    const redisDb = await takeRedisDatabase(held, testDatabaseName(pid, nowSeconds, tag), options.redisPool ?? TEST_REDIS_POOL);
    const instance = testInstanceNames(infra, pid, nowSeconds, tag, redisDb);
    await held.query(`SELECT pg_advisory_lock(${RUN_LOCK})`, [instance.database]);
    await held.query(`CREATE DATABASE ${quoteIdentifier(instance.database)}`);
    try {
      for (let worker = 1; worker <= (options.workers ?? 0); worker += 1) {
        await held.query(`CREATE DATABASE ${quoteIdentifier(workerDatabaseName(instance.database, worker))}`);
      }
      await flushRedisDatabase(instance.redisUrl, 'test-instance');
    } catch (error) {
      await dropRunDatabases(held, instance.database);
      throw error;
    }
    held.off('error', untilHeld);
    const lock = new RunLockConnection(held, infra.databaseAdminUrl, instance.database, redisDb);
    return {
      ...instance,
      redisDb,
      lock,
      get held() {
        return lock.client;
      },
    };
  } catch (error) {
    await held.end();
    throw error;
  }
}

/**
 * Drops what openTestInstance made and what the run's services left under its names, each part
 * whatever became of the others, and releases the run's locks. A part that cannot go is reported
 * and left to the next run's clean-up; the Redis database is emptied only while the run holds it.
 */
export async function closeTestInstance(infra: Pick<Infrastructure, 'kafkaBrokers' | 'databaseAdminUrl'>, instance: OpenTestInstance): Promise<void> {
  await instance.lock.stop();
  const parts = await Promise.allSettled([
    dropDatabase(infra.databaseAdminUrl, instance),
    dropKafkaNamespace(infra.kafkaBrokers, instance.topicPrefix),
    flushRunsRedis(infra.databaseAdminUrl, instance),
  ]);
  await instance.held.end().catch(() => undefined);
  for (const part of parts) {
    if (part.status === 'rejected') warn(`${instance.database}: ${messageOf(part.reason)}`);
  }
}

async function flushRunsRedis(adminUrl: string, instance: OpenTestInstance): Promise<void> {
  const outcome = await flushHeldRedisDatabase(instance.held, instance.redisUrl, instance.redisDb, () => connect(adminUrl));
  if (outcome === 'held by another run') warn(`${instance.database}: Redis database ${instance.redisDb} left as it is: another run took it after this run's lock connection was lost`);
}

/**
 * The run's database, dropped on the lock's connection, or on a new one when that connection was
 * lost (a test restarted the server): the run still cleans up after itself.
 */
async function dropDatabase(adminUrl: string, instance: OpenTestInstance): Promise<void> {
  try {
    await dropRunDatabases(instance.held, instance.database);
  } catch {
    const fresh = await connect(adminUrl);
    try {
      await dropRunDatabases(fresh, instance.database);
    } finally {
      await fresh.end();
    }
  }
}

/** A run's database and its workers' ({@link workerDatabaseName}), as many as there are. */
async function dropRunDatabases(admin: Client, runDatabase: string): Promise<void> {
  const { rows } = await admin.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
    runDatabase,
    workerDatabasesLike(runDatabase),
  ]);
  // FORCE: a service a failed suite did not stop must not keep a database alive.
  for (const { name } of rows) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}
