import type { Logger } from '@cs/observability';
import { RedisClient, destroyRedisClient, duplicateRedisClient } from '@cs/persistence';
import type { ServiceConfig } from '@cs/config';

/**
 * A Redis pub/sub channel every replica listens on, so what one replica publishes reaches the
 * live streams all of them hold. Redis keeps no copy: a listener that misses a message must be
 * able to read the state again. The subscriber reconnects by itself; starting never waits for
 * Redis.
 */
export class RedisChannel {
  private readonly listeners = new Set<(message: string) => void>();
  private subscriber?: RedisClient;
  readonly name: string;

  /** `name` is prefixed with the Kafka topic prefix: copies of the platform sharing one Redis never hear each other. */
  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
    config: ServiceConfig,
    name: string,
  ) {
    this.name = `${config.kafka.topicPrefix ? `${config.kafka.topicPrefix}:` : ''}${name}`;
  }

  start(): void {
    const subscriber = duplicateRedisClient(this.redis);
    this.subscriber = subscriber;
    subscriber
      .connect()
      .then(() => subscriber.subscribe(this.name, (message) => this.listeners.forEach((listener) => listener(message))))
      .catch((error: unknown) => this.logger.warn({ err: error, channel: this.name }, 'redis channel: redis not reachable yet'));
  }

  async publish(message: string): Promise<void> {
    await this.redis.publish(this.name, message);
  }

  /**
   * Publishes the messages in their order, sent together: the client writes commands issued in
   * one tick as one pipeline on its one connection, so they reach Redis, and the listeners, in
   * the order given, in one round trip rather than one each.
   */
  async publishAll(messages: readonly string[]): Promise<void> {
    await Promise.all(messages.map((message) => this.redis.publish(this.name, message)));
  }

  /** Returns the way to stop listening. */
  listen(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    if (this.subscriber) destroyRedisClient(this.subscriber);
  }
}
