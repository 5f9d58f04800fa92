import { resolveInfrastructure } from '../infrastructure';

/** Runs once before the int and e2e tiers: finds (or starts) Postgres, Kafka and Redis. */
export default async function globalSetup(): Promise<void> {
  const infra = await resolveInfrastructure();
  process.env['DATABASE_ADMIN_URL'] = infra.databaseAdminUrl;
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers;
  process.env['REDIS_URL'] = infra.redisUrl;
}
