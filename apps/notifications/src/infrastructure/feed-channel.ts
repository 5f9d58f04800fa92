import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { LOGGER, REDIS, RedisChannel, SERVICE_CONFIG } from '@cs/platform';
import type { RedisClient } from '@cs/persistence';

/**
 * The Redis pub/sub channel every replica's live streams listen on. A message published by the
 * one replica that relays the feed reaches the streams held by all of them; a stream that
 * misses a message catches up from Postgres with Last-Event-ID.
 */
@Injectable()
export class FeedChannel extends RedisChannel implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(REDIS) redis: RedisClient, @Inject(LOGGER) logger: Logger, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    super(redis, logger, config, 'notifications:feed');
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}
