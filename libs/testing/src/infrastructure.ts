import { Socket } from 'node:net';
import { execFileSync } from 'node:child_process';

export interface Infrastructure {
  readonly databaseAdminUrl: string;
  readonly kafkaBrokers: string;
  readonly redisUrl: string;
  /** Where the services came from: the environment, loopback defaults, or testcontainers. */
  readonly origin: 'environment' | 'loopback' | 'testcontainers';
}

const LOOPBACK = {
  databaseAdminUrl: 'postgres://postgres:postgres@127.0.0.1:5432/cs',
  kafkaBrokers: '127.0.0.1:19092',
  redisUrl: 'redis://127.0.0.1:6379',
};

/**
 * Tests take running services from the environment first (CI and `scripts/infra.sh up` set
 * them), then the loopback defaults of `scripts/infra.sh`, and only then start containers,
 * which needs a Docker engine: machines without one run the real servers as processes.
 */
export async function resolveInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<Infrastructure> {
  const fromEnv = env['DATABASE_ADMIN_URL'] && env['KAFKA_BROKERS'] && env['REDIS_URL'];
  const candidate = fromEnv
    ? { databaseAdminUrl: env['DATABASE_ADMIN_URL']!, kafkaBrokers: env['KAFKA_BROKERS']!, redisUrl: env['REDIS_URL']! }
    : LOOPBACK;
  if (await allReachable(candidate)) return { ...candidate, origin: fromEnv ? 'environment' : 'loopback' };
  if (fromEnv) throw new Error(`infrastructure from the environment is not reachable: ${JSON.stringify(candidate)}`);
  if (!dockerEngineAvailable()) {
    throw new Error(
      'Postgres, Kafka and Redis are not reachable on loopback and no Docker engine exists: run `bash scripts/infra.sh up` first',
    );
  }
  const { startContainers } = await import('./containers');
  return { ...(await startContainers()), origin: 'testcontainers' };
}

async function allReachable(infra: Omit<Infrastructure, 'origin'>): Promise<boolean> {
  const pg = new URL(infra.databaseAdminUrl);
  const redis = new URL(infra.redisUrl);
  const [kafkaHost, kafkaPort] = infra.kafkaBrokers.split(',')[0]!.split(':');
  const checks = await Promise.all([
    tcpOpen(pg.hostname, Number(pg.port || 5432)),
    tcpOpen(redis.hostname, Number(redis.port || 6379)),
    tcpOpen(kafkaHost!, Number(kafkaPort)),
  ]);
  return checks.every(Boolean);
}

export function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

function dockerEngineAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** The brokers of the run's Kafka, as the tiers' global set-up left them in the environment. */
export function runKafkaBrokers(): string[] {
  return process.env['KAFKA_BROKERS']!.split(',');
}
