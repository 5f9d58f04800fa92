import { DataSource, EntitySchema, MixedList } from 'typeorm';

/** A class TypeORM instantiates: an entity or a migration. */
export type PersistedClass = new (...args: never[]) => unknown;

export interface ServiceDataSourceOptions {
  readonly url: string;
  readonly schema: string;
  readonly entities?: MixedList<PersistedClass | EntitySchema>;
  readonly migrations?: MixedList<PersistedClass>;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/**
 * A TypeORM data source bound to one service's schema. Schema changes come only from
 * migrations (`synchronize` stays off), each in its own transaction.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      // Unqualified names resolve only inside the service's own schema.
      options: `-c search_path=${options.schema}`,
      connectionTimeoutMillis: 5_000,
    },
  });
}

/** Runs pending migrations; returns the names of those applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const initialised = dataSource.isInitialized;
  if (!initialised) await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (!initialised) await dataSource.destroy();
  }
}
