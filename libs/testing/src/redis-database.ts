import { type RedisClient, createRedisClient } from '@cs/persistence';

/** Empties the Redis database `redisUrl` names, for a throwaway instance; never database 0, where the platform keeps its own keys. */
export async function flushRedisDatabase(redisUrl: string, clientName: string): Promise<void> {
  const db = Number(new URL(redisUrl).pathname.slice(1) || '0');
  if (db === 0) throw new Error('refusing to flush Redis database 0, where the platform keeps its own keys');
  const redis = createRedisClient(redisUrl, clientName);
  await redis.connect();
  try {
    await redis.flushDb();
  } finally {
    await redis.quit();
  }
}

/**
 * A suite's client on the run's Redis database, named `service`: the name a suite gives the
 * platform's idempotency and rate-limit providers, made of the suite's own run id so that no
 * other suite writes under it.
 */
export async function openServiceRedis(service: string): Promise<RedisClient> {
  const redis = createRedisClient(process.env['REDIS_URL']!, service);
  await redis.connect();
  return redis;
}

/**
 * Removes every key the platform wrote for `service` (`<family>:<service>:…`, under the
 * namespace's prefix where one is set: idempotency records, rate-limit counters, whichever the
 * suite used) and closes the client. By SCAN, not
 * KEYS: the database is the run's, shared with every suite and service of it.
 */
export async function closeServiceRedis(redis: RedisClient, service: string): Promise<void> {
  try {
    for await (const keys of redis.scanIterator({ MATCH: `*:${encodeURIComponent(service)}:*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.unlink(keys);
    }
  } finally {
    await redis.close();
  }
}
