import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, MigrationInterface, MixedList } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PersistedClass, ServiceDataSourceOptions, createServiceDataSource, runMigrations } from '@cs/persistence';
import { adminUrl } from './database';

export interface ThrowawaySchema {
  /** `<prefix>_<8 hex digits>`: a run of its own, so parallel workers and reruns never meet. */
  readonly schema: string;
  /** As the database superuser, with unqualified names resolving inside `schema`. */
  readonly dataSource: DataSource;
  /** Drops the schema and closes the data source. */
  drop(): Promise<void>;
}

const TEST_CONNECT_TIMEOUT_MS = 10_000;

/**
 * A data source on the int tier's database as the superuser, unless `url` says otherwise. A
 * connection may take over the services' one second to open while the tiers load the same two
 * cores, so it waits up to the tests' bound; the tests that are about that limit set their own.
 */
export function testDataSource(options: Omit<ServiceDataSourceOptions, 'url'> & { readonly url?: string }): DataSource {
  return createServiceDataSource({ url: adminUrl(), connectTimeoutMs: TEST_CONNECT_TIMEOUT_MS, ...options });
}

/**
 * An opened data source whose requests wait at most `ms` for a connection of its pool: a test of
 * an exhausted pool then fails in that time, while the pool's first connection still had the
 * tests' connect bound to open (pg reads the bound as it waits, so it can be cut after opening).
 */
export function waitingForThePoolAtMost(dataSource: DataSource, ms: number): DataSource {
  ((dataSource.driver as PostgresDriver).master as Pool).options.connectionTimeoutMillis = ms;
  return dataSource;
}

export interface ThrowawaySchemaOptions {
  readonly poolSize?: number;
}

/**
 * A new schema holding exactly the tables a service's migrations make, on the int tier's
 * database, so a test works against the real DDL without touching the service's own schema.
 */
export async function throwawaySchema(
  prefix: string,
  migrations: MixedList<PersistedClass>,
  options: ThrowawaySchemaOptions = {},
): Promise<ThrowawaySchema> {
  const schema = `${prefix}_${randomUUID().slice(0, 8)}`;
  // Migrations run through this data source because the messaging one names its tables by its schema option.
  const dataSource = await testDataSource({ schema, migrations, poolSize: options.poolSize }).initialize();
  const drop = async (): Promise<void> => {
    try {
      await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await dataSource.destroy();
    }
  };
  try {
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    await runMigrations(dataSource);
  } catch (error) {
    // A half-migrated schema would otherwise outlive the failed suite.
    await drop().catch(() => undefined);
    throw error;
  }
  return { schema, dataSource, drop };
}

/**
 * Runs one migration's `up` on the schema, as the migration runner would: for a test of a data
 * migration, on a schema made without it and then given the rows it is to change.
 */
export async function applyMigration(db: ThrowawaySchema, Migration: new () => MigrationInterface): Promise<void> {
  const runner = db.dataSource.createQueryRunner();
  try {
    await new Migration().up(runner);
  } finally {
    await runner.release();
  }
}

/** A table's columns in the schema, by name: what a migration test compares before and after. */
export async function columnsOf(db: ThrowawaySchema, table: string): Promise<string[]> {
  const rows = (await db.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY 1`, [
    db.schema,
    table,
  ])) as { column_name: string }[];
  return rows.map((r) => r.column_name);
}
