import { MixedList } from 'typeorm';
import { ServiceName, loadServiceConfig } from '@cs/config';
import { serviceLogger } from './service-logger';
import { MIGRATION_LOCK_WAITS, PersistedClass, createServiceDataSource, runMigrations } from '@cs/persistence';

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
    process.exitCode = 1;
  }
}
