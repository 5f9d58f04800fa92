import type { Provider } from '@nestjs/common';
import { IDEMPOTENCY_OPTIONS, IdempotencyOptions, resolveIdempotencyOptions } from './idempotency.options';
import { IdempotencyStore } from './idempotency.store';

/**
 * Everything idempotency needs, for a module that also provides REDIS and LOGGER. Every POST and
 * @IdempotencyRequired route gets IdempotencyInterceptor from attachRouteInterceptors, before the
 * application is created; a module with such routes must see these providers.
 */
export function idempotencyProviders(options: IdempotencyOptions): Provider[] {
  // Validated here so a bad TTL fails at start-up, not on the first request.
  resolveIdempotencyOptions(options);
  return [
    { provide: IDEMPOTENCY_OPTIONS, useValue: options },
    IdempotencyStore,
  ];
}
