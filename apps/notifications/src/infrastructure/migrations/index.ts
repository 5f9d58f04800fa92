import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration, messagingTablesMigration } from '@cs/messaging';
import { idempotencyAnswersMigration, idempotencyCommitsMigration } from '@cs/platform';
import { NotificationsAndWebhooks1764500000000 } from './1764500000000-notifications-and-webhooks';
import { OutboundMessages1764600000000 } from './1764600000000-outbound-messages';
import { IncidentMessages1764740000000 } from './1764740000000-incident-messages';
import { IncidentAlerts1765600000000 } from './1765600000000-incident-alerts';
import { DeliveriesDueBySubscription1766100000000 } from './1766100000000-deliveries-due-by-subscription';
import { NotificationsByAge1766110000000 } from './1766110000000-notifications-by-age';
import { DeliveriesByNotification1766200000000 } from './1766200000000-deliveries-by-notification';
import { DeliveryLogBySubscription1766300000000 } from './1766300000000-delivery-log-by-subscription';
import { DeletedSubscriptions1766400000000 } from './1766400000000-deleted-subscriptions';
import { DeletedSubscriptionsStayPaused1766410000000 } from './1766410000000-deleted-subscriptions-stay-paused';
import { InboxMarks1766500000000 } from './1766500000000-inbox-marks';
import { IncidentAlertsCheckValidated1766510000000 } from './1766510000000-incident-alerts-check-validated';
import { InboxMarksOfEarlierScopes1766520000000 } from './1766520000000-inbox-marks-of-earlier-scopes';
import { ReadsByUser1766800000000 } from './1766800000000-reads-by-user';

/**
 * In order of application; never edit one that has shipped so that a schema that ran it would
 * differ from one that runs it now: add a new one.
 */
export const MIGRATIONS = [
  messagingTablesMigration(1763900000000),
  NotificationsAndWebhooks1764500000000,
  OutboundMessages1764600000000,
  IncidentMessages1764740000000,
  IncidentAlerts1765600000000,
  idempotencyCommitsMigration(1765900000000),
  DeliveriesDueBySubscription1766100000000,
  NotificationsByAge1766110000000,
  DeliveriesByNotification1766200000000,
  DeliveryLogBySubscription1766300000000,
  DeletedSubscriptions1766400000000,
  DeletedSubscriptionsStayPaused1766410000000,
  InboxMarks1766500000000,
  IncidentAlertsCheckValidated1766510000000,
  InboxMarksOfEarlierScopes1766520000000,
  consumerAttemptsMigration(1766700000000),
  ReadsByUser1766800000000,
  idempotencyAnswersMigration(1766900000000),
  consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000),
];
