import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';
import { runMigrations } from './data-source';
import { sqlMigration } from './sql-migration';
import { transactionGate } from './transaction-gate';

/**
 * The libraries' advisory locks each have a class of their own (ADR 0108): a lock of another
 * family, or a service's one-number lock whose name hashes alike, holds none of them up.
 */
describe('the advisory locks of the platform’s libraries', () => {
  const schema = `advisory_${randomUUID().slice(0, 8)}`;
  let admin: DataSource;
  let other: QueryRunner;

  beforeAll(async () => {
    admin = await testDataSource({ schema, poolSize: 4 }).initialize();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });

  beforeEach(() => {
    other = admin.createQueryRunner();
  });

  afterEach(async () => {
    if (other.isTransactionActive) await other.rollbackTransaction();
    await other.release();
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.destroy();
  });

  /** Whether a statement like `pattern` of this schema's test waits for a lock now. */
  const waits = async (pattern: string): Promise<boolean> =>
    ((await admin.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE $1", [pattern])) as unknown[]).length > 0;

  /** Whether such a statement comes to wait within five seconds. */
  const waitsSoon = async (pattern: string): Promise<boolean> => {
    for (let tries = 0; tries < 250; tries += 1) {
      if (await waits(pattern)) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  };

  const settled = async (work: Promise<unknown>, withinMs: number): Promise<boolean> =>
    Promise.race([work.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), withinMs).unref())]);

  it('given a session holding the one-number lock the migration lock’s name hashes to, then migrations run without waiting for it', async () => {
    // Given another session holding hashtext('schema_migrations:<schema>'), as a colliding lock would
    await other.connect();
    await other.query('SELECT pg_advisory_lock(hashtext($1))', [`schema_migrations:${schema}`]);
    try {
      // When the schema's migrations run
      const migrations = [sqlMigration('MakesATable1799100000000', { up: ['CREATE TABLE made (id int PRIMARY KEY)'], down: ['DROP TABLE made'] })];
      const migrated = runMigrations(testDataSource({ schema, migrations, poolSize: 1 }));
      migrated.catch(() => undefined);

      // Then they are applied while it holds on
      expect(await settled(migrated, 10_000)).toBe(true);
      expect(await migrated).toEqual(['MakesATable1799100000000']);
    } finally {
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [`schema_migrations:${schema}`]);
    }
  });

  it('given a writer of the previous release holding a gate shared by its one-number key, then this release’s alone waits for it', async () => {
    const name = `${schema}.copies`;
    const gate = transactionGate(name);
    // Given a transaction of the previous release inside the gate, shared, by hashtext(name) alone
    await other.connect();
    await other.startTransaction();
    await other.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [name]);

    // When this release's transaction asks for the gate alone
    const alone = admin.transaction((tx) => gate.alone(tx));
    alone.catch(() => undefined);

    // Then it waits until that writer commits
    expect(await waitsSoon(`%pg_advisory_xact_lock(%${name}%`)).toBe(true);
    await other.commitTransaction();
    await alone;
  });

  it('given a transaction of this release inside a gate shared, then another’s alone waits for it', async () => {
    const name = `${schema}.fates`;
    const gate = transactionGate(name);
    await other.connect();
    await other.startTransaction();
    await gate.shared(other);

    const alone = admin.transaction((tx) => gate.alone(tx));
    alone.catch(() => undefined);

    expect(await waitsSoon(`%pg_advisory_xact_lock(%${name}%`)).toBe(true);
    await other.commitTransaction();
    await alone;
  });

  it('given a gate held by hold(tx, false), then another hold(tx, false) passes and a hold(tx, true) waits for it', async () => {
    const name = `${schema}.holds`;
    const gate = transactionGate(name);
    await other.connect();
    await other.startTransaction();
    await gate.hold(other, false);

    await admin.transaction((tx) => gate.hold(tx, false));
    const alone = admin.transaction((tx) => gate.hold(tx, true));
    alone.catch(() => undefined);

    expect(await waitsSoon(`%pg_advisory_xact_lock(%${name}%`)).toBe(true);
    await other.commitTransaction();
    await alone;
  });
});
