import { WebhookSecretConfigError, devWebhookSecret, webhookSecretsFromEnv } from './webhook-secrets';

const CHANNELS = ['email', 'sms', 'wechat'] as const;
const strong = (label: string): string => `${label}-${'s'.repeat(40)}`;

function problemsOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof WebhookSecretConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a WebhookSecretConfigError');
}

describe('webhookSecretsFromEnv', () => {
  it('given development with no secrets set, when loaded, then each channel gets its documented dev secret', () => {
    expect(webhookSecretsFromEnv({ NODE_ENV: 'development' }, CHANNELS)).toEqual({
      email: 'dev-webhook-secret-email',
      sms: 'dev-webhook-secret-sms',
      wechat: 'dev-webhook-secret-wechat',
    });
  });

  it('given development with one secret set, when loaded, then it is used and the others fall back', () => {
    const secrets = webhookSecretsFromEnv({ WEBHOOK_SECRET_SMS: 'local-sms' }, CHANNELS);

    expect(secrets.sms).toBe('local-sms');
    expect(secrets.email).toBe(devWebhookSecret('email'));
  });

  it('given production with every channel configured, when loaded, then the secrets are returned by channel', () => {
    const env = {
      NODE_ENV: 'production',
      WEBHOOK_SECRET_EMAIL: strong('email'),
      WEBHOOK_SECRET_SMS: strong('sms'),
      WEBHOOK_SECRET_WECHAT: strong('wechat'),
    };

    expect(webhookSecretsFromEnv(env, CHANNELS)).toEqual({ email: strong('email'), sms: strong('sms'), wechat: strong('wechat') });
  });

  it('given production with missing, weak, shared and dev secrets, when loaded, then every problem is listed without the secrets', () => {
    const problems = problemsOf(() =>
      webhookSecretsFromEnv(
        {
          NODE_ENV: 'production',
          WEBHOOK_SECRET_EMAIL: 'short-secret',
          WEBHOOK_SECRET_SMS: strong('shared'),
          WEBHOOK_SECRET_WECHAT: strong('shared'),
          WEBHOOK_SECRET_APP: devWebhookSecret('app'),
        },
        [...CHANNELS, 'app', 'web'],
      ),
    );

    expect(problems).toEqual([
      'WEBHOOK_SECRET_EMAIL must be at least 32 characters in production',
      'WEBHOOK_SECRET_WECHAT must differ from WEBHOOK_SECRET_SMS',
      'WEBHOOK_SECRET_APP must be at least 32 characters in production',
      'WEBHOOK_SECRET_APP is a published development secret',
      'WEBHOOK_SECRET_WEB is required in production',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('given a channel name that cannot form a variable name, when loaded, then it is refused', () => {
    expect(problemsOf(() => webhookSecretsFromEnv({}, ['we-chat']))).toEqual([
      'webhook channel "we-chat" must match /^[a-z][a-z0-9_]{0,31}$/',
    ]);
  });
});
