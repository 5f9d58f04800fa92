type Env = Readonly<Record<string, string | undefined>>;

/** Raised at start-up; `problems` never contains a secret, so it is safe to log. */
export class WebhookSecretConfigError extends Error {
  override readonly name = 'WebhookSecretConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid webhook secret configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const CHANNEL = /^[a-z][a-z0-9_]{0,31}$/;
/** 256 bits of entropy as hex or base64 is at least 43 characters; 32 rules out obvious toys. */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;

export const webhookSecretVariable = (channel: string): string => `WEBHOOK_SECRET_${channel.toUpperCase()}`;

/** Public by design so local gateways and tests can sign requests; refused in production. */
export const devWebhookSecret = (channel: string): string => `dev-webhook-secret-${channel}`;

/**
 * Reads `WEBHOOK_SECRET_<CHANNEL>` for each channel (e.g. `sms` → WEBHOOK_SECRET_SMS). Outside
 * production an unset secret falls back to the development one; in production every channel
 * needs its own, so a leaked SMS secret cannot be used to forge WeChat messages.
 */
export function webhookSecretsFromEnv<C extends string>(
  env: Env,
  channels: readonly C[],
): Readonly<Record<C, string>> {
  const production = env['NODE_ENV'] === 'production';
  const problems: string[] = [];
  const secrets = {} as Record<C, string>;
  const owners = new Map<string, string>();

  for (const channel of new Set(channels)) {
    if (!CHANNEL.test(channel)) {
      problems.push(`webhook channel "${channel}" must match ${CHANNEL}`);
      continue;
    }
    const variable = webhookSecretVariable(channel);
    const secret = env[variable]?.trim();
    if (!secret) {
      if (production) problems.push(`${variable} is required in production`);
      secrets[channel] = devWebhookSecret(channel);
      continue;
    }
    if (production && secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
      problems.push(`${variable} must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters in production`);
    }
    if (production && channels.some((other) => secret === devWebhookSecret(other))) {
      problems.push(`${variable} is a published development secret`);
    }
    const owner = owners.get(secret);
    if (production && owner) problems.push(`${variable} must differ from ${owner}`);
    owners.set(secret, variable);
    secrets[channel] = secret;
  }

  if (problems.length > 0) throw new WebhookSecretConfigError(problems);
  return secrets;
}
