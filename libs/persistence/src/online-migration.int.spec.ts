import { randomUUID } from 'node:crypto';
import type { DataSource, MigrationInterface } from 'typeorm';
import { testDataSource } from './admin-url.support.spec';
import { runMigrations } from './data-source';
import { OnlineStep, onlineMigration } from './online-migration';
import { sqlMigration } from './sql-migration';

const NAME = 'OnlineIndex1799000000000';

describe('an online migration', () => {
  let schema: string;
  let admin: DataSource;

  beforeEach(async () => {
    schema = `online_${randomUUID().slice(0, 8)}`;
    admin = await testDataSource({ schema, poolSize: 3 }).initialize();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query('CREATE TABLE items (id serial PRIMARY KEY, x int NOT NULL)');
    await admin.query('INSERT INTO items (x) SELECT g % 100 FROM generate_series(1, 2000) g');
  });

  afterEach(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.destroy();
  });

  /** Runs the given migrations on a data source of their own, named so the test can watch it. */
  const migrate = async (migrations: (new () => MigrationInterface)[], applicationName = `migrate-${schema}`): Promise<string[]> =>
    runMigrations(testDataSource({ schema, migrations, poolSize: 1, applicationName }));

  const index = async (name: string) =>
    (
      (await admin.query(
        `SELECT i.indisvalid AS valid, i.indisunique AS "unique", pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i WHERE i.indexrelid = to_regclass($1)`,
        [name],
      )) as { valid: boolean; unique: boolean; definition: string }[]
    )[0];

  const recorded = async () => ((await admin.query('SELECT name FROM schema_migrations ORDER BY id')) as { name: string }[]).map((r) => r.name);

  /**
   * Holds a write transaction open on items while `migration` runs, waits until the migration
   * waits on it, and then tries one more write: whether that write got through within a second,
   * while the migration still waited.
   */
  const writeDuring = async (migration: new () => MigrationInterface): Promise<{ written: boolean; migrated: Promise<string[]> }> => {
    const holder = admin.createQueryRunner();
    const writer = admin.createQueryRunner();
    try {
      await holder.startTransaction();
      await holder.query('INSERT INTO items (x) VALUES (1)');
      const applicationName = `migrate-${schema}`;
      const migrated = migrate([migration], applicationName);
      migrated.catch(() => undefined);
      await waitUntil(async () => {
        const rows = (await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND query ILIKE 'CREATE%INDEX%'", [
          applicationName,
        ])) as unknown[];
        return rows.length > 0;
      });
      await writer.startTransaction();
      await writer.query("SET LOCAL lock_timeout = '1s'");
      const written = await writer.query('INSERT INTO items (x) VALUES (2)').then(
        () => true,
        () => false,
      );
      await writer.rollbackTransaction();
      await holder.commitTransaction();
      return { written, migrated };
    } finally {
      // On a failure above, an open transaction would hold the migration and the schema's drop.
      for (const runner of [writer, holder]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  };

  it('lets the table be written while its index build waits for a writer, leaves the index valid, and is recorded after', async () => {
    const { written, migrated } = await writeDuring(onlineMigration(NAME, { up: [{ createIndex: 'items_x_idx', on: 'ON items (x)' }], down: [] }));
    expect(written).toBe(true);
    expect(await migrated).toEqual([NAME]);
    expect(await index('items_x_idx')).toEqual({ valid: true, unique: false, definition: expect.stringContaining('(x)') });
    expect(await recorded()).toEqual([NAME]);
  }, 30_000);

  it('(the same check catches a migration in a transaction: a plain build holds the write off)', async () => {
    const { written, migrated } = await writeDuring(sqlMigration(NAME, { up: ['CREATE INDEX items_x_idx ON items (x)'], down: [] }));
    expect(written).toBe(false);
    expect(await migrated).toEqual([NAME]);
  }, 30_000);

  it('builds a unique index concurrently', async () => {
    await admin.query('CREATE TABLE codes (code text NOT NULL)');
    await admin.query("INSERT INTO codes SELECT 'c' || g FROM generate_series(1, 100) g");
    expect(await migrate([onlineMigration(NAME, { up: [{ createIndex: 'codes_code_key', on: 'ON codes (code)', unique: true }], down: [] })])).toEqual([NAME]);
    expect(await index('codes_code_key')).toMatchObject({ valid: true, unique: true });
    await expect(admin.query("INSERT INTO codes VALUES ('c1')")).rejects.toThrow(/duplicate key/);
  }, 30_000);

  it('builds anew an index that a failed concurrent build left invalid', async () => {
    // A unique build over duplicates fails after creating its index, as a cut-off build does.
    await expect(admin.query('CREATE UNIQUE INDEX CONCURRENTLY items_x_idx ON items (x)')).rejects.toThrow(/duplicate|unique/i);
    expect(await index('items_x_idx')).toMatchObject({ valid: false, unique: true });

    expect(await migrate([onlineMigration(NAME, { up: [{ createIndex: 'items_x_idx', on: 'ON items (x)' }], down: [] })])).toEqual([NAME]);
    expect(await index('items_x_idx')).toMatchObject({ valid: true, unique: false });
  }, 30_000);

  it('is not recorded when a step fails, and the next run does every step again and is recorded', async () => {
    const steps: OnlineStep[] = ['ALTER TABLE items SET (fillfactor = 80)', { createIndex: 'items_x_idx', on: 'ON items (x)' }];
    const printed = jest.spyOn(console, 'log');
    await expect(migrate([onlineMigration(NAME, { up: [...steps, 'SELECT no_such_column FROM items'], down: [] })])).rejects.toThrow(/no_such_column/);
    // The error reaches the migrate entry point, which logs it redacted; TypeORM prints nothing of its own.
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
    // Without a transaction the steps before the failure stand, and nothing says the migration ran.
    expect(await index('items_x_idx')).toMatchObject({ valid: true });
    expect(await recorded()).toEqual([]);

    expect(await migrate([onlineMigration(NAME, { up: steps, down: [] })])).toEqual([NAME]);
    expect(await recorded()).toEqual([NAME]);
    const options = (await admin.query("SELECT reloptions FROM pg_class WHERE oid = to_regclass('items')")) as { reloptions: string[] }[];
    expect(options[0]!.reloptions).toEqual(['fillfactor=80']);
  }, 30_000);

  it('runs once when two runners of the schema start together: the second waits and finds it done', async () => {
    const Migration = sqlMigration(NAME, { up: ['SELECT pg_sleep(0.3)', 'CREATE TABLE made_once (id int)'], down: [] });
    const runs = await Promise.allSettled([migrate([Migration], `first-${schema}`), migrate([Migration], `second-${schema}`)]);
    expect(runs.map((run) => (run.status === 'fulfilled' ? run.value : String(run.reason))).sort()).toEqual([[], [NAME]]);
    expect(await recorded()).toEqual([NAME]);
  }, 30_000);

  it('drops concurrently and undoes itself, each way again without error', async () => {
    const Migration = onlineMigration(NAME, {
      up: [{ createIndex: 'items_x_idx', on: 'ON items (x)' }, { dropIndex: 'items_x_old_idx' }],
      down: [{ createIndex: 'items_x_old_idx', on: 'ON items (x, id)' }, { dropIndex: 'items_x_idx' }],
    });
    await admin.query('CREATE INDEX items_x_old_idx ON items (x, id)');
    const runner = admin.createQueryRunner();
    try {
      await new Migration().up(runner);
      await new Migration().up(runner);
      expect(await index('items_x_idx')).toMatchObject({ valid: true });
      expect(await index('items_x_old_idx')).toBeUndefined();
      await new Migration().down(runner);
      await new Migration().down(runner);
      expect(await index('items_x_idx')).toBeUndefined();
      expect(await index('items_x_old_idx')).toMatchObject({ valid: true, definition: expect.stringContaining('(x, id)') });
    } finally {
      await runner.release();
    }
  }, 30_000);
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
