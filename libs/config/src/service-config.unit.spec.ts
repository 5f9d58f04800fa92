import { ConfigError, DEV_JWT_SECRET, loadServiceConfig } from './service-config';

/** A complete production configuration. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://reporting:x@db/cs',
  KAFKA_BROKERS: 'k1:9092, k2:9092',
  REDIS_URL: 'redis://redis:6379',
  JWT_JWKS_URL: 'https://sso.example.com/.well-known/jwks.json',
  JWT_ISSUER: 'https://sso.example.com/',
  JWT_AUDIENCE: 'cs-platform',
  PORT: '8080',
};

describe('loadServiceConfig', () => {
  it('given an empty development environment, it falls back to the local infrastructure', () => {
    const config = loadServiceConfig('tickets', {});
    expect(config.port).toBe(3002);
    expect(config.database.schema).toBe('tickets');
    expect(config.database.url).toBe('postgres://tickets:tickets-dev-password@127.0.0.1:5432/cs');
    expect(config.kafka.brokers).toEqual(['127.0.0.1:19092']);
    expect(config.auth).toEqual({ mode: 'hs256', secret: DEV_JWT_SECRET, issuer: undefined, audience: undefined, maxTokenLifetimeSeconds: 86_400 });
  });

  it('given production without its required variables, it reports every problem at once', () => {
    const error = captureError(() => loadServiceConfig('intake', { NODE_ENV: 'production', PORT: 'abc' }));
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL is required in production');
    expect(problems).toContain('KAFKA_BROKERS is required in production');
    expect(problems).toContain('JWT_JWKS_URL');
    expect(problems).toContain('PORT must be an integer');
  });

  it('given production fetching its signing keys over plain http, it refuses to start', () => {
    const error = captureError(() => loadServiceConfig('intake', { ...PRODUCTION, JWT_JWKS_URL: 'http://sso.example.com/.well-known/jwks.json' }));
    expect((error as ConfigError).problems).toContain('JWT_JWKS_URL must be https in production');
    expect(loadServiceConfig('intake', { JWT_JWKS_URL: 'http://127.0.0.1:8081/jwks.json', AUTH_MODE: 'jwks' }).auth).toMatchObject({ mode: 'jwks' });
  });

  it('given production without the issuer or the audience its tokens must name, it refuses to start: the identity provider signs other applications\' tokens with the same keys', () => {
    const { JWT_ISSUER: _issuer, JWT_AUDIENCE: _audience, ...open } = PRODUCTION;
    const error = captureError(() => loadServiceConfig('intake', open));
    expect((error as ConfigError).problems).toEqual([
      'JWT_ISSUER must be set in production: the `iss` this platform accepts',
      'JWT_AUDIENCE must be set in production: the `aud` the identity provider gives this platform',
    ]);
    expect(loadServiceConfig('intake', { AUTH_MODE: 'jwks', JWT_JWKS_URL: 'http://127.0.0.1:8081/jwks.json' }).auth).toMatchObject({ issuer: undefined, audience: undefined });
  });

  it('believes one proxy’s X-Forwarded-For entry unless told how many stand in front, from none to ten', () => {
    expect(loadServiceConfig('callbacks', {}).trustedProxyHops).toBe(1);
    expect(loadServiceConfig('callbacks', { TRUSTED_PROXY_HOPS: '0' }).trustedProxyHops).toBe(0);
    const error = captureError(() => loadServiceConfig('callbacks', { TRUSTED_PROXY_HOPS: 'true' }));
    expect((error as ConfigError).problems.join('\n')).toContain('TRUSTED_PROXY_HOPS');
  });

  it('lets webhook subscriptions reach any port unless NOTIFICATION_WEBHOOK_PORTS names some, each within 1–65535', () => {
    const ports = (env: Record<string, string>) => loadServiceConfig('notifications', env).notifications.webhookDestinations.ports;
    expect(ports({})).toBeUndefined();
    expect(ports({ NOTIFICATION_WEBHOOK_PORTS: 'any' })).toBeUndefined();
    expect(ports({ NOTIFICATION_WEBHOOK_PORTS: '8443, 443,443' })).toEqual([443, 8443]);
    for (const value of ['0', '443,70000', 'https', '443;80', 'any,443']) {
      const error = captureError(() => loadServiceConfig('notifications', { NOTIFICATION_WEBHOOK_PORTS: value }));
      expect({ value, problems: (error as ConfigError).problems }).toEqual({ value, problems: [expect.stringContaining('NOTIFICATION_WEBHOOK_PORTS')] });
    }
  });

  it('lets webhook deliveries reach the machine itself outside production, no private network in it, and the networks NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS names', () => {
    const networks = (env: Record<string, string>) => loadServiceConfig('notifications', env).notifications.webhookDestinations.allowedNetworks;
    expect(networks({})).toEqual(['127.0.0.0/8', '::1/128']);
    expect(networks({ NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: 'none' })).toEqual([]);
    expect(networks({ NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, fd00:20::/64,10.20.0.0/16' })).toEqual(['10.20.0.0/16', 'fd00:20::/64']);
    const production = { ...PRODUCTION, NOTIFICATION_WEBHOOK_PORTS: '443' };
    expect(loadServiceConfig('notifications', production).notifications.webhookDestinations).toEqual({ httpsOnly: true, ports: [443], allowedNetworks: [] });
    expect(networks({ ...production, NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16' })).toEqual(['10.20.0.0/16']);
    for (const value of ['10.20.0.0', '10/8', '10.20.0.0/33', 'fd00::/129', 'none,10.0.0.0/8', 'any', '::ffff:10.0.0.0/104']) {
      const error = captureError(() => loadServiceConfig('notifications', { NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: value }));
      expect({ value, problems: (error as ConfigError).problems }).toEqual({ value, problems: [expect.stringContaining('NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS')] });
    }
    // Production never reaches the machine itself or the metadata endpoint, however wide the network named.
    for (const value of ['0.0.0.0/0', '127.0.0.0/8', '169.254.0.0/16', '::/0', 'fe80::/10', 'fd00:ec2::/32']) {
      const error = captureError(() => loadServiceConfig('notifications', { ...production, NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: `10.20.0.0/16,${value}` }));
      expect({ value, problems: (error as ConfigError).problems }).toEqual({ value, problems: [expect.stringMatching(new RegExp(`names ${value.replace(/[./]/g, '\\$&')}: a network holding the machine itself`))] });
    }
    expect(networks({ NOTIFICATION_WEBHOOK_ALLOWED_NETWORKS: '0.0.0.0/0' })).toEqual(['0.0.0.0/0']);
  });

  it('refuses hs256 in production even with a secret', () => {
    const error = captureError(() =>
      loadServiceConfig('intake', {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://intake:x@db/cs',
        KAFKA_BROKERS: 'kafka:9092',
        REDIS_URL: 'redis://redis:6379',
        AUTH_MODE: 'hs256',
        JWT_SECRET: 'a'.repeat(40),
      }),
    );
    expect((error as ConfigError).problems).toEqual([
      'AUTH_MODE=hs256 is for development and tests; production verifies RS256 via JWKS',
    ]);
  });

  it('accepts a complete production configuration', () => {
    const config = loadServiceConfig('reporting', PRODUCTION);
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.auth.mode).toBe('jwks');
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(8080);
  });

  it('reads the longest token lifetime from JWT_MAX_LIFETIME_SECONDS, within bounds', () => {
    expect(loadServiceConfig('tickets', { JWT_MAX_LIFETIME_SECONDS: '3600' }).auth.maxTokenLifetimeSeconds).toBe(3600);
    for (const value of ['0', 'forever', '1e20']) {
      const error = captureError(() => loadServiceConfig('tickets', { JWT_MAX_LIFETIME_SECONDS: value }));
      expect((error as ConfigError).problems).toEqual([`JWT_MAX_LIFETIME_SECONDS must be an integer between 60 and 604800 (got "${value}")`]);
    }
  });

  it('refuses to consume half the pool\'s partitions at once or more, which would leave the API without connections in a burst of events', () => {
    expect(loadServiceConfig('tickets', { DATABASE_POOL_SIZE: '20', CONSUMER_PARTITIONS_CONCURRENTLY: '6' }).consumer.partitionsConcurrently).toBe(6);
    expect(loadServiceConfig('tickets', {}).consumer.partitionsConcurrently).toBe(3);
    for (const [pool, partitions] of [['10', '5'], ['4', '3'], ['10', '6']] as const) {
      const error = captureError(() => loadServiceConfig('tickets', { DATABASE_POOL_SIZE: pool, CONSUMER_PARTITIONS_CONCURRENTLY: partitions }));
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^CONSUMER_PARTITIONS_CONCURRENTLY is \d+: it must be below half of DATABASE_POOL_SIZE/)]);
    }
    // A pool size refused on its own is not blamed on the partitions as well.
    expect((captureError(() => loadServiceConfig('tickets', { DATABASE_POOL_SIZE: '0' })) as ConfigError).problems).toEqual([expect.stringContaining('DATABASE_POOL_SIZE must be')]);
  });

  it('refuses a handler timeout not above the statements\' timeout, which would count a Postgres that stops answering as a handler failing, and dead-letter good events', () => {
    expect(loadServiceConfig('tickets', {}).consumer.handlerTimeoutMs).toBe(60_000);
    expect(loadServiceConfig('tickets', { CONSUMER_HANDLER_TIMEOUT_MS: '5000', DATABASE_QUERY_TIMEOUT_MS: '4000' }).consumer.handlerTimeoutMs).toBe(5_000);
    for (const [handler, statement] of [['30000', '30000'], ['10000', '30000']] as const) {
      const error = captureError(() => loadServiceConfig('tickets', { CONSUMER_HANDLER_TIMEOUT_MS: handler, DATABASE_QUERY_TIMEOUT_MS: statement }));
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^CONSUMER_HANDLER_TIMEOUT_MS is \d+: it must be above DATABASE_QUERY_TIMEOUT_MS/)]);
    }
  });

  it('given no migration lock settings, a migration waits 2 s for a lock and is tried six times in all, the run waiting 120 s at most (ADR 0100)', () => {
    expect(loadServiceConfig('tickets', {}).database.migrationLocks).toEqual({ timeoutMs: 2_000, attempts: 6, budgetMs: 120_000 });
  });

  it('given MIGRATION_LOCK_TIMEOUT_MS, MIGRATION_LOCK_ATTEMPTS and MIGRATION_LOCK_BUDGET_MS, the migration Job waits and tries as a deployment says', () => {
    expect(
      loadServiceConfig('tickets', { MIGRATION_LOCK_TIMEOUT_MS: '500', MIGRATION_LOCK_ATTEMPTS: '3', MIGRATION_LOCK_BUDGET_MS: '30000' }).database.migrationLocks,
    ).toEqual({ timeoutMs: 500, attempts: 3, budgetMs: 30_000 });
  });

  it('refuses a MIGRATION_LOCK_BUDGET_MS below MIGRATION_LOCK_TIMEOUT_MS, naming both: every wait would be cut short of the timeout', () => {
    const error = captureError(() => loadServiceConfig('tickets', { MIGRATION_LOCK_TIMEOUT_MS: '60000', MIGRATION_LOCK_BUDGET_MS: '30000' }));
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^MIGRATION_LOCK_BUDGET_MS is 30000: it must be at least MIGRATION_LOCK_TIMEOUT_MS \(60000\)/)]);
    expect(loadServiceConfig('tickets', { MIGRATION_LOCK_TIMEOUT_MS: '60000', MIGRATION_LOCK_BUDGET_MS: '60000' }).database.migrationLocks.budgetMs).toBe(60_000);
  });

  it.each([
    ['MIGRATION_LOCK_TIMEOUT_MS', '0', 'an integer between 100 and 60000'],
    ['MIGRATION_LOCK_TIMEOUT_MS', '2s', 'an integer between 100 and 60000'],
    ['MIGRATION_LOCK_TIMEOUT_MS', '600000', 'an integer between 100 and 60000'],
    ['MIGRATION_LOCK_ATTEMPTS', '0', 'an integer between 1 and 8'],
    ['MIGRATION_LOCK_ATTEMPTS', '20', 'an integer between 1 and 8'],
    ['MIGRATION_LOCK_BUDGET_MS', '500', 'an integer between 1000 and 120000'],
    ['MIGRATION_LOCK_BUDGET_MS', '600000', 'an integer between 1000 and 120000'],
  ])('refuses %s=%s, naming it: a wait with no bound, or attempts past the Job\'s deadline', (name, value, expected) => {
    const error = captureError(() => loadServiceConfig('tickets', { [name]: value }));
    expect((error as ConfigError).problems).toEqual([`${name} must be ${expected} (got "${value}")`]);
  });

  it('given KAFKA_TOPIC_PREFIX, it keeps the prefix; without it, the platform uses its own names', () => {
    expect(loadServiceConfig('tickets', { KAFKA_TOPIC_PREFIX: 'fuzz-1' }).kafka.topicPrefix).toBe('fuzz-1');
    expect(loadServiceConfig('tickets', {}).kafka.topicPrefix).toBe('');
  });

  it.each(['Fuzz', 'fuzz.run', '-fuzz', 'fuzz-', 'a'.repeat(41), 'fuzz run'])(
    'rejects the topic prefix "%s", which could collide with or escape another namespace',
    (prefix) => {
      const error = captureError(() => loadServiceConfig('tickets', { KAFKA_TOPIC_PREFIX: prefix }));
      expect((error as ConfigError).problems).toEqual([expect.stringContaining('KAFKA_TOPIC_PREFIX')]);
    },
  );

  it('rejects a schema name that is not a safe SQL identifier', () => {
    const error = captureError(() => loadServiceConfig('intake', { DATABASE_SCHEMA: 'intake; drop' }));
    expect((error as ConfigError).problems[0]).toContain('DATABASE_SCHEMA');
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
