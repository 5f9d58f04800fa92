import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { FeedChannel } from '../infrastructure/feed-channel';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { FeedItem, feedMessageOf, onTheFeed } from './feed-item';

const RELAY_BATCH = 100;

/**
 * 实时推送 — one replica at a time relays new notifications from Postgres to the Redis feed
 * channel, giving each its stream id; LiveStreams on every replica hands them on, and reads from
 * Postgres what a failed publish or a dropped subscription kept from it.
 */
@Injectable()
export class RelayLiveFeed extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly channel: FeedChannel,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super('live feed relay', logger, config.notifications.feedPollMs);
  }

  /**
   * Publishes what is new; returns how many notifications went out. An idle pass is one statement:
   * the claim's transaction (its lock, the claim, BEGIN and COMMIT) is opened only when something waits.
   */
  async relayOnce(): Promise<number> {
    if (!(await this.notifications.anyUnfed(this.dataSource.manager))) return 0;
    return this.dataSource.transaction(async (tx) => {
      const claimed = await this.notifications.claimForFeed(tx, RELAY_BATCH);
      const fed = claimed.map(onTheFeed).filter((item): item is FeedItem => item !== undefined);
      // A reader may have read one while it waited (the relay behind, or a burst): it goes out
      // flagged, for each replica to look up its streams' readers. No mark of "mark all read"
      // covers a stream id given now, so read marks of their own are all there is to ask.
      const read = await this.notifications.readByAnyone(tx, fed.map((item) => item.notification.id));
      // Published while the claim's lock is held, so the channel carries the stream ids in order.
      // A failed publish (Redis down) still commits the numbering: the notifications are in
      // Postgres under their stream ids, where every replica's streams catch up on what the
      // channel did not bring (LiveStreams), instead of waiting unnumbered for Redis to return.
      try {
        await this.channel.publishAll(fed.map((item) => feedMessageOf(item, read.has(item.notification.id))));
      } catch (error) {
        this.logger.warn({ err: error, notifications: claimed.length }, 'live feed: not published; the streams catch up from Postgres');
      }
      return claimed.length;
    });
  }

  protected async poll(): Promise<boolean> {
    return (await this.relayOnce()) === RELAY_BATCH;
  }
}
