import { DEFAULT_PORTS, ServiceName, devDatabasePassword } from './services';

export type AuthMode = 'hs256' | 'jwks';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything a service reads from its environment, validated once at start-up. */
export interface ServiceConfig {
  readonly service: ServiceName;
  readonly environment: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly database: { readonly url: string; readonly schema: string; readonly poolSize: number };
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topicPartitions: number;
    readonly replicationFactor: number;
    readonly ensureTopics: boolean;
    /** Prepended to every topic and consumer group name; empty for the platform's own names. */
    readonly topicPrefix: string;
  };
  readonly redis: { readonly url: string };
  readonly auth: {
    readonly mode: AuthMode;
    readonly secret?: string;
    readonly jwksUrl?: string;
    readonly issuer?: string;
    readonly audience?: string;
    /** The longest lifetime a bearer token may be minted with (JWT_MAX_LIFETIME_SECONDS). */
    readonly maxTokenLifetimeSeconds: number;
  };
  readonly relay: {
    readonly pollIntervalMs: number;
    readonly batchSize: number;
    readonly retentionHours: number;
    readonly stopTimeoutMs: number;
  };
  readonly consumer: { readonly maxAttempts: number; readonly initialBackoffMs: number; readonly stopTimeoutMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Documented default; refused in production so no deployment runs with a known secret. */
export const DEV_JWT_SECRET = 'dev-secret-change-me-0123456789abcdef';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** One dot-free segment, so a prefixed name can never be read as another prefix's. */
const TOPIC_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * Validates KAFKA_TOPIC_PREFIX: a second copy of the platform on the same brokers (a fuzzing
 * or test instance) sets it so that none of its topics, consumer groups or dead-letter topics
 * is one the real deployment uses. Returns the prefix, or a problem to report.
 */
export function parseKafkaTopicPrefix(raw: string | undefined): { prefix: string } | { problem: string } {
  const prefix = raw ?? '';
  if (prefix === '' || TOPIC_PREFIX.test(prefix)) return { prefix };
  return {
    problem: `KAFKA_TOPIC_PREFIX must be lower-case letters, digits and inner hyphens, at most 40 characters (got "${prefix}")`,
  };
}

/**
 * Reads and validates a service's configuration. Every problem is reported at once, so an
 * operator fixes a broken deployment in one pass instead of one variable per restart.
 */
export function loadServiceConfig(service: ServiceName, env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const environment = parseEnvironment(env['NODE_ENV'], problems);
  const production = environment === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const required = (name: string, devFallback: string): string => {
    const raw = env[name];
    if (raw) return raw;
    if (production) problems.push(`${name} is required in production`);
    return devFallback;
  };

  const databaseUrl = required(
    'DATABASE_URL',
    `postgres://${service}:${devDatabasePassword(service)}@127.0.0.1:5432/cs`,
  );
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const schema = env['DATABASE_SCHEMA'] || service;
  if (!IDENTIFIER.test(schema)) problems.push(`DATABASE_SCHEMA must be a lower-case SQL identifier (got "${schema}")`);

  const brokers = required('KAFKA_BROKERS', '127.0.0.1:19092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    problems.push('KAFKA_BROKERS must be a comma-separated list of host:port');
  }

  const topicPrefix = parseKafkaTopicPrefix(env['KAFKA_TOPIC_PREFIX']);
  if ('problem' in topicPrefix) problems.push(topicPrefix.problem);

  const redisUrl = required('REDIS_URL', 'redis://127.0.0.1:6379');
  if (!/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// URL');

  const logLevel = (env['LOG_LEVEL'] || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const auth = { ...parseAuth(env, production, problems), maxTokenLifetimeSeconds: int('JWT_MAX_LIFETIME_SECONDS', 86_400, 60, 7 * 86_400) };

  const config: ServiceConfig = {
    service,
    environment,
    port: int('PORT', DEFAULT_PORTS[service], 1, 65535),
    host: env['HOST'] || (production ? '0.0.0.0' : '127.0.0.1'),
    logLevel,
    database: { url: databaseUrl, schema, poolSize: int('DATABASE_POOL_SIZE', 10, 1, 200) },
    kafka: {
      brokers,
      clientId: env['KAFKA_CLIENT_ID'] || service,
      topicPartitions: int('KAFKA_TOPIC_PARTITIONS', 6, 2, 1000),
      replicationFactor: int('KAFKA_REPLICATION_FACTOR', 1, 1, 10),
      ensureTopics: (env['KAFKA_ENSURE_TOPICS'] ?? 'true') !== 'false',
      topicPrefix: 'prefix' in topicPrefix ? topicPrefix.prefix : '',
    },
    redis: { url: redisUrl },
    auth,
    relay: {
      pollIntervalMs: int('OUTBOX_POLL_INTERVAL_MS', 200, 10, 60_000),
      batchSize: int('OUTBOX_BATCH_SIZE', 200, 1, 5_000),
      retentionHours: int('OUTBOX_RETENTION_HOURS', 168, 1, 24 * 365),
      stopTimeoutMs: int('OUTBOX_STOP_TIMEOUT_MS', 10_000, 100, 60_000),
    },
    consumer: {
      maxAttempts: int('CONSUMER_MAX_ATTEMPTS', 5, 1, 100),
      initialBackoffMs: int('CONSUMER_INITIAL_BACKOFF_MS', 200, 1, 60_000),
      stopTimeoutMs: int('CONSUMER_STOP_TIMEOUT_MS', 10_000, 100, 60_000),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function parseEnvironment(raw: string | undefined, problems: string[]): ServiceConfig['environment'] {
  const value = raw || 'development';
  if (value === 'development' || value === 'test' || value === 'production') return value;
  problems.push(`NODE_ENV must be development, test or production (got "${value}")`);
  return 'development';
}

function parseAuth(env: Env, production: boolean, problems: string[]): Omit<ServiceConfig['auth'], 'maxTokenLifetimeSeconds'> {
  const mode = (env['AUTH_MODE'] || (production ? 'jwks' : 'hs256')) as AuthMode;
  const issuer = env['JWT_ISSUER'] || undefined;
  const audience = env['JWT_AUDIENCE'] || undefined;
  if (mode === 'jwks') {
    const jwksUrl = env['JWT_JWKS_URL'];
    if (!jwksUrl || !/^https?:\/\//.test(jwksUrl)) problems.push('JWT_JWKS_URL must be an http(s) URL when AUTH_MODE=jwks');
    return { mode, jwksUrl, issuer, audience };
  }
  if (mode !== 'hs256') {
    problems.push(`AUTH_MODE must be hs256 or jwks (got "${mode}")`);
    return { mode: 'hs256', secret: DEV_JWT_SECRET };
  }
  if (production) problems.push('AUTH_MODE=hs256 is for development and tests; production verifies RS256 via JWKS');
  const secret = env['JWT_SECRET'] || DEV_JWT_SECRET;
  if (secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  return { mode, secret, issuer, audience };
}
