import type { Provider } from '@nestjs/common';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { RATE_LIMIT_OPTIONS, RateLimitModuleOptions } from './rate-limit.options';
import { RateLimiter } from './rate-limiter';
import { RateLimitThrottler } from './rate-limit.throttler';

/**
 * Everything @RateLimit needs, for a module that also provides REDIS and LOGGER. The routes it
 * applies to get RateLimitInterceptor from attachRouteInterceptors, before the application is
 * created; a module with such routes must see these providers.
 */
export function rateLimitProviders(options: RateLimitModuleOptions): Provider[] {
  return [
    { provide: RATE_LIMIT_OPTIONS, useValue: options },
    RateLimiter,
    { provide: getStorageToken(), useExisting: RateLimiter },
    // Module-wide throttlers are not used: each @RateLimit rule is one (see RateLimitThrottler).
    { provide: getOptionsToken(), useValue: [] },
    RateLimitThrottler,
  ];
}
