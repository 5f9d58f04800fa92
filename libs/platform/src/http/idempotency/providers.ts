import type { Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, resolveIdempotencyOptions } from './idempotency.options';
import { IdempotencyStore } from './idempotency.store';

/**
 * Everything idempotency needs, for a module that also provides REDIS and LOGGER. Register
 * after rateLimitProviders so throttling wraps it and counts replays as well.
 */
export function idempotencyProviders(options: IdempotencyOptions): Provider[] {
  // Validated here so a bad TTL fails at start-up, not on the first request.
  resolveIdempotencyOptions(options);
  return [
    { provide: IDEMPOTENCY_OPTIONS, useValue: options },
    IdempotencyStore,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ];
}
