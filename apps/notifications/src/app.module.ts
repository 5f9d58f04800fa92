import { Module } from '@nestjs/common';
import { PlatformModule } from '@cs/platform';
import { AlertEventsController } from './api/alert-events.controller';
import { NotificationsController } from './api/notifications.controller';
import { OutboundEventsController } from './api/outbound-events.controller';
import { WebhookSubscriptionsController } from './api/webhook-subscriptions.controller';
import { DeliverWebhooks } from './application/deliver-webhooks';
import { LiveStreams } from './application/live-streams';
import { ManageWebhookSubscriptions } from './application/manage-webhook-subscriptions';
import { PruneNotifications } from './application/prune-notifications';
import { ReadInbox } from './application/read-inbox';
import { RecordNotification } from './application/record-notification';
import { RecordOutboundMessage } from './application/record-outbound-message';
import { RelayLiveFeed } from './application/relay-live-feed';
import { TellStreamsRead } from './application/tell-streams-read';
import { FeedChannel } from './infrastructure/feed-channel';
import { InboxMarkRepository } from './infrastructure/inbox-mark.repository';
import { NotificationRepository } from './infrastructure/notification.repository';
import { WebhookDeliveryRepository } from './infrastructure/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from './infrastructure/webhook-subscription.repository';
import { MIGRATIONS } from './infrastructure/migrations';

/**
 * 通知 — escalations reach people: an in-app inbox, live streams and signed outgoing webhooks, fed by
 * events; questionnaire links and generated reports go out through the same webhooks.
 */
@Module({
  imports: [PlatformModule.forService({ service: 'notifications', migrations: MIGRATIONS })],
  controllers: [NotificationsController, WebhookSubscriptionsController, AlertEventsController, OutboundEventsController],
  providers: [
    NotificationRepository,
    InboxMarkRepository,
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    FeedChannel,
    RecordNotification,
    RecordOutboundMessage,
    ReadInbox,
    TellStreamsRead,
    LiveStreams,
    RelayLiveFeed,
    DeliverWebhooks,
    ManageWebhookSubscriptions,
    PruneNotifications,
  ],
})
export class AppModule {}
