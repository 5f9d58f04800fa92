import ipaddr from 'ipaddr.js';
import { AuthMode, ConfigError, DEV_JWT_SECRET, DEV_KAFKA_BROKERS, DEV_REDIS_URL, Env, Environment, LogLevel, WEBHOOK_CHANNELS, readEnvironment } from './environment';
import { DEFAULT_PORTS, ServiceName, devDatabasePassword } from './services';
import { CorsPolicy, corsPolicyOf } from './cors-policy';

export { ConfigError, DEV_JWT_SECRET, type AuthMode, type LogLevel };

/** Everything a service reads from its environment, validated once at start-up. */
/** What every HTTP process of the platform (each service, the gateway) reads about itself. */
export interface HttpProcessConfig {
  readonly environment: 'development' | 'test' | 'production';
  /** Shown in the OpenAPI document. */
  readonly version: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** Browser origins allowed to call across origins (CORS_ORIGINS). */
  readonly cors: CorsPolicy;
  /** How many proxies' X-Forwarded-For entries are believed (TRUSTED_PROXY_HOPS). */
  readonly trustedProxyHops: number;
}

/** A service is reached through the ingress or the gateway, each adding one X-Forwarded-For entry. */
export const SERVICE_TRUSTED_PROXY_HOPS = 1;

export interface ServiceConfig extends HttpProcessConfig {
  readonly service: ServiceName;
  readonly database: {
    readonly url: string;
    readonly schema: string;
    readonly poolSize: number;
    /** How long a query waits for a pooled connection before failing (then 503). */
    readonly connectTimeoutMs: number;
    /** How long a statement may go unanswered before it fails and its connection is closed (DATABASE_QUERY_TIMEOUT_MS). */
    readonly queryTimeoutMs: number;
    /** Whether frequent statements are sent prepared (DATABASE_PREPARED_STATEMENTS). */
    readonly prepareStatements: boolean;
    /** How a migration meets a lock it cannot have at once (MIGRATION_LOCK_TIMEOUT_MS, MIGRATION_LOCK_ATTEMPTS, MIGRATION_LOCK_BUDGET_MS; ADR 0100). */
    readonly migrationLocks: { readonly timeoutMs: number; readonly attempts: number; readonly budgetMs: number };
  };
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topicPartitions: number;
    readonly replicationFactor: number;
    readonly ensureTopics: boolean;
    /** KAFKA_TOPIC_PREFIX: '' for the platform's own names. */
    readonly topicPrefix: string;
  };
  readonly redis: {
    readonly url: string;
    /** How long a PING may go unanswered before the connection is replaced (REDIS_ANSWER_TIMEOUT_MS). */
    readonly answerTimeoutMs: number;
  };
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
  readonly consumer: {
    readonly maxAttempts: number;
    readonly initialBackoffMs: number;
    readonly stopTimeoutMs: number;
    readonly batchSize: number;
    readonly partitionsConcurrently: number;
    readonly commitIntervalMs: number;
    readonly sessionTimeoutMs: number;
    /** How long one consumer transaction's handlers may run (CONSUMER_HANDLER_TIMEOUT_MS). */
    readonly handlerTimeoutMs: number;
  };
  /** intake: the raw PII key variables, checked and decoded by intake's key ring. */
  readonly pii: Pick<Environment, 'NODE_ENV' | 'PII_ENCRYPTION_KEYS' | 'PII_ACTIVE_KEY_ID' | 'PII_BLIND_INDEX_KEY'>;
  /** intake: NODE_ENV and WEBHOOK_SECRET_<CHANNEL> of each gateway, checked by intake. */
  readonly webhooks: {
    readonly secrets: Readonly<Partial<Record<string, string>>> & { readonly NODE_ENV: string };
    readonly perChannelPerMinute: number;
  };
  /** tickets: how often due SLA timers are looked for; callbacks: due callback deadlines. */
  readonly slaTimerPollMs: number;
  /** callbacks: signed, expiring questionnaire links, and how often one client may ask for them. */
  readonly questionnaire: { readonly secret: string; readonly baseUrl: string; readonly ttlSeconds: number; readonly perClientPerMinute: number };
  /** notifications: the live feed and the webhook delivery worker. */
  readonly notifications: {
    readonly feedPollMs: number;
    readonly streamHeartbeatMs: number;
    readonly deliveryPollMs: number;
    readonly deliveryTimeoutMs: number;
    readonly deliveryMaxAttempts: number;
    readonly deliveryBackoffMs: number;
    /** How long a notification, its read marks and its deliveries are kept. */
    readonly retentionDays: number;
    /** Which webhook URLs a subscription may name: https only (production), and these ports when set. */
    readonly webhookDestinations: { readonly httpsOnly: boolean; readonly ports?: readonly number[]; readonly allowedNetworks: readonly string[] };
  };
}

/**
 * Reads and validates a service's configuration. Every problem is reported at once — the
 * schema's and the rules across variables below — so an operator fixes a broken deployment in
 * one pass instead of one variable per restart.
 */
export function loadServiceConfig(service: ServiceName, source: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const env = readEnvironmentKeepingProblems(source, problems);
  const production = env.NODE_ENV === 'production';
  const required = (name: 'DATABASE_URL' | 'KAFKA_BROKERS' | 'REDIS_URL', devFallback: string): string => {
    const value = env[name];
    if (value) return value;
    if (production && !problems.some((p) => p.startsWith(`${name} `))) problems.push(`${name} is required in production`);
    return devFallback;
  };

  const config: ServiceConfig = {
    service,
    environment: env.NODE_ENV,
    version: env.npm_package_version ?? '0.1.0',
    port: env.PORT ?? DEFAULT_PORTS[service],
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    cors: corsPolicyOf(env),
    trustedProxyHops: env.TRUSTED_PROXY_HOPS ?? SERVICE_TRUSTED_PROXY_HOPS,
    database: {
      url: required('DATABASE_URL', `postgres://${service}:${devDatabasePassword(service)}@127.0.0.1:5432/cs`),
      schema: env.DATABASE_SCHEMA ?? service,
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
      prepareStatements: env.DATABASE_PREPARED_STATEMENTS === 'true',
      migrationLocks: { timeoutMs: env.MIGRATION_LOCK_TIMEOUT_MS, attempts: env.MIGRATION_LOCK_ATTEMPTS, budgetMs: env.MIGRATION_LOCK_BUDGET_MS },
    },
    kafka: {
      brokers: splitBrokers(required('KAFKA_BROKERS', DEV_KAFKA_BROKERS)),
      clientId: env.KAFKA_CLIENT_ID ?? service,
      topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      ensureTopics: env.KAFKA_ENSURE_TOPICS !== 'false',
      topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    },
    redis: { url: required('REDIS_URL', DEV_REDIS_URL), answerTimeoutMs: env.REDIS_ANSWER_TIMEOUT_MS },
    auth: { ...authOf(env, production, problems), maxTokenLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS },
    relay: {
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      batchSize: env.OUTBOX_BATCH_SIZE,
      retentionHours: env.OUTBOX_RETENTION_HOURS,
      stopTimeoutMs: env.OUTBOX_STOP_TIMEOUT_MS,
    },
    consumer: {
      maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
      initialBackoffMs: env.CONSUMER_INITIAL_BACKOFF_MS,
      stopTimeoutMs: env.CONSUMER_STOP_TIMEOUT_MS,
      batchSize: env.CONSUMER_BATCH_SIZE,
      partitionsConcurrently: env.CONSUMER_PARTITIONS_CONCURRENTLY,
      commitIntervalMs: env.CONSUMER_COMMIT_INTERVAL_MS,
      sessionTimeoutMs: env.CONSUMER_SESSION_TIMEOUT_MS,
      handlerTimeoutMs: env.CONSUMER_HANDLER_TIMEOUT_MS,
    },
    pii: {
      NODE_ENV: env.NODE_ENV,
      PII_ENCRYPTION_KEYS: env.PII_ENCRYPTION_KEYS,
      PII_ACTIVE_KEY_ID: env.PII_ACTIVE_KEY_ID,
      PII_BLIND_INDEX_KEY: env.PII_BLIND_INDEX_KEY,
    },
    webhooks: { secrets: webhookSecretsOf(env), perChannelPerMinute: env.WEBHOOK_RATE_LIMIT_PER_MINUTE },
    slaTimerPollMs: env.SLA_TIMER_POLL_MS,
    questionnaire: {
      secret: env.QUESTIONNAIRE_LINK_SECRET ?? questionnaireSecretOutsideProduction(service, production, problems),
      baseUrl: (env.QUESTIONNAIRE_BASE_URL ?? 'http://127.0.0.1:8080').replace(/(?<!\/)\/+$/, ''),
      ttlSeconds: env.QUESTIONNAIRE_LINK_TTL_SECONDS,
      perClientPerMinute: env.QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE,
    },
    notifications: {
      feedPollMs: env.NOTIFICATION_FEED_POLL_MS,
      streamHeartbeatMs: env.NOTIFICATION_STREAM_HEARTBEAT_MS,
      deliveryPollMs: env.NOTIFICATION_DELIVERY_POLL_MS,
      deliveryTimeoutMs: env.NOTIFICATION_DELIVERY_TIMEOUT_MS,
      deliveryMaxAttempts: env.NOTIFICATION_DELIVERY_MAX_ATTEMPTS,
      deliveryBackoffMs: env.NOTIFICATION_DELIVERY_BACKOFF_MS,
      retentionDays: env.NOTIFICATION_RETENTION_DAYS,
      webhookDestinations: {
        httpsOnly: production,
        ...portsOf(env.NOTIFICATION_WEBHOOK_PORTS, problems),
        allowedNetworks: networksOf(env.NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS, production, problems),
      },
    },
  };
  problems.push(...connectionsForConsumers(env), ...handlerTimeoutAboveStatements(env), ...migrationBudgetHoldsAWait(env));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** NOTIFICATION_WEBHOOK_PORTS as numbers (its form is the schema's; the range is checked here). */
function portsOf(list: string | undefined, problems: string[]): { ports?: readonly number[] } {
  if (list === undefined || list === 'any') return {};
  const ports = [...new Set(list.split(',').map((p) => Number(p.trim())))].sort((a, b) => a - b);
  const outside = ports.filter((p) => p < 1 || p > 65_535);
  if (outside.length > 0) problems.push(`NOTIFICATION_WEBHOOK_PORTS names ${outside.join(', ')}, outside 1–65535`);
  return { ports };
}

/** Receivers on the machine itself serve development and tests; production reaches none unless named. */
const LOOPBACK_NETWORKS = ['127.0.0.0/8', '::1/128'];

/** NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS as CIDRs, each checked to be one (its form is the schema's). */
function networksOf(list: string | undefined, production: boolean, problems: string[]): readonly string[] {
  if (list === undefined) return production ? [] : LOOPBACK_NETWORKS;
  if (list === 'none') return [];
  const networks = [...new Set(list.split(',').map((n) => n.trim()))];
  const problem = (network: string): string | undefined => {
    if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(network) && !ipaddr.IPv6.isValidCIDR(network)) return 'not a network in CIDR form (e.g. 10.20.0.0/16)';
    const cidr = ipaddr.parseCIDR(network);
    // Deliveries judge an IPv4-mapped address as IPv4, so such a network would never match.
    if (cidr[0].kind() === 'ipv6' && cidr[1] >= 96 && cidr[0].match(IPV4_MAPPED)) return 'an IPv4 network written as IPv6: name it as IPv4 (e.g. 10.0.0.0/8)';
    if (production && REACHES_THE_MACHINE.some((address) => address.kind() === cidr[0].kind() && address.match(cidr))) {
      return 'a network holding the machine itself or the link-local metadata endpoint, which production never delivers to';
    }
    return undefined;
  };
  for (const network of networks) {
    const why = problem(network);
    if (why !== undefined) problems.push(`NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS names ${network}: ${why}`);
  }
  return networks;
}
const IPV4_MAPPED = ipaddr.parseCIDR('::ffff:0:0/96');
/** Loopback, and the link-local metadata endpoints of the clouds (IPv4, and AWS's IPv6 one). */
const REACHES_THE_MACHINE = ['127.0.0.1', '::1', '169.254.169.254', 'fe80::1', 'fd00:ec2::254'].map((address) => ipaddr.parse(address));

/** A published key is fine for development and tests; production must sign with its own. */
function questionnaireSecretOutsideProduction(service: ServiceName, production: boolean, problems: string[]): string {
  if (production && service === 'callbacks') problems.push('QUESTIONNAIRE_LINK_SECRET is required in production');
  return 'dev-questionnaire-secret-0123456789abcdef';
}

/** Comma-separated host:port list, as KAFKA_BROKERS holds it. */
export function splitBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/**
 * Each partition consumed at once holds one of the pool's connections for its batch's transaction;
 * the HTTP requests, the relay and the due-work loops share the rest. With half the pool or more
 * taken so, a burst of events starves the API of connections: its requests wait out the connect
 * timeout and answer 503 while nothing is down.
 */
function connectionsForConsumers(env: Environment): string[] {
  const partitions = env.CONSUMER_PARTITIONS_CONCURRENTLY;
  const pool = env.DATABASE_POOL_SIZE;
  if (partitions * 2 < pool) return [];
  return [`CONSUMER_PARTITIONS_CONCURRENTLY is ${partitions}: it must be below half of DATABASE_POOL_SIZE (${pool}); raise the pool size with it`];
}

/** A budget below one lock wait would cut every wait short of the timeout the deployment chose. */
function migrationBudgetHoldsAWait(env: Environment): string[] {
  const budget = env.MIGRATION_LOCK_BUDGET_MS;
  const wait = env.MIGRATION_LOCK_TIMEOUT_MS;
  if (budget >= wait) return [];
  return [`MIGRATION_LOCK_BUDGET_MS is ${budget}: it must be at least MIGRATION_LOCK_TIMEOUT_MS (${wait}), so that a run can wait for a lock as long as one wait lasts`];
}

/**
 * A consumer transaction's time must outlast its statements': a Postgres that stops answering fails
 * a statement with its read timeout, which the consumer takes for an outage and retries until
 * Postgres is back; a handler timeout ending the transaction first is counted as an attempt, and
 * good events were dead-lettered during the outage after CONSUMER_MAX_ATTEMPTS of them.
 */
function handlerTimeoutAboveStatements(env: Environment): string[] {
  const handler = env.CONSUMER_HANDLER_TIMEOUT_MS;
  const statement = env.DATABASE_QUERY_TIMEOUT_MS;
  if (handler > statement) return [];
  return [`CONSUMER_HANDLER_TIMEOUT_MS is ${handler}: it must be above DATABASE_QUERY_TIMEOUT_MS (${statement}), so that a statement Postgres does not answer fails first, as an outage`];
}

/**
 * The environment with the schema's problems added to `problems` instead of thrown, and the
 * invalid variables' defaults standing in, so the rules across variables still run on the values
 * that did pass and nothing waits for a second start.
 */
export function readEnvironmentKeepingProblems(source: Env, problems: string[]): Environment {
  try {
    return readEnvironment(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return readEnvironment(withoutInvalid(source, error.problems));
  }
}

/** The source without the variables a problem names, so their defaults stand in. */
function withoutInvalid(source: Env, problems: readonly string[]): Env {
  const invalid = new Set(problems.map((problem) => problem.split(' ', 1)[0]));
  return Object.fromEntries(Object.entries(source).filter(([name]) => !invalid.has(name)));
}

function webhookSecretsOf(env: Environment): ServiceConfig['webhooks']['secrets'] {
  const secrets: Record<string, string | undefined> = {};
  for (const channel of WEBHOOK_CHANNELS) {
    const name = `WEBHOOK_SECRET_${channel.toUpperCase()}` as const;
    secrets[name] = env[name as `WEBHOOK_SECRET_${Uppercase<string>}`];
  }
  return { ...secrets, NODE_ENV: env.NODE_ENV };
}

function authOf(env: Environment, production: boolean, problems: string[]): Omit<ServiceConfig['auth'], 'maxTokenLifetimeSeconds'> {
  const mode = env.AUTH_MODE ?? (production ? 'jwks' : 'hs256');
  const issuer = env.JWT_ISSUER;
  const audience = env.JWT_AUDIENCE;
  if (mode === 'jwks') {
    const jwksUrl = env.JWT_JWKS_URL;
    if (!jwksUrl && !problems.some((p) => p.startsWith('JWT_JWKS_URL '))) {
      problems.push('JWT_JWKS_URL must be an http(s) URL when AUTH_MODE=jwks');
    }
    // The keys every token is checked by: fetched in clear, anyone on the way to the identity
    // provider could hand the services a key of their own and sign any role.
    if (production && jwksUrl?.startsWith('http:')) problems.push('JWT_JWKS_URL must be https in production');
    // An identity provider signs tokens for every application it serves with the same keys: without
    // these, a token it issued to another application, carrying a role, would be taken here.
    if (production && !issuer) problems.push('JWT_ISSUER must be set in production: the `iss` this platform accepts');
    if (production && !audience) problems.push('JWT_AUDIENCE must be set in production: the `aud` the identity provider gives this platform');
    return { mode, jwksUrl, issuer, audience };
  }
  if (production) problems.push('AUTH_MODE=hs256 is for development and tests; production verifies RS256 via JWKS');
  return { mode, secret: env.JWT_SECRET, issuer, audience };
}
