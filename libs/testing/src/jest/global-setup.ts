import { RUN_ENVIRONMENT, rememberTestRun } from './test-run';
import { registerWorkspacePaths } from './workspace-paths';

/**
 * Runs once before the int and e2e tiers: finds (or starts) Postgres, Kafka and Redis, and gives
 * the run a database, Kafka namespace and Redis database of its own on them (ADR 0054), which
 * every suite and the services it starts reach through the environment set here; each worker
 * has a database of its own besides, which the int tier's suites use (`worker-database.ts`).
 */
export default async function globalSetup(globalConfig: { readonly maxWorkers: number }): Promise<void> {
  registerWorkspacePaths();
  const { resolveInfrastructure } = await import('../infrastructure');
  const { openTestInstance } = await import('../test-instance');
  const environment = Object.fromEntries(RUN_ENVIRONMENT.map((name) => [name, process.env[name]]));
  const infra = await resolveInfrastructure();
  const instance = await openTestInstance(infra, { workers: globalConfig.maxWorkers });
  rememberTestRun({ infra, instance, environment });
  // Every variable the tear-down restores, and only those: the record type makes the two lists one.
  const run: Record<(typeof RUN_ENVIRONMENT)[number], string> = {
    DATABASE_ADMIN_URL: instance.databaseAdminUrl,
    KAFKA_BROKERS: infra.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: instance.topicPrefix,
    REDIS_URL: instance.redisUrl,
  };
  Object.assign(process.env, run);
}
