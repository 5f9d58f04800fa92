import { loadServiceConfig } from '@cs/config';
import { createLogger } from '@cs/observability';
import { createRedisClient } from '@cs/persistence';
import { TellStreamsRead } from '../application/tell-streams-read';
import { FeedChannel } from '../infrastructure/feed-channel';

/** A feed channel no stream listens on: what is published goes nowhere. */
class UnheardChannel extends FeedChannel {
  override async publish(): Promise<void> {}
}

/** Streams told of read marks where none listens: the inbox's tests, not the stream's. */
export function toldStreams(): TellStreamsRead {
  const logger = createLogger('notifications', 'silent');
  // Never connected: the channel publishes nothing through it.
  const redis = createRedisClient('redis://127.0.0.1:6379', 'notifications-told-streams');
  return new TellStreamsRead(new UnheardChannel(redis, logger, loadServiceConfig('notifications', { NODE_ENV: 'test' })), logger);
}
