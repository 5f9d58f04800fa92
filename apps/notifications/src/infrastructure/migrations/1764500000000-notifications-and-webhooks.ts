import { sqlMigration } from '@cs/persistence';

export const NotificationsAndWebhooks1764500000000 = sqlMigration('NotificationsAndWebhooks1764500000000', {
  up: [
    // One row per event that must reach people, addressed to an audience rather than to users:
    // the platform has no user directory, so each reader's token is matched against it.
    `
    CREATE TABLE notifications (
      id                uuid PRIMARY KEY,
      seq               bigserial NOT NULL UNIQUE,
      source_event_id   text NOT NULL UNIQUE,
      kind              text NOT NULL,
      title             text NOT NULL,
      ticket_id         uuid NOT NULL,
      ticket_number     text NOT NULL,
      ticket_status     text NOT NULL,
      item_code         text,
      level             integer,
      reason            text,
      clock             text,
      threshold_percent integer,
      due_at            timestamptz,
      roles             text[] NOT NULL,
      project_code      text,
      department        text,
      user_ids          text[] NOT NULL DEFAULT '{}',
      occurred_at       timestamptz NOT NULL,
      created_at        timestamptz NOT NULL DEFAULT now(),
      feed_seq          bigint UNIQUE
    )`,
    // Assigned by the one relay holding the feed lock, so stream ids grow in the order streams see them.
    'CREATE SEQUENCE notification_feed_seq',
    'CREATE INDEX notifications_unpublished_idx ON notifications (seq) WHERE feed_seq IS NULL',
    'CREATE INDEX notifications_project_idx ON notifications (project_code, seq DESC)',
    `
    CREATE TABLE notification_reads (
      notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
      user_id         text NOT NULL,
      read_at         timestamptz NOT NULL,
      PRIMARY KEY (notification_id, user_id)
    )`,
    `
    CREATE TABLE webhook_subscriptions (
      id           uuid PRIMARY KEY,
      name         text NOT NULL,
      url          text NOT NULL,
      secret       text NOT NULL,
      event_types  text[] NOT NULL,
      project_code text,
      active       boolean NOT NULL DEFAULT true,
      created_by   text NOT NULL,
      created_at   timestamptz NOT NULL,
      updated_at   timestamptz NOT NULL
    )`,
    `
    CREATE TABLE webhook_deliveries (
      id               uuid PRIMARY KEY,
      seq              bigserial NOT NULL UNIQUE,
      subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
      notification_id  uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
      event_type       text NOT NULL,
      payload          text NOT NULL,
      status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts         integer NOT NULL DEFAULT 0,
      next_attempt_at  timestamptz,
      last_attempt_at  timestamptz,
      last_status_code integer,
      last_error       text,
      delivered_at     timestamptz,
      created_at       timestamptz NOT NULL,
      UNIQUE (subscription_id, notification_id)
    )`,
    "CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'",
  ],
  down: ['DROP TABLE webhook_deliveries', 'DROP TABLE webhook_subscriptions', 'DROP TABLE notification_reads', 'DROP TABLE notifications', 'DROP SEQUENCE notification_feed_seq'],
});
