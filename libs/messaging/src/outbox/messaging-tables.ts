import { quoteIdentifier } from '@cs/persistence';

/**
 * DDL of the outbox and inbox, created in every service's schema by that service's first
 * migration. The outbox's `seq` gives the relay commit-order per aggregate; the inbox's
 * primary key is what makes a redelivered event a no-op.
 */
export function messagingTablesDdl(schema: string): string[] {
  const s = quoteIdentifier(schema);
  return [
    `CREATE TABLE ${s}.outbox (
       seq          bigserial PRIMARY KEY,
       event_id     uuid NOT NULL UNIQUE,
       topic        text NOT NULL,
       message_key  text NOT NULL,
       event_type   text NOT NULL,
       headers      jsonb NOT NULL,
       payload      text NOT NULL,
       created_at   timestamptz NOT NULL DEFAULT now(),
       published_at timestamptz
     )`,
    `CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (seq) WHERE published_at IS NULL`,
    `CREATE TABLE ${s}.inbox (
       consumer    text NOT NULL,
       event_id    text NOT NULL,
       event_type  text NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, event_id)
     )`,
  ];
}

export function dropMessagingTablesDdl(schema: string): string[] {
  const s = quoteIdentifier(schema);
  return [`DROP TABLE ${s}.inbox`, `DROP TABLE ${s}.outbox`];
}
