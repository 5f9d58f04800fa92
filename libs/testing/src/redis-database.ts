import { createRedisClient } from '@cs/persistence';

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
