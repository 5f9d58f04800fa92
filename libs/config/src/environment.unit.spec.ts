import { ConfigError, DEV_JWT_SECRET, readEnvironment } from './environment';
import { loadServiceConfig } from './service-config';

/** The problems a config read throws (@cs/testing depends on this lib, so it cannot help here). */
const problemsOf = async (read: () => unknown): Promise<readonly string[]> => {
  const outcome = await Promise.resolve().then(read).then(() => undefined, (error: unknown) => error);
  if (outcome instanceof ConfigError) return outcome.problems;
  throw new Error(`expected a ConfigError, got ${String(outcome)}`);
};

describe('readEnvironment', () => {
  it('given nothing set, applies the defaults and converts integers', () => {
    const env = readEnvironment({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.SLA_TIMER_POLL_MS).toBe(1_000);
    expect(env.JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(readEnvironment({ SLA_TIMER_POLL_MS: '200' }).SLA_TIMER_POLL_MS).toBe(200);
  });

  it('treats an empty value as unset', () => {
    expect(readEnvironment({ LOG_LEVEL: '', OUTBOX_BATCH_SIZE: '' })).toMatchObject({ LOG_LEVEL: 'info', OUTBOX_BATCH_SIZE: 200 });
  });

  it('reports every invalid variable at once, one problem each', async () => {
    expect(await problemsOf(() => readEnvironment({ LOG_LEVEL: 'loud', WEBHOOK_RATE_LIMIT_PER_MINUTE: '0', KAFKA_BROKERS: 'kafka' }))).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'KAFKA_BROKERS must be a comma-separated list of host:port, each port 1–65535 (got "kafka")',
      'WEBHOOK_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 1000000 (got "0")',
    ]);
  });

  it('never echoes a secret in a problem', async () => {
    const problems = await problemsOf(() => readEnvironment({ JWT_SECRET: 'short-secret', REDIS_URL: 'http://user:pw@redis' }));
    expect(problems).toEqual([expect.stringMatching(/^REDIS_URL must be a redis:\/\/ URL[^"]*$/), 'JWT_SECRET must be at least 32 characters']);
  });

  it('refuses a connection URL its client could not parse (an unencoded / # ? in the password, a port past 65535), naming it without echoing it', async () => {
    const refused = {
      DATABASE_URL: 'postgres://tickets:Zm9v/YmFy+cXV4@db:5432/cs',
      DATABASE_ADMIN_URL: 'postgres://postgres:pa#ss@db/cs',
      REDIS_URL: 'rediss://:pa?ss@redis:6380',
      KAFKA_BROKERS: 'k1:9092,k2:90920',
      UPSTREAM_TICKETS_URL: 'http://tickets:99999',
      QUESTIONNAIRE_BASE_URL: 'https://survey example.com',
      JWT_JWKS_URL: 'https://',
    };
    const problems = await problemsOf(() => readEnvironment(refused));
    expect(problems.map((problem) => problem.split(' ', 1)[0]).sort()).toEqual(Object.keys(refused).sort());
    expect(problems).toContain('DATABASE_URL must be a postgres:// URL, any / # ? in its user name or password percent-encoded (%2F %23 %3F), its port 1–65535');
    expect(problems.join('\n')).not.toMatch(/Zm9v|pa#ss|pa\?ss/);
    const accepted = readEnvironment({
      DATABASE_URL: 'postgres://tickets:Zm9v%2FYmFy+cXV4@db:5432/cs',
      DATABASE_ADMIN_URL: 'postgresql:///cs?host=/var/run/postgresql',
      REDIS_URL: 'rediss://:p@ss@redis:6380/2',
      KAFKA_BROKERS: 'k1:9092, k2:65535',
      UPSTREAM_TICKETS_URL: 'http://[::1]:3002/',
    });
    expect(accepted.KAFKA_BROKERS).toBe('k1:9092, k2:65535');
  });
});

describe('loadServiceConfig, for what one service reads', () => {
  it('hands intake its webhook limit, secrets and PII key variables, and tickets its timer interval', () => {
    const config = loadServiceConfig('intake', { WEBHOOK_RATE_LIMIT_PER_MINUTE: '20', WEBHOOK_SECRET_SMS: 's', PII_ACTIVE_KEY_ID: 'k1', SLA_TIMER_POLL_MS: '50' });
    expect(config.webhooks.perChannelPerMinute).toBe(20);
    expect(config.webhooks.secrets).toMatchObject({ NODE_ENV: 'development', WEBHOOK_SECRET_SMS: 's' });
    expect(config.pii).toMatchObject({ NODE_ENV: 'development', PII_ACTIVE_KEY_ID: 'k1' });
    expect(config.slaTimerPollMs).toBe(50);
  });

  it('hands callbacks its questionnaire limit per client and minute: 30 unless QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE says otherwise, a whole number from 1', async () => {
    expect(loadServiceConfig('callbacks', {}).questionnaire.perClientPerMinute).toBe(30);
    expect(loadServiceConfig('callbacks', { QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE: '300' }).questionnaire.perClientPerMinute).toBe(300);
    for (const refused of ['0', '2.5', 'many']) {
      expect(await problemsOf(() => loadServiceConfig('callbacks', { QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE: refused }))).toEqual([
        `QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE must be an integer between 1 and 100000 (got "${refused}")`,
      ]);
    }
  });

  it('reports schema problems together with the rules across variables', async () => {
    const problems = await problemsOf(() => loadServiceConfig('tickets', { NODE_ENV: 'production', SLA_TIMER_POLL_MS: 'soon' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        'SLA_TIMER_POLL_MS must be an integer between 10 and 60000 (got "soon")',
        'DATABASE_URL is required in production',
        'JWT_JWKS_URL must be an http(s) URL when AUTH_MODE=jwks',
      ]),
    );
  });
});
