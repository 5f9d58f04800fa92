import { RUN_ENVIRONMENT, rememberTestRun } from './test-run';
import { registerWorkspacePaths } from './workspace-paths';

/**
 * Runs once before the int and e2e tiers: finds (or starts) Postgres, Kafka and Redis, and gives
 * the run a database, Kafka namespace and Redis database of its own on them (ADR 0054), which
 * every suite and the services it starts reach through the environment set here; each worker
 * has a database of its own besides (`worker-database.ts`), and each e2e worker a Kafka namespace
 * (`worker-kafka-namespace.ts`, ADR 0182). It holds the machine's servers shared meanwhile, as
 * the suites do.
 */
export default async function globalSetup(globalConfig: { readonly maxWorkers: number }): Promise<void> {
  registerWorkspacePaths();
  const { resolveInfrastructure } = await import('../infrastructure');
  const { openTestInstance } = await import('../test-instance');
  const { whileSharingServers } = await import('../servers-lock');
  const environment = Object.fromEntries(RUN_ENVIRONMENT.map((name) => [name, process.env[name]]));
  const { infra, instance } = await whileSharingServers(async () => {
    const servers = await resolveInfrastructure();
    return { infra: servers, instance: await openTestInstance(servers, { workers: globalConfig.maxWorkers }) };
  });
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
