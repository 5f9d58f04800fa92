import { randomUUID } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';
import { runMigrations } from './data-source';
import { LockWaitAllowance, MigrationLockWaits, timingOutLockWaitsOfTransactions } from './migration-lock-waits';
import { onlineMigration } from './online-migration';
import { sqlMigration } from './sql-migration';

const FIRST = 'MadeOnce1799000000000';
const ALTER = 'AddsAColumn1799000000001';
const ONLINE = 'BuildsOnline1799000000002';

/** Short waits, so a test sees several attempts; many of them, so the migration outlasts the test's steps. */
const PATIENT: MigrationLockWaits = { timeoutMs: 300, attempts: 1_000, retryAfterMs: 50, budgetMs: 600_000 };

describe('a migration that meets a lock it cannot have at once', () => {
  let schema: string;
  let admin: DataSource;
  let blocker: QueryRunner;
  let other: QueryRunner;

  beforeEach(async () => {
    schema = `locks_${randomUUID().slice(0, 8)}`;
    admin = await testDataSource({ schema, poolSize: 4 }).initialize();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query('CREATE TABLE items (id serial PRIMARY KEY, x int NOT NULL)');
    await admin.query('INSERT INTO items (x) SELECT g % 100 FROM generate_series(1, 2000) g');
    blocker = admin.createQueryRunner();
    other = admin.createQueryRunner();
  });

  afterEach(async () => {
    // An open transaction would hold the migration and the schema's drop.
    for (const runner of [other, blocker]) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.destroy();
  });

  const applicationName = () => `migrate-${schema}`;

  /** Runs the given migrations on a data source of their own, named so the test can watch it. */
  const migrate = (migrations: (new () => MigrationInterface)[], lockWaits: MigrationLockWaits): Promise<string[]> => {
    const migrated = runMigrations(testDataSource({ schema, migrations, poolSize: 1, applicationName: applicationName() }), lockWaits);
    migrated.catch(() => undefined);
    return migrated;
  };

  /** Whether the migration's statement like `pattern` waits for a lock now. */
  const migrationWaits = async (pattern: string): Promise<boolean> => {
    const rows = (await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND query ILIKE $2", [
      applicationName(),
      pattern,
    ])) as unknown[];
    return rows.length > 0;
  };

  const recorded = async () => ((await admin.query('SELECT name FROM schema_migrations ORDER BY id')) as { name: string }[]).map((r) => r.name);
  const columns = async () =>
    ((await admin.query("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'items' ORDER BY ordinal_position", [schema])) as {
      name: string;
    }[]).map((c) => c.name);

  /** A transaction that read items, as a long report does, and holds its lock until it ends. */
  const readAndHold = async () => {
    await blocker.startTransaction();
    await blocker.query('SELECT count(*) FROM items');
  };

  /**
   * One more read and write of items from a third connection, while the migration waits behind
   * the blocker: whether both got through, each bounded so a test never hangs on them.
   */
  const readAndWriteMeanwhile = async (boundMs: number): Promise<boolean> => {
    await other.startTransaction();
    await other.query(`SET LOCAL lock_timeout = '${boundMs}ms'`);
    const done = await other.query('SELECT count(*) FROM items').then(
      () => other.query('INSERT INTO items (x) VALUES (2)').then(() => true),
      () => false,
    ).catch(() => false);
    await other.rollbackTransaction();
    return done;
  };

  it('lets a third connection read and write the table while the reader stays open, tries again, and applies once the reader ends', async () => {
    // Given a transaction that read the table, and a migration run whose second migration alters it
    await readAndHold();
    const migrated = migrate(
      [sqlMigration(FIRST, { up: ['CREATE TABLE made_once (id int)'], down: [] }), sqlMigration(ALTER, { up: ['ALTER TABLE items ADD COLUMN y int'], down: [] })],
      PATIENT,
    );
    await waitUntil(() => migrationWaits('ALTER TABLE%'));

    // When a third connection reads and writes the table, bounded well past the migration's wait
    const meanwhile = await readAndWriteMeanwhile(PATIENT.timeoutMs * 10);

    // Then both got through while the reader is still open, and the migration queues again
    expect(meanwhile).toBe(true);
    expect(blocker.isTransactionActive).toBe(true);
    expect(await blocker.query('SELECT count(*)::int AS n FROM items')).toEqual([{ n: 2000 }]);
    await waitUntil(() => migrationWaits('ALTER TABLE%'));
    // The first migration committed once and stays so; the second left nothing behind.
    expect(await recorded()).toEqual([FIRST]);
    expect(await columns()).toEqual(['id', 'x']);

    // And once the reader ends, the run applies both, the first not again
    await blocker.commitTransaction();
    expect(await migrated).toEqual([FIRST, ALTER]);
    expect(await recorded()).toEqual([FIRST, ALTER]);
    expect(await columns()).toEqual(['id', 'x', 'y']);
  }, 30_000);

  it('(the same check catches a wait with no timeout: an online step, run outside a transaction, holds the third connection off)', async () => {
    // ADR 0064 lets no online step take such a lock; this one does, to show the check bites.
    await readAndHold();
    const migrated = migrate([onlineMigration(ONLINE, { up: ['ALTER TABLE items ADD COLUMN y int'], down: [] })], PATIENT);
    await waitUntil(() => migrationWaits('ALTER TABLE%'));

    expect(await readAndWriteMeanwhile(PATIENT.timeoutMs * 3)).toBe(false);

    await blocker.commitTransaction();
    expect(await migrated).toEqual([ONLINE]);
  }, 30_000);

  it('fails after its attempts naming the table and the lock the reader holds, with the migrations before it applied and itself not', async () => {
    await readAndHold();
    const run = migrate(
      [sqlMigration(FIRST, { up: ['CREATE TABLE made_once (id int)'], down: [] }), sqlMigration(ALTER, { up: ['ALTER TABLE items ADD COLUMN y int'], down: [] })],
      { timeoutMs: 200, attempts: 3, retryAfterMs: 20, budgetMs: 60_000 },
    );

    const failure = await run.then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({
      name: 'MigrationLockTimeoutError',
      exhausted: 'attempts',
      message: expect.stringContaining(`migration ${ALTER} waited for a lock longer than 200 ms in each of 3 attempts`),
    });
    expect(String(failure)).toMatch(/ALTER TABLE items ADD COLUMN y int/);
    expect(String(failure)).toMatch(/held by transactions open longer: items \(AccessShareLock\) by pid \d+/);
    expect(await recorded()).toEqual([FIRST]);
    expect(await columns()).toEqual(['id', 'x']);
  }, 30_000);

  /** Races `run` against a bound far past its budget: what it threw, or that it was still waiting. */
  const stoppedWithin = (run: Promise<string[]>, boundMs: number): Promise<unknown> =>
    Promise.race([
      run.then(
        () => 'applied',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), boundMs)),
    ]);

  it('stops once its budget is spent, attempts left or not, naming the statement and the reader that holds the table, before a deadline past the budget', async () => {
    // Given a reader that never ends, and a run that would try a thousand times but may wait 2 s in all
    await readAndHold();
    const budgeted: MigrationLockWaits = { timeoutMs: 400, attempts: 1_000, retryAfterMs: 50, budgetMs: 2_000 };
    const run = migrate([sqlMigration(ALTER, { up: ['ALTER TABLE items ADD COLUMN y int'], down: [] })], budgeted);

    // When it runs, watched for ten times its budget
    const failure = await stoppedWithin(run, 20_000);

    // Then it stopped by itself, saying why, what it ran and who holds the table
    expect(failure).toMatchObject({ name: 'MigrationLockTimeoutError', exhausted: 'budget' });
    expect(String(failure)).toContain(`migration ${ALTER} stopped waiting for a lock: the run's 2000 ms for lock waits (MIGRATION_LOCK_BUDGET_MS) are spent`);
    expect(String(failure)).toMatch(/ALTER TABLE items ADD COLUMN y int/);
    expect(String(failure)).toMatch(/held by transactions open longer: items \(AccessShareLock\) by pid \d+/);
    expect(await recorded()).toEqual([]);
    expect(blocker.isTransactionActive).toBe(true);
  }, 30_000);

  it('cuts the wait of a statement after others in the same transaction to what is left of its budget, however long the timeout', async () => {
    // Given a migration that works 3 s before it alters the table a reader holds, a timeout of 30 s and a budget of 4 s
    await readAndHold();
    const budgeted: MigrationLockWaits = { timeoutMs: 30_000, attempts: 3, retryAfterMs: 50, budgetMs: 4_000 };
    const run = migrate([sqlMigration(ALTER, { up: ['SELECT pg_sleep(3)', 'ALTER TABLE items ADD COLUMN y int'], down: [] })], budgeted);

    const failure = await stoppedWithin(run, 25_000);

    // Then the alter waited for what was left of the 4 s, not the 4 s the transaction began with
    expect(failure).toMatchObject({ name: 'MigrationLockTimeoutError', exhausted: 'budget' });
    const waited = /its last wait of (\d+) ms/.exec(String(failure))?.[1];
    expect(Number(waited)).toBeLessThan(budgeted.budgetMs - 2_000);
    expect(String(failure)).toMatch(/ALTER TABLE items ADD COLUMN y int/);
  }, 30_000);

  it('given an online step that ran past the budget, when a later migration in a transaction meets a lock, then it still waits its timeout and applies once the holder ends, the online step not counted', async () => {
    // Given a run whose online step works longer than the whole budget (ADR 0064: it waits and works without the bound), then alters a table a reader holds
    await readAndHold();
    const budgeted: MigrationLockWaits = { timeoutMs: 4_000, attempts: 5, retryAfterMs: 50, budgetMs: 5_000 };
    const online = 'WorksOnlineFirst1798999999999';
    const run = migrate([onlineMigration(online, { up: ['SELECT pg_sleep(5.5)'], down: [] }), sqlMigration(ALTER, { up: ['ALTER TABLE items ADD COLUMN y int'], down: [] })], budgeted);
    let settled = false;
    void run.then(
      () => (settled = true),
      () => (settled = true),
    );

    // When the alter waits behind the reader, and the reader then ends
    await waitUntil(async () => settled || (await migrationWaits('ALTER TABLE%')), 20_000);
    await blocker.commitTransaction();

    // Then the run applied both: the alter was not cut to the 1 ms an online step's time had left it
    expect(await run.catch((error: unknown) => String(error))).toEqual([online, ALTER]);
    expect(await columns()).toEqual(['id', 'x', 'y']);
  }, 30_000);

  it.each([
    ['builds', { createIndex: 'items_x_idx', on: 'ON items (x)' }, 'CREATE INDEX%'],
    ['drops', { dropIndex: 'items_old_idx' }, 'DROP INDEX%'],
  ] as const)('%s an index concurrently behind a writer open for longer than the lock timeout, after a migration in a transaction on the same connection', async (_, step, pattern) => {
    // Given an index to drop, and a transaction writing the table
    await admin.query('CREATE INDEX items_old_idx ON items (x, id)');
    await blocker.startTransaction();
    await blocker.query('INSERT INTO items (x) VALUES (1)');

    // When a run of one attempt applies a migration in a transaction, then the online step, which waits for the writer
    const migrated = migrate([sqlMigration(FIRST, { up: ['CREATE TABLE made_once (id int)'], down: [] }), onlineMigration(ONLINE, { up: [step], down: [] })], {
      timeoutMs: 200,
      attempts: 1,
      retryAfterMs: 0,
      budgetMs: 60_000,
    });
    await waitUntil(() => migrationWaits(pattern));
    // Past several timeouts: a wait cut by lock_timeout would have failed the run by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await migrationWaits(pattern)).toBe(true);
    await blocker.commitTransaction();

    // Then it finishes, and the index is as the step says
    expect(await migrated).toEqual([FIRST, ONLINE]);
    const indexes = (await admin.query("SELECT indexrelid::regclass::text AS name, indisvalid AS valid FROM pg_index WHERE indrelid = 'items'::regclass ORDER BY 1")) as {
      name: string;
      valid: boolean;
    }[];
    expect(indexes).toEqual(
      'createIndex' in step
        ? [
            { name: 'items_old_idx', valid: true },
            { name: 'items_pkey', valid: true },
            { name: 'items_x_idx', valid: true },
          ]
        : [{ name: 'items_pkey', valid: true }],
    );
  }, 30_000);
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a migration transaction started with an isolation level near the end of its budget', () => {
  it('is started: its lock wait is set after TypeORM opens and shapes the transaction, not before', async () => {
    const source = await testDataSource({ schema: 'public', poolSize: 1 }).initialize();
    const runner = source.createQueryRunner();
    try {
      // A budget below the timeout: every transaction's statements have a shorter wait to set.
      timingOutLockWaitsOfTransactions(runner, new LockWaitAllowance({ timeoutMs: 60_000, attempts: 1, retryAfterMs: 0, budgetMs: 30_000 }));
      await runner.startTransaction();
      await runner.commitTransaction();

      await runner.startTransaction('SERIALIZABLE');
      const [row] = (await runner.query("SELECT current_setting('transaction_isolation') AS isolation, current_setting('lock_timeout') AS wait")) as { isolation: string; wait: string }[];
      await runner.commitTransaction();

      expect(row!.isolation).toBe('serializable');
      expect(row!.wait).toMatch(/^\d+ms$|^\d+s$/);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
      await source.destroy();
    }
  });
});
