import ipaddr from 'ipaddr.js';
import { InjectionToken, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { getPrincipal } from '@cs/auth';
import type { ServiceConfig } from '@cs/config';
import { SERVICE_CONFIG } from '../../tokens';

export const RATE_LIMIT_KEY = 'cs.platform:rate-limit';

/** A number, or read from the app's configuration when the route is first called. */
export type FromConfig<C> = number | ((config: C) => number);

export interface RateLimitOptions<C = ServiceConfig> {
  /**
   * Which counter the request draws from. Include whatever the limit is "per" — the user, the
   * client IP, a tenant — and a name, so rules do not share counters by accident.
   */
  readonly bucket: (request: FastifyRequest) => string;
  readonly limit: FromConfig<C>;
  readonly windowSeconds: FromConfig<C>;
  /** Where `limit`/`windowSeconds` functions get their config from; SERVICE_CONFIG by default. */
  readonly config?: InjectionToken;
}

/** The decorator's options with the config type erased, as stored in route metadata. */
export interface RateLimitRule {
  readonly bucket: (request: FastifyRequest) => string;
  /** Undefined when both numbers are literal, so routes with fixed limits need no config provider. */
  readonly configToken: InjectionToken | undefined;
  readonly policy: (config: unknown) => { readonly limit: number; readonly windowSeconds: number };
}

/**
 * Limits how often a route may be called: beyond `limit` requests per `windowSeconds` in one
 * bucket the answer is 429 `RATE_LIMIT.EXCEEDED` with `Retry-After`. On a class it applies to
 * every route; a method's own @RateLimit replaces the class's.
 */
export function RateLimit<C = ServiceConfig>(options: RateLimitOptions<C>): MethodDecorator & ClassDecorator {
  const { limit, windowSeconds } = options;
  const needsConfig = typeof limit === 'function' || typeof windowSeconds === 'function';
  const rule: RateLimitRule = {
    bucket: options.bucket,
    configToken: needsConfig ? (options.config ?? SERVICE_CONFIG) : undefined,
    // The token is what ties the config value to C, as with @Inject(token) on a typed parameter.
    policy: (config) => ({
      limit: typeof limit === 'function' ? limit(config as C) : limit,
      windowSeconds: typeof windowSeconds === 'function' ? windowSeconds(config as C) : windowSeconds,
    }),
  };
  return applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, rule),
    ApiResponse({
      status: 429,
      description: 'RATE_LIMIT.EXCEEDED: too many requests; retry after the number of seconds in Retry-After.',
    }),
  );
}

/**
 * The client a public route's bucket counts by: an IPv4 address, or an IPv6 address's /64 — the
 * least a subscriber is given, so counted by the full address, one client would have 2⁶⁴
 * buckets to rotate through.
 */
export function clientOf(request: Pick<FastifyRequest, 'ip'>): string {
  if (!ipaddr.isValid(request.ip)) return request.ip;
  const address = ipaddr.process(request.ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}

/** A bucket per authenticated user, or per client (`clientOf`) on public routes. */
export function perPrincipal(name: string): (request: FastifyRequest) => string {
  return (request) => {
    const principal = getPrincipal(request);
    return principal ? `${name}:sub:${principal.sub}` : `${name}:ip:${clientOf(request)}`;
  };
}
