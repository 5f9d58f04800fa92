import { ConfigError, Env, Environment } from './environment';
import { corsPolicyOf } from './cors-policy';
import { DEFAULT_PORTS, SERVICE_NAMES, ServiceName } from './services';
import { HttpProcessConfig, readEnvironmentKeepingProblems } from './service-config';

export const GATEWAY_PORT = 3000;

/**
 * Clients reach the gateway directly (scripts/up.sh, compose) unless a deployment puts a proxy in
 * front and says so, as Kubernetes does for its Ingress. Believing a header nothing in front
 * wrote would let a client pick the address its rate limits and log lines go by.
 */
export const GATEWAY_TRUSTED_PROXY_HOPS = 0;

/** What the gateway reads from its environment: no database, Kafka or Redis, only where the services are. */
export interface GatewayConfig extends HttpProcessConfig {
  /** Base URL of each service (UPSTREAM_<SERVICE>_URL), without a trailing slash. */
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  /** How long a service may take to start answering (GATEWAY_UPSTREAM_TIMEOUT_MS). */
  readonly upstreamTimeoutMs: number;
  readonly devTokens: {
    readonly enabled: boolean;
    /** JWT_SECRET, with which the services verify HS256 tokens. */
    readonly secret: string;
    readonly issuer?: string;
    readonly audience?: string;
    readonly maxLifetimeSeconds: number;
  };
}

/**
 * Reads and validates the gateway's configuration, every problem at once. Dev tokens are a
 * development convenience that mints any role; a production gateway refuses to start with them.
 */
export function loadGatewayConfig(source: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  const env = readEnvironmentKeepingProblems(source, problems);
  const production = env.NODE_ENV === 'production';
  const devTokensEnabled = env.DEV_TOKENS_ENABLED === 'true';
  if (production && devTokensEnabled) problems.push('DEV_TOKENS_ENABLED=true is for development; a production gateway never mints tokens');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    environment: env.NODE_ENV,
    version: env.npm_package_version ?? '0.1.0',
    port: env.PORT ?? GATEWAY_PORT,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    cors: corsPolicyOf(env),
    trustedProxyHops: env.TRUSTED_PROXY_HOPS ?? GATEWAY_TRUSTED_PROXY_HOPS,
    upstreams: upstreamsOf(env),
    upstreamTimeoutMs: env.GATEWAY_UPSTREAM_TIMEOUT_MS,
    devTokens: {
      enabled: devTokensEnabled,
      secret: env.JWT_SECRET,
      ...(env.JWT_ISSUER ? { issuer: env.JWT_ISSUER } : {}),
      ...(env.JWT_AUDIENCE ? { audience: env.JWT_AUDIENCE } : {}),
      maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS,
    },
  };
}

function upstreamsOf(env: Environment): Record<ServiceName, string> {
  const entries = SERVICE_NAMES.map((service) => {
    const configured = env[`UPSTREAM_${service.toUpperCase()}_URL` as `UPSTREAM_${Uppercase<string>}_URL`];
    return [service, (configured ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`).replace(/\/$/, '')] as const;
  });
  return Object.fromEntries(entries) as Record<ServiceName, string>;
}
