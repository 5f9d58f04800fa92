import { createClient } from 'redis';

/** The longest pause between reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Redis holds only what can be lost: idempotency keys, rate-limit windows, caches and live
 * update fan-out. Commands fail fast while Redis is down instead of queueing without bound, and
 * the client keeps reconnecting in the background. Call `connect()` to start; until then every
 * command fails fast as well.
 */
export function createRedisClient(url: string, name: string) {
  const client = createClient({
    url,
    name,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min((retries + 1) * 200, MAX_RECONNECT_DELAY_MS) },
  });
  // Without a listener node-redis raises connection errors as unhandled 'error' events, which end
  // the process; the failures already reach callers as rejected commands.
  client.on('error', () => undefined);
  return client;
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/** Closes the connection at once, in-flight commands included; a client never connected needs nothing. */
export function destroyRedisClient(client: RedisClient): void {
  if (client.isOpen) client.destroy();
}
