import { MixedList } from 'typeorm';
import { ServiceName, loadServiceConfig } from '@cs/config';
import { serviceLogger } from './service-logger';
import { MIGRATION_LOCK_WAITS, MigrationLockTimeoutError, PersistedClass, createServiceDataSource, runMigrations } from '@cs/persistence';

/**
 * How a service's `migrate.js` ends when it fails. A run stopped by a lock it could not have (its
 * attempts or its budget spent, ADR 0100) ends 75 (EX_TEMPFAIL): the same run succeeds once the
 * holder it names ends, and the db-migrate Job fails at once on it rather than start its pod
 * again, with the previous pod's provisioning and every service's run, past its deadline.
 */
export const MIGRATION_EXIT_CODES = { failed: 1, heldByLock: 75 } as const;

/** The exit code of a migration run that threw. */
export function migrationExitCode(error: unknown): number {
  return error instanceof MigrationLockTimeoutError ? MIGRATION_EXIT_CODES.heldByLock : MIGRATION_EXIT_CODES.failed;
}

/** Entry point of a service's `migrate.js`: applies its migrations as its own role, then exits. */
export async function migrateService(service: ServiceName, migrations: MixedList<PersistedClass>): Promise<void> {
  const config = loadServiceConfig(service);
  const logger = serviceLogger(`${service}-migrate`, config.logLevel);
  try {
    const applied = await runMigrations(
      createServiceDataSource({ url: config.database.url, schema: config.database.schema, migrations, connectTimeoutMs: config.database.connectTimeoutMs }),
      { ...MIGRATION_LOCK_WAITS, ...config.database.migrationLocks },
    );
    logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date');
  } catch (error) {
    logger.error({ err: error }, 'migration failed');
    process.exitCode = migrationExitCode(error);
  }
}
