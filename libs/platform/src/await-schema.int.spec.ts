import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createLogger } from '@cs/observability';
import { runMigrations, sqlMigration } from '@cs/persistence';
import { testDataSource } from '@cs/testing';
import { SchemaBehindError, awaitSchema } from './await-schema';

const silent = createLogger('await-schema', 'silent');
const FIRST = sqlMigration('First1799100000000', { up: ['CREATE TABLE first (id int PRIMARY KEY)'], down: ['DROP TABLE first'] });
const SECOND = sqlMigration('Second1799200000000', { up: ['CREATE TABLE second (id int PRIMARY KEY)'], down: ['DROP TABLE second'] });
const LATER = sqlMigration('Later1799300000000', { up: ['CREATE TABLE later (id int PRIMARY KEY)'], down: ['DROP TABLE later'] });

describe('a start-up waiting for its schema', () => {
  let schema: string;
  let admin: DataSource;
  /** The running service's data source: its code knows FIRST and SECOND. */
  let service: DataSource;

  beforeEach(async () => {
    schema = `await_schema_${randomUUID().slice(0, 8)}`;
    admin = await testDataSource({ schema, poolSize: 2 }).initialize();
    await admin.query(`CREATE SCHEMA ${schema}`);
    service = await testDataSource({ schema, poolSize: 2, migrations: [FIRST, SECOND] }).initialize();
  });

  afterEach(async () => {
    await service.destroy();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.destroy();
  });

  const migrate = (migrations: (typeof FIRST)[]) => runMigrations(testDataSource({ schema, migrations, poolSize: 1 }));

  it('fails naming the migrations a schema that was never migrated lacks, and creates nothing in it', async () => {
    const failure = awaitSchema(service, silent, 500);
    await expect(failure).rejects.toBeInstanceOf(SchemaBehindError);
    await expect(failure).rejects.toMatchObject({ pending: ['First1799100000000', 'Second1799200000000'] });
    expect(await admin.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema])).toEqual([]);
  });

  it('fails naming only the migration still missing', async () => {
    await migrate([FIRST]);
    await expect(awaitSchema(service, silent, 500)).rejects.toMatchObject({ pending: ['Second1799200000000'] });
  });

  it('goes on once the migrations have run during the wait', async () => {
    await migrate([FIRST]);
    let done = false;
    const waiting = awaitSchema(service, silent, 20_000).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(done).toBe(false);
    expect(await migrate([FIRST, SECOND])).toEqual(['Second1799200000000']);
    await waiting;
    expect(done).toBe(true);
  });

  it('goes on at once over a schema ahead of its code, as after a rollback', async () => {
    await migrate([FIRST, SECOND, LATER]);
    const started = Date.now();
    await awaitSchema(service, silent, 20_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
