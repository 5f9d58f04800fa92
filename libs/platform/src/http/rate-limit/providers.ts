import type { Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { RATE_LIMIT_OPTIONS, RateLimitModuleOptions } from './rate-limit.options';
import { RateLimiter } from './rate-limiter';

/**
 * Everything @RateLimit needs, for a module that also provides REDIS and LOGGER. Register before
 * idempotencyProviders: global interceptors nest in registration order, and throttling belongs outermost.
 */
export function rateLimitProviders(options: RateLimitModuleOptions): Provider[] {
  return [
    { provide: RATE_LIMIT_OPTIONS, useValue: options },
    RateLimiter,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
  ];
}
