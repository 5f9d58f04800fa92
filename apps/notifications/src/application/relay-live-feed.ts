import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { FeedChannel } from '../infrastructure/feed-channel';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { feedMessageOf } from './feed-item';

const RELAY_BATCH = 100;

/**
 * 实时推送 — one replica at a time relays new notifications from Postgres to the Redis feed
 * channel, giving each its stream id; LiveStreams on every replica hands them on.
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
      // Published before the commit: a failed publish leaves the rows for the next round.
      await this.channel.publishAll(claimed.flatMap((item) => (item.feedSeq === undefined ? [] : [feedMessageOf({ ...item, feedSeq: item.feedSeq })])));
      return claimed.length;
    });
  }

  protected async poll(): Promise<boolean> {
    return (await this.relayOnce()) === RELAY_BATCH;
  }
}
