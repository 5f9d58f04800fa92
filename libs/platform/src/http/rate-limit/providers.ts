import type { Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RATE_LIMIT_OPTIONS, RateLimitModuleOptions } from './rate-limit.options';
import { RateLimiter } from './rate-limiter';
import { RateLimitThrottler } from './rate-limit.throttler';

/**
 * Everything @RateLimit needs, for a module that also provides REDIS and LOGGER. Register before
 * idempotencyProviders: global interceptors nest in registration order, and throttling belongs outermost.
 */
export function rateLimitProviders(options: RateLimitModuleOptions): Provider[] {
  return [
    { provide: RATE_LIMIT_OPTIONS, useValue: options },
    RateLimiter,
    { provide: getStorageToken(), useExisting: RateLimiter },
    // Module-wide throttlers are not used: each @RateLimit rule is one (see RateLimitThrottler).
    { provide: getOptionsToken(), useValue: [] },
    RateLimitThrottler,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
  ];
}
