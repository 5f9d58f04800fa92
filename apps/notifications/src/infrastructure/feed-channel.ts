import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { LOGGER, REDIS, SERVICE_CONFIG } from '@cs/platform';
import { RedisClient, destroyRedisClient } from '@cs/persistence';

/**
 * The Redis pub/sub channel every replica's live streams listen on. A message published by the
 * one replica that relays the feed reaches the streams held by all of them. Redis keeps no
 * copy: a stream that misses a message catches up from Postgres with Last-Event-ID.
 */
@Injectable()
export class FeedChannel implements OnModuleInit, OnApplicationShutdown {
  private readonly listeners = new Set<(message: string) => void>();
  private subscriber?: RedisClient;
  readonly name: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    // Copies of the platform sharing one Redis (KAFKA_TOPIC_PREFIX) never hear each other.
    this.name = `${config.kafka.topicPrefix ? `${config.kafka.topicPrefix}:` : ''}notifications:feed`;
  }

  onModuleInit(): void {
    const subscriber = this.redis.duplicate();
    subscriber.on('error', () => undefined);
    this.subscriber = subscriber;
    // A subscriber reconnecting after an outage subscribes again by itself; start-up never waits for Redis.
    subscriber
      .connect()
      .then(() => subscriber.subscribe(this.name, (message) => this.listeners.forEach((listener) => listener(message))))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'live feed: redis not reachable yet'));
  }

  async publish(message: string): Promise<void> {
    await this.redis.publish(this.name, message);
  }

  /** Returns the way to stop listening. */
  listen(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationShutdown(): void {
    if (this.subscriber) destroyRedisClient(this.subscriber);
  }
}
