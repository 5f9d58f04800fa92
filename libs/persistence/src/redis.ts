import { createClient } from 'redis';

/** The longest pause between reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisClientOptions {
  /**
   * How long a PING, sent this often, may go unanswered before the connection counts as
   * stopped (REDIS_ANSWER_TIMEOUT_MS); unwatched unless given.
   */
  readonly answerTimeoutMs?: number;
  /** Told when a connection stopped answering and is replaced. */
  readonly onUnanswered?: () => void;
}

/**
 * Redis holds only what can be lost: idempotency keys, rate-limit windows, caches and live
 * update fan-out. Commands fail fast while Redis is down instead of queueing without bound, and
 * the client keeps reconnecting in the background. Call `connect()` to start; until then every
 * command fails fast as well.
 */
export function createRedisClient(url: string, name: string, options: RedisClientOptions = {}) {
  const client = createClient({
    url,
    name,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min((retries + 1) * 200, MAX_RECONNECT_DELAY_MS) },
  });
  return guarded(client, options);
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/** A second connection with the client's options (a subscriber's), watched as the client is. */
export function duplicateRedisClient(client: RedisClient): RedisClient {
  return guarded(client.duplicate(), watches.get(client)?.options ?? {});
}

/** Closes the connection at once, in-flight commands included; a client never connected needs nothing. */
export function destroyRedisClient(client: RedisClient): void {
  watches.get(client)?.stop();
  watches.delete(client);
  if (client.isOpen) client.destroy();
}

/** What the watch needs of a client. */
interface Watched {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  ping(): Promise<unknown>;
  destroy(): void;
  connect(): Promise<unknown>;
}

/** Each watched client's stop, and what it was watched with. */
const watches = new WeakMap<object, { readonly stop: () => void; readonly options: RedisClientOptions }>();

/** A new client made safe to run: its connection errors heard, its answers watched when asked for. */
function guarded<C extends Watched & { on(event: 'error', listener: () => void): unknown }>(client: C, options: RedisClientOptions): C {
  // Without a listener node-redis raises connection errors as unhandled 'error' events, which end
  // the process; the failures already reach callers as rejected commands.
  client.on('error', () => undefined);
  if (options.answerTimeoutMs !== undefined) {
    watches.set(client, { stop: watchAnswers(client, options.answerTimeoutMs, options.onUnanswered), options });
  }
  return client;
}

/**
 * A Redis that stops answering with its connection open (a frozen host, a partition no reset
 * crosses) leaves every command written to it waiting for ever: node-redis times a command out
 * only until it is written, and the socket stays writable. A PING every `withinMs` must be
 * answered within `withinMs`; when one is not, the connection is closed, which fails every command
 * waiting on it (their callers count rate limits per replica, serve without a cache, or answer
 * 503), and opened again: while it cannot be, commands fail at once, and the client keeps trying
 * until Redis answers. Returns the stop.
 */
function watchAnswers(client: Watched, withinMs: number, onUnanswered?: () => void): () => void {
  let pinging = false;
  const timer = setInterval(() => {
    if (pinging || !client.isReady) return;
    pinging = true;
    let answered = false;
    const overdue = setTimeout(() => {
      // After a stall of the event loop, timers run before sockets are read: a PONG already
      // received is read first, so a busy process does not take its own delay for Redis's.
      setImmediate(() => {
        // A client no longer ready is already reconnecting, having failed what waited on it; one
        // is replaced only when ready, never while node-redis is in the middle of connecting.
        if (answered || !client.isReady) return;
        onUnanswered?.();
        client.destroy();
        client.connect().catch(() => undefined);
      });
    }, withinMs);
    overdue.unref();
    client
      .ping()
      .catch(() => undefined)
      .finally(() => {
        answered = true;
        clearTimeout(overdue);
        pinging = false;
      });
  }, withinMs);
  timer.unref();
  return () => clearInterval(timer);
}
