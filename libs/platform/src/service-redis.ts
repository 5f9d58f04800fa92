import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { RedisClient, createRedisClient } from '@cs/persistence';

/**
 * The service's Redis client, connecting in the background: Redis holds nothing a request cannot
 * live without, so a slow or lost Redis never blocks start-up, and the client goes on trying by
 * itself. Its outages are logged by what happened, never by the URL, which may hold a password.
 */
export function serviceRedisClient(config: Pick<ServiceConfig, 'service' | 'redis'>, logger: Logger): RedisClient {
  const { url, answerTimeoutMs } = config.redis;
  const redis = createRedisClient(url, config.service, {
    answerTimeoutMs,
    onUnanswered: () => logger.warn({ withinMs: answerTimeoutMs }, 'redis stopped answering; replacing the connection'),
  });
  logOutages(redis, logger);
  redis.connect().catch((error: unknown) => logger.warn({ err: error }, 'redis not reachable yet'));
  return redis;
}

/**
 * The client reports every failed reconnection attempt; one line when Redis goes away and one
 * when it is back say the same without flooding the log during an outage.
 */
function logOutages(redis: RedisClient, logger: Logger): void {
  let down = false;
  redis.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, 'redis not reachable; retrying in the background');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('redis reachable again');
  });
}
