import type { Environment } from './environment';

/**
 * Which browser origins may call the API from another origin. Outside production the default
 * lets any front end a developer runs on their own machine in; production allows only what
 * CORS_ORIGINS lists.
 */
export type CorsPolicy =
  | { readonly allow: 'listed'; readonly origins: readonly string[] }
  | { readonly allow: 'loopback' };

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export function corsPolicyOf(env: Pick<Environment, 'NODE_ENV' | 'CORS_ORIGINS'>): CorsPolicy {
  if (env.CORS_ORIGINS) return { allow: 'listed', origins: env.CORS_ORIGINS.split(',').map(normalizeOrigin).filter(Boolean) };
  return env.NODE_ENV === 'production' ? { allow: 'listed', origins: [] } : { allow: 'loopback' };
}

/** Browsers send the origin in lower case without a trailing slash; configuration may not. */
function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/$/, '').toLowerCase();
}

export function allowsOrigin(policy: CorsPolicy, origin: string): boolean {
  if (policy.allow === 'loopback') return LOOPBACK_ORIGIN.test(origin);
  return policy.origins.includes(origin.toLowerCase());
}
