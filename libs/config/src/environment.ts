import { type Static, type TSchema, Type } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { DEFAULT_PORTS, SERVICE_NAMES, type ServiceName } from './services';

/** The process environment, or a test's stand-in for it. */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Documented default; refused in production so no deployment runs with a known secret. */
export const DEV_JWT_SECRET = 'dev-secret-change-me-0123456789abcdef';

/** Where `scripts/infra.sh` runs Kafka and Redis; used outside production when unset. */
export const DEV_KAFKA_BROKERS = '127.0.0.1:19092';
export const DEV_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A migration's lock wait and attempts unless MIGRATION_LOCK_TIMEOUT_MS and MIGRATION_LOCK_ATTEMPTS
 * say otherwise (ADR 0100): 6 attempts of 2 s and the pauses between them (1 s, doubled each time)
 * are 43 s.
 */
export const DEFAULT_MIGRATION_LOCK_TIMEOUT_MS = 2_000;
export const DEFAULT_MIGRATION_LOCK_ATTEMPTS = 6;
/**
 * The longest one service's migration run waits for locks, from its start, unless
 * MIGRATION_LOCK_BUDGET_MS says (ADR 0100). The db-migrate Job runs the six services' runs one
 * after another within its 900 s deadline: six of 120 s leave 180 s for provisioning, the
 * containers' starts and the migrations' transactional work, so a run stopped by a lock says why
 * before the deadline would end it unheard, whatever the timeout, the attempts, or how many
 * statements wait. Online steps (index builds, outside a transaction) are not counted and have
 * no bound (ADR 0064): one longer than what is left takes the Job past its deadline, which then
 * names no lock, as ADR 0100 says.
 */
export const DEFAULT_MIGRATION_LOCK_BUDGET_MS = 120_000;
export const MAX_MIGRATION_LOCK_BUDGET_MS = 120_000;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const ENVIRONMENTS = ['development', 'test', 'production'] as const;
export const AUTH_MODES = ['hs256', 'jwks'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The gateways that deliver by webhook, each with its own WEBHOOK_SECRET_<CHANNEL>. */
export const WEBHOOK_CHANNELS = ['email', 'sms', 'wechat', 'qq', 'web_chat', 'social'] as const;

/** Annotations the schema carries for problem messages and the generated documentation. */
interface Annotations {
  readonly description: string;
  /** Documents a default that depends on the service or NODE_ENV, which `default` cannot express. */
  readonly 'x-default'?: string;
  /** What a valid value looks like, for a value that does not match `pattern`. */
  readonly 'x-expected'?: string;
  /** Never echoed in a problem message. */
  readonly 'x-secret'?: boolean;
}

const integer = (annotations: Annotations, fallback: number, minimum: number, maximum: number) =>
  Type.Integer({ ...annotations, default: fallback, minimum, maximum });
const oneOf = <T extends string>(annotations: Annotations, values: readonly T[], fallback?: T) =>
  Type.Unsafe<T>({ ...annotations, type: 'string', enum: [...values], ...(fallback === undefined ? {} : { default: fallback }) });
const text = (annotations: Annotations, pattern?: RegExp, format?: Format) =>
  Type.Optional(Type.String({ ...annotations, minLength: 1, ...(pattern ? { pattern: pattern.source } : {}), ...(format ? { format } : {}) }));

/**
 * Checks a pattern cannot make, so a value the clients would fail on later is refused here:
 * `url` — a URL as the clients parse it (WHATWG: pg, redis, fetch), which one whose password holds
 * an unencoded `/`, `#` or `?`, or whose port is above 65535, is not; `host-ports` — each port 1–65535.
 */
const FORMATS = {
  url: (value: string) => URL.canParse(value),
  'host-ports': (value: string) =>
    value.split(',').every((entry) => {
      const port = Number(entry.trim().split(':').at(-1));
      return Number.isInteger(port) && port >= 1 && port <= 65_535;
    }),
} as const;
type Format = keyof typeof FORMATS;

/** How the URL problems name what usually breaks them: a generated password (base64 holds `/`). */
const ENCODED_USER_INFO = ', any / # ? in its user name or password percent-encoded (%2F %23 %3F), its port 1–65535';
const POSTGRES_URL = `a postgres:// URL${ENCODED_USER_INFO}`;
const secret = (description: string, minLength?: number) =>
  Type.Optional(Type.String({ description, 'x-secret': true, minLength: minLength ?? 1 }));

const dbPassword = (service: string) =>
  [
    `${service.toUpperCase()}_DB_PASSWORD`,
    Type.Optional(
      Type.String({
        description: `Password of the ${service} database role, set by \`db:provision\`; required there in production.`,
        'x-default': `\`${service}-dev-password\` outside production`,
        'x-secret': true,
        minLength: 1,
      }),
    ),
  ] as const;

const upstreamUrl = (service: ServiceName) =>
  [
    `UPSTREAM_${service.toUpperCase()}_URL`,
    text(
      {
        description: `gateway: base URL of the ${service} service it forwards ${service}'s \`/v1\` paths and OpenAPI document from.`,
        'x-default': `\`http://127.0.0.1:${DEFAULT_PORTS[service]}\``,
        'x-expected': 'an http(s) URL without a path',
      },
      /^https?:\/\/[^/\s]+\/?$/,
      'url',
    ),
  ] as const;

const webhookSecret = (channel: string) =>
  [
    `WEBHOOK_SECRET_${channel.toUpperCase()}`,
    Type.Optional(
      Type.String({
        description: `intake: HMAC secret of the ${channel} gateway's webhooks; required (32+ characters, unique) in production.`,
        'x-default': `\`dev-webhook-secret-${channel}\` outside production`,
        'x-secret': true,
        minLength: 1,
      }),
    ),
  ] as const;

/**
 * Every environment variable a service or command-line tool reads. Values are strings in the
 * environment; integers are converted and every default is applied here.
 */
export const ENVIRONMENT = Type.Object({
  NODE_ENV: oneOf({ description: 'Deployment stage; production requires the real connections and secrets and refuses the development ones.' }, ENVIRONMENTS, 'development'),
  PORT: Type.Optional(
    Type.Integer({ description: 'HTTP port.', 'x-default': '3001–3006 (intake, tickets, callbacks, knowledge, reporting, notifications); 3000 for the gateway', minimum: 1, maximum: 65535 }),
  ),
  HOST: text({ description: 'Interface the HTTP server binds to.', 'x-default': '`0.0.0.0` in production, else `127.0.0.1`' }),
  LOG_LEVEL: oneOf({ description: 'Lowest pino level written to the JSON log.' }, LOG_LEVELS, 'info'),
  npm_package_version: text({ description: 'Version shown in the OpenAPI document; npm sets it for `npm run`.', 'x-default': '`0.1.0`' }),

  DATABASE_URL: text(
    {
      description: "The service's Postgres connection, as its own role. Required in production.",
      'x-default': '`postgres://<service>:<service>-dev-password@127.0.0.1:5432/cs`',
      'x-expected': POSTGRES_URL,
      'x-secret': true,
    },
    /^postgres(ql)?:\/\//,
    'url',
  ),
  DATABASE_SCHEMA: text(
    { description: "The service's Postgres schema.", 'x-default': 'the service name', 'x-expected': 'a lower-case SQL identifier' },
    /^[a-z_][a-z0-9_]{0,62}$/,
  ),
  DATABASE_POOL_SIZE: integer({ description: 'Connections in the pool of each replica; one once opened stays open while idle, so size max_connections for every replica\'s full pool.' }, 10, 1, 200),
  DATABASE_PREPARED_STATEMENTS: oneOf(
    {
      description:
        'Whether a replica sends its frequent statements prepared, so Postgres parses and plans them once per connection; false only behind a connection pooler that does not keep prepared statements (transaction pooling).',
    },
    ['true', 'false'],
    'true',
  ),
  DATABASE_CONNECT_TIMEOUT_MS: integer(
    {
      description:
        'How long a query waits for a pooled connection (opening one, or one to come free) before the request is answered 503 DEPENDENCY.UNAVAILABLE; keeps answers quick while Postgres is unreachable.',
    },
    1_000,
    100,
    60_000,
  ),
  DATABASE_QUERY_TIMEOUT_MS: integer(
    {
      description:
        'How long a statement of a running service may go unanswered before it fails (a request gets 503 DEPENDENCY.UNAVAILABLE, a consumer retries) and its connection is closed: a Postgres that stops answering while its connections stay open would otherwise hold requests and connections until TCP gives up. Far above the longest statement a service runs while serving (counting a month of a million tickets into the rollups: none over 2 s); migrations and command-line tools have no limit (ADR 0050).',
    },
    30_000,
    1_000,
    600_000,
  ),
  MIGRATION_LOCK_TIMEOUT_MS: integer(
    {
      description:
        'How long a migration run in a transaction (the db-migrate Job, migrate.js) waits for each lock before it gives up and is tried again (ADR 0100): while it waits, every read and write of the table queues behind it, so this is the longest a rollout holds a table off at a time. Index builds and drops online wait without it.',
    },
    DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
    100,
    60_000,
  ),
  MIGRATION_LOCK_ATTEMPTS: integer(
    {
      description:
        'How many times a migration whose lock wait gave up is tried, 1 s apart and doubling, before the run fails naming the statement, the tables held and by whom (ADR 0100); at most 8. The run stops sooner, naming them too, once MIGRATION_LOCK_BUDGET_MS is spent.',
    },
    DEFAULT_MIGRATION_LOCK_ATTEMPTS,
    1,
    8,
  ),
  MIGRATION_LOCK_BUDGET_MS: integer(
    {
      description:
        'How long, from its start, one service\'s migration run (a step of the db-migrate Job, migrate.js) may wait for locks in all, its attempts, their pauses and statements waiting one after another counted together (the work of online steps outside a transaction, index builds, is not), before it stops naming the statement, the tables held and by whom, exit code 75 (ADR 0100). At least MIGRATION_LOCK_TIMEOUT_MS; at most 120000, so that the six services\' runs end within the Job\'s 900 s deadline.',
    },
    DEFAULT_MIGRATION_LOCK_BUDGET_MS,
    1_000,
    MAX_MIGRATION_LOCK_BUDGET_MS,
  ),
  DATABASE_ADMIN_URL: text(
    { description: '`db:provision`: a superuser connection that creates the roles and schemas.', 'x-expected': POSTGRES_URL, 'x-secret': true },
    /^postgres(ql)?:\/\//,
    'url',
  ),
  ...Object.fromEntries(SERVICE_NAMES.map(dbPassword)),

  KAFKA_BROKERS: text(
    {
      description: 'Comma-separated Kafka bootstrap brokers. Required in production.',
      'x-default': '`127.0.0.1:19092`',
      'x-expected': 'a comma-separated list of host:port, each port 1–65535',
    },
    /^\s*[^:\s,]+:\d+\s*(,\s*[^:\s,]+:\d+\s*)*$/,
    'host-ports',
  ),
  KAFKA_CLIENT_ID: text({ description: 'Kafka client id.', 'x-default': 'the service name' }),
  KAFKA_TOPIC_PARTITIONS: integer({ description: 'Partitions of topics the platform creates.' }, 6, 2, 1000),
  KAFKA_REPLICATION_FACTOR: integer({ description: 'Replication factor of topics the platform creates.' }, 1, 1, 10),
  KAFKA_TOPIC_PREFIX: text(
    {
      description:
        'Namespace of a second copy of the platform on the same brokers (a fuzzing or test instance): prefixed to every topic, consumer group and dead-letter topic, and to its Redis channels, presence and rate-limit counters.',
      'x-default': 'none: the platform’s own names',
      'x-expected': 'lower-case letters, digits and inner hyphens, at most 40 characters',
    },
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
  ),
  KAFKA_ENSURE_TOPICS: oneOf({ description: 'Whether a service creates its missing topics at start-up.' }, ['true', 'false'], 'true'),

  REDIS_URL: text(
    { description: 'Redis for idempotency keys, rate limits and caches. Required in production.', 'x-default': '`redis://127.0.0.1:6379`', 'x-expected': `a redis:// URL${ENCODED_USER_INFO}`, 'x-secret': true },
    /^rediss?:\/\//,
    'url',
  ),
  REDIS_ANSWER_TIMEOUT_MS: integer(
    {
      description:
        'How long a PING, sent this often, may go unanswered before the connection to Redis counts as stopped and is replaced: the commands waiting on it fail (rate limits counted per replica, requests with an Idempotency-Key 503) instead of waiting for a Redis that stopped answering with its connection open.',
    },
    1_000,
    100,
    60_000,
  ),

  AUTH_MODE: Type.Optional(
    oneOf({ description: 'How bearer tokens are verified: HS256 with JWT_SECRET (development, tests) or RS256 via JWKS.', 'x-default': '`jwks` in production, else `hs256`' }, AUTH_MODES),
  ),
  JWT_SECRET: Type.String({
    description: 'HS256 signing secret (AUTH_MODE=hs256 and the `token` CLI); at least 32 characters.',
    default: DEV_JWT_SECRET,
    'x-default': 'the published development secret (refused in production, with AUTH_MODE=hs256)',
    'x-secret': true,
    minLength: 32,
  }),
  JWT_JWKS_URL: text({ description: 'JWKS of the identity provider; required when AUTH_MODE=jwks.', 'x-expected': 'an http(s) URL' }, /^https?:\/\//, 'url'),
  JWT_ISSUER: text({ description: 'Required `iss` claim, when set; must be set in production.' }),
  JWT_AUDIENCE: text({ description: 'Required `aud` claim, when set; must be set in production.' }),
  JWT_MAX_LIFETIME_SECONDS: integer({ description: 'The longest lifetime a bearer token may be minted with.' }, 86_400, 60, 7 * 86_400),

  OUTBOX_POLL_INTERVAL_MS: integer({ description: 'How often the outbox relay looks for unpublished events.' }, 200, 10, 60_000),
  OUTBOX_BATCH_SIZE: integer({ description: 'Events the relay publishes per round.' }, 200, 1, 5_000),
  OUTBOX_RETENTION_HOURS: integer({ description: 'How long published outbox rows are kept.' }, 168, 1, 24 * 365),
  OUTBOX_STOP_TIMEOUT_MS: integer({ description: 'How long shutdown waits for the relay to finish its batch.' }, 10_000, 100, 60_000),
  CONSUMER_MAX_ATTEMPTS: integer({ description: 'Attempts at a message before it goes to the dead-letter topic.' }, 5, 1, 100),
  CONSUMER_INITIAL_BACKOFF_MS: integer({ description: 'First retry delay of a failing message; doubles per attempt.' }, 200, 1, 60_000),
  CONSUMER_STOP_TIMEOUT_MS: integer({ description: 'How long shutdown waits for the message in hand.' }, 10_000, 100, 60_000),
  CONSUMER_BATCH_SIZE: integer({ description: 'Events of one partition handled as one chunk; the chunks of the partitions a fetch brings share a transaction, and a chunk that fails alone goes one event at a time.' }, 50, 1, 1_000),
  CONSUMER_COMMIT_INTERVAL_MS: integer(
    { description: 'How often a consumer commits the offsets of the events it handled; the inbox skips what a crash or rebalance makes it read again.' },
    500,
    10,
    60_000,
  ),
  CONSUMER_SESSION_TIMEOUT_MS: integer(
    {
      description:
        'How long the broker waits for a consumer\'s heartbeat before giving its partitions to the group\'s other members, and how long a restarted broker holds a group for members that crashed meanwhile; heartbeats go every third of it, 3 s at most. Within the broker\'s group.min/max.session.timeout.ms.',
    },
    10_000,
    6_000,
    300_000,
  ),
  CONSUMER_HANDLER_TIMEOUT_MS: integer(
    {
      description:
        'How long one consumer transaction\'s handlers may run before it fails and its connection is closed (nothing of it is written): a handler awaiting something that never answers would otherwise hold its partition for ever. The failure goes as any other: the events tried alone, retried, dead-lettered after CONSUMER_MAX_ATTEMPTS. Above DATABASE_QUERY_TIMEOUT_MS, so a slow statement fails first with its own error (a service refuses to start otherwise).',
    },
    60_000,
    1_000,
    600_000,
  ),
  CONSUMER_PARTITIONS_CONCURRENTLY: integer({ description: 'Partitions a replica consumes at once, each in order; at most a topic\'s partitions, and below half DATABASE_POOL_SIZE (a service refuses to start otherwise).' }, 3, 1, 100),

  PII_ENCRYPTION_KEYS: secret('intake: customer data keys, `keyId:base64,keyId:base64` (32 bytes each); required in production.'),
  PII_ACTIVE_KEY_ID: text({ description: 'intake: the key id new ciphertexts use; required with PII_ENCRYPTION_KEYS.', 'x-default': '`dev` outside production' }),
  PII_BLIND_INDEX_KEY: secret('intake: base64 of the 32-byte key of the search index over phone numbers; required in production.'),
  ...Object.fromEntries(WEBHOOK_CHANNELS.map(webhookSecret)),
  WEBHOOK_RATE_LIMIT_PER_MINUTE: integer({ description: 'intake: webhook deliveries per channel and minute before 429.' }, 600, 1, 1_000_000),

  CORS_ORIGINS: text(
    {
      description:
        'Browser origins allowed to call the API across origins (gateway and services), comma-separated, e.g. `https://desk.example.com,https://admin.example.com`.',
      'x-default': 'outside production any `http://localhost:<port>` and `http://127.0.0.1:<port>`; in production none',
      'x-expected': 'a comma-separated list of origins (scheme://host[:port])',
    },
    /^\s*https?:\/\/[^/\s,]+\s*(,\s*https?:\/\/[^/\s,]+\s*)*$/,
  ),
  GATEWAY_UPSTREAM_TIMEOUT_MS: integer(
    { description: 'gateway: how long a service may take to start answering a forwarded request (and to connect, at most 5 s of it) before the client gets 504 GATEWAY.UPSTREAM_TIMEOUT, which says a write may have been applied and invites a retry (Retry-After) only of a read or of a write under an Idempotency-Key its operation reads (every POST, and a route documenting the header); a live stream then runs as long as it sends.' },
    60_000,
    100,
    600_000,
  ),
  TRUSTED_PROXY_HOPS: Type.Optional(
    Type.Integer({
      description:
        'Proxies in front of this process that add the client\'s address to X-Forwarded-For: the ingress, or the gateway in front of a service. The client is the address that many entries from the right; what a client wrote into the header itself is never believed (rate limits and logs key on it). 0 when clients connect directly.',
      'x-default':
        '1 for a service (the ingress or the gateway in front; up.sh, compose and the isolated copies set 0, their clients reaching the services directly); 0 for the gateway, which clients reach directly unless a deployment puts a proxy in front and says so (Kubernetes: 1, its Ingress)',
      minimum: 0,
      maximum: 10,
    }),
  ),
  DEV_TOKENS_ENABLED: oneOf(
    { description: 'gateway: serve `POST /v1/dev/token`, which mints HS256 tokens with JWT_SECRET for any role; refused in production.' },
    ['true', 'false'],
    'false',
  ),
  ...Object.fromEntries(SERVICE_NAMES.map(upstreamUrl)),

  SLA_TIMER_POLL_MS: integer({ description: 'tickets: how often due SLA timers are looked for.' }, 1_000, 10, 60_000),

  QUESTIONNAIRE_LINK_SECRET: secret('callbacks: the key questionnaire links are signed with; at least 32 characters, required in production.', 32),
  QUESTIONNAIRE_BASE_URL: text(
    { description: 'callbacks: the public origin questionnaire links point at (the gateway as customers reach it).', 'x-default': '`http://127.0.0.1:8080`', 'x-expected': 'an http(s) URL' },
    /^https?:\/\//,
    'url',
  ),
  QUESTIONNAIRE_LINK_TTL_SECONDS: integer({ description: 'callbacks: how long a questionnaire link can be answered, in seconds (3 days by default).' }, 259_200, 5, 30 * 86_400),
  QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE: integer(
    {
      description:
        'callbacks: questionnaire requests (the page and the answer, any link) per client and minute before 429; a client is an IPv4 address or an IPv6 /64, so customers behind one carrier NAT share it (docs/operations.md says when to raise it).',
    },
    30,
    1,
    100_000,
  ),

  NOTIFICATION_FEED_POLL_MS: integer({ description: 'notifications: how often new notifications are published to the live streams.' }, 250, 10, 60_000),
  NOTIFICATION_STREAM_HEARTBEAT_MS: integer({ description: 'notifications: how often an idle live stream gets a heartbeat comment.' }, 15_000, 100, 300_000),
  NOTIFICATION_RETENTION_DAYS: integer(
    { description: 'notifications: how many days a notification is kept, with its read marks and its webhook deliveries and their log; older ones are deleted, except one a delivery still waits for (a paused subscription).' },
    180,
    7,
    3_650,
  ),
  NOTIFICATION_DELIVERY_POLL_MS: integer({ description: 'notifications: how often due webhook deliveries are looked for.' }, 1_000, 10, 60_000),
  NOTIFICATION_DELIVERY_TIMEOUT_MS: integer({ description: 'notifications: how long a webhook receiver may take to answer one attempt.' }, 5_000, 100, 60_000),
  NOTIFICATION_DELIVERY_MAX_ATTEMPTS: integer({ description: 'notifications: attempts at a webhook delivery before it is marked failed.' }, 8, 1, 50),
  NOTIFICATION_WEBHOOK_PORTS: text(
    {
      description:
        'notifications: the ports a webhook subscription\'s URL may reach (a URL without one reaches 443 for https, 80 for http), comma-separated. Set it to what the network lets the service dial (the k8s egress policy opens 443), so a subscription that could never be delivered is refused when it is made (422 naming `url`). In production a URL must also be https.',
      'x-default': '`any`',
      'x-expected': '`any`, or comma-separated port numbers, e.g. `443,8443`',
    },
    /^(any|\s*\d{1,5}\s*(,\s*\d{1,5}\s*)*)$/,
  ),
  NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: text(
    {
      description:
        'notifications: the networks besides the public internet that webhook deliveries may reach, as comma-separated CIDRs (a company\'s own receivers on its private network, e.g. `10.20.0.0/16`). Deliveries to every other private, loopback, link-local or special-use address are refused: a URL naming one is refused when the subscription is made (422 naming `url`), and a host name resolving only to such addresses fails each attempt with "address not allowed", so a subscription cannot reach the cluster\'s inside (the cloud metadata endpoint, the pods, the data stores).',
      'x-default': '`none` in production; `127.0.0.0/8,::1/128` outside it',
      'x-expected': '`none`, or comma-separated CIDRs, e.g. `10.20.0.0/16,fd00:20::/64`',
    },
    /^(none|\s*[0-9A-Fa-f:.]+\/\d{1,3}\s*(,\s*[0-9A-Fa-f:.]+\/\d{1,3}\s*)*)$/,
  ),
  NOTIFICATION_DELIVERY_BACKOFF_MS: integer({ description: 'notifications: delay before the second attempt of a delivery; doubles per attempt, at most an hour.' }, 30_000, 10, 3_600_000),
});

/** The validated environment: integers converted, defaults applied. */
export type Environment = Static<typeof ENVIRONMENT> & Readonly<
    Partial<Record<`${Uppercase<string>}_DB_PASSWORD` | `WEBHOOK_SECRET_${Uppercase<string>}` | `UPSTREAM_${Uppercase<string>}_URL`, string>>
  >;

let compiled: ValidateFunction<Static<typeof ENVIRONMENT>> | undefined;

/**
 * Compiled by the first read, which every service, Job and CLI does as it starts (a schema that
 * does not compile still stops it there); a process importing this library only for its names and
 * defaults (a test suite) no longer compiles it.
 */
function environmentValidator(): ValidateFunction<Static<typeof ENVIRONMENT>> {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: true });
  for (const keyword of ['x-default', 'x-expected', 'x-secret']) ajv.addKeyword({ keyword });
  for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
  compiled = ajv.compile(ENVIRONMENT);
  return compiled;
}

/**
 * Reads and validates every variable of ENVIRONMENT, reporting every problem at once so an
 * operator fixes a broken deployment in one pass instead of one variable per restart. An empty
 * value counts as unset. Variables the schema does not know are ignored.
 */
export function readEnvironment(source: Env = process.env): Environment {
  const known = Object.keys(ENVIRONMENT.properties);
  const values: Record<string, string> = {};
  for (const name of known) {
    const value = source[name];
    if (value !== undefined && value !== '') values[name] = value;
  }
  const validate = environmentValidator();
  if (validate(values)) return values as Environment;
  throw new ConfigError(problemsOf(validate.errors ?? [], source));
}

/** One problem per variable, phrased from its schema. */
function problemsOf(errors: readonly ErrorObject[], source: Env): string[] {
  const problems = new Map<string, string>();
  for (const error of errors) {
    const name = error.instancePath.slice(1);
    if (problems.has(name)) continue;
    problems.set(name, describe(name, propertySchema(name), source[name] ?? ''));
  }
  return [...problems.values()];
}

function propertySchema(name: string): TSchema & Partial<Annotations> & Record<string, unknown> {
  return (ENVIRONMENT.properties as Record<string, TSchema & Partial<Annotations>>)[name] ?? { description: '' };
}

function describe(name: string, schema: ReturnType<typeof propertySchema>, raw: string): string {
  const got = schema['x-secret'] ? '' : ` (got "${raw}")`;
  if (schema['type'] === 'integer') return `${name} must be an integer between ${String(schema['minimum'])} and ${String(schema['maximum'])}${got}`;
  if (Array.isArray(schema['enum'])) return `${name} must be one of ${schema['enum'].join(', ')}${got}`;
  if (typeof schema['minLength'] === 'number' && raw.length < schema['minLength']) return `${name} must be at least ${schema['minLength']} characters`;
  return `${name} must be ${schema['x-expected'] ?? 'valid'}${got}`;
}
