import Redis from 'ioredis';

/**
 * Redis holds only what can be lost: idempotency keys, rate-limit windows, caches and live
 * update fan-out. Commands fail fast while Redis is down instead of queueing without bound.
 */
export function createRedisClient(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}
