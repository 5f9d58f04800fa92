import { randomUUID } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadServiceConfig } from '@cs/config';
import { ServiceMetrics, createLogger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { LOGGER, METRICS, REDIS, SERVICE_CONFIG, StreamOverflows } from '@cs/platform';
import type { ThrowawaySchema } from '@cs/testing';
import { LiveStreams } from '../application/live-streams';
import { RecordNotification } from '../application/record-notification';
import { RelayLiveFeed } from '../application/relay-live-feed';
import { FeedChannel } from '../infrastructure/feed-channel';
import { InboxMarkRepository } from '../infrastructure/inbox-mark.repository';
import { NotificationRepository } from '../infrastructure/notification.repository';
import { WebhookDeliveryRepository } from '../infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../infrastructure/webhook-subscription.repository';

/**
 * The live feed as a running service wires it — the relay, the channel on Redis, the streams —
 * over a throwaway schema, on a channel of its own (`prefix`): no other copy of the platform on
 * this Redis hears the test's feed.
 */
export function liveFeedProviders(db: ThrowawaySchema, redis: RedisClient, prefix: string): Provider[] {
  return [
    { provide: DataSource, useValue: db.dataSource },
    { provide: LOGGER, useValue: createLogger('notifications', 'silent') },
    { provide: METRICS, useValue: new ServiceMetrics('notifications') },
    StreamOverflows,
    { provide: REDIS, useValue: redis },
    { provide: SERVICE_CONFIG, useValue: loadServiceConfig('notifications', { NODE_ENV: 'test', KAFKA_TOPIC_PREFIX: `${prefix}-${randomUUID().slice(0, 8)}` }) },
    NotificationRepository,
    InboxMarkRepository,
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    RecordNotification,
    FeedChannel,
    LiveStreams,
    RelayLiveFeed,
  ];
}
