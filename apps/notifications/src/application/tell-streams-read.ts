import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { LOGGER } from '@cs/platform';
import { FeedChannel } from '../infrastructure/feed-channel';
import { FeedItem, readMessageOf } from './feed-item';

/**
 * Tells every replica's streams of the reader that these notifications, which had their stream
 * ids when they were marked read, are read (ADR 0143): a stream may have sent them unread. Told
 * once the marks are committed, so a stream never shows read what a rolled-back marking left
 * unread. Redis keeps no copy: one not told (Redis down) shows read on the reader's next load.
 */
@Injectable()
export class TellStreamsRead {
  constructor(
    private readonly channel: FeedChannel,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async tell(userId: string, read: readonly FeedItem[]): Promise<void> {
    if (read.length === 0) return;
    try {
      await this.channel.publish(readMessageOf(userId, read));
    } catch (error) {
      this.logger.warn({ err: error, notifications: read.length }, 'live feed: read marks not told to the streams; they show read on the next load');
    }
  }
}
