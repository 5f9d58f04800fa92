import { MixedList } from 'typeorm';
import { ServiceName, loadServiceConfig } from '@cs/config';
import { createServiceDataSource, runMigrations } from '@cs/persistence';

/** Entry point of a service's `migrate.js`: applies its migrations as its own role, then exits. */
export async function migrateService(service: ServiceName, migrations: MixedList<Function>): Promise<void> {
  const config = loadServiceConfig(service);
  try {
    const applied = await runMigrations(
      createServiceDataSource({ url: config.database.url, schema: config.database.schema, migrations }),
    );
    console.log(`${service}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date'}`);
  } catch (error) {
    console.error(`${service}: migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
