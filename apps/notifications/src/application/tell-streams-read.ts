import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { LOGGER } from '@cs/platform';
import type { InboxMark } from '../domain/inbox-mark';
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
    await this.publish(readMessageOf(userId, read), read.length);
  }

  /**
   * A marking of all read: its mark, which each stream of the reader applies to what it sent
   * unread and to what it has yet to send (ADR 0149), and those it marked singly because the relay
   * numbered them after the mark's stream id, as `tell` tells them.
   */
  async tellMarkedAll(mark: InboxMark, numberedMeanwhile: readonly FeedItem[]): Promise<void> {
    await this.publish(readMessageOf(mark.reader.sub, numberedMeanwhile, mark), numberedMeanwhile.length);
  }

  private async publish(message: string, notifications: number): Promise<void> {
    try {
      await this.channel.publish(message);
    } catch (error) {
      this.logger.warn({ err: error, notifications }, 'live feed: read marks not told to the streams; they show read on the next load');
    }
  }
}
