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

/**
 * DDL of the failed tries a consumer group counts per message (ADR 0136), in the consuming
 * service's schema, so that a message's attempts add up across the members that take its
 * partition in turn (a deploy, a replica joining, a restart) instead of starting again with each.
 * `event_id` tells a message apart from another at the same offset of a topic made again;
 * `dead_lettered` that its dead letter was sent, should it be read again before its offset is committed.
 */
export function consumerAttemptsDdl(schema: string): string[] {
  const s = quoteIdentifier(schema);
  return [
    `CREATE TABLE ${s}.consumer_attempts (
       consumer       text NOT NULL,
       topic          text NOT NULL,
       partition      integer NOT NULL,
       message_offset bigint NOT NULL,
       event_id       text NOT NULL,
       attempts       integer NOT NULL,
       last_error     text NOT NULL,
       dead_lettered  boolean NOT NULL DEFAULT false,
       failed_at      timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, topic, partition, message_offset)
     )`,
  ];
}

export function dropConsumerAttemptsDdl(schema: string): string[] {
  return [`DROP TABLE ${quoteIdentifier(schema)}.consumer_attempts`];
}

/**
 * DDL of where each partition's member began (ADR 0164), one row a partition of the group: the
 * offset its assignment's first batch began at, or the message it was trying one at a time
 * (`event_id` set) when its process ended, and the member that wrote it (`started_by`, one id per
 * consumer instance), so that the partition's next owner can tell a process that ended mid-try from
 * one that handed the partition over.
 */
export function consumerStartsDdl(schema: string): string[] {
  const s = quoteIdentifier(schema);
  return [
    `CREATE TABLE ${s}.consumer_starts (
       consumer       text NOT NULL,
       topic          text NOT NULL,
       partition      integer NOT NULL,
       message_offset bigint NOT NULL,
       event_id       text,
       started_by     text NOT NULL,
       started_at     timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, topic, partition)
     )`,
  ];
}

export function dropConsumerStartsDdl(schema: string): string[] {
  return [`DROP TABLE ${quoteIdentifier(schema)}.consumer_starts`];
}

/**
 * The indexes a partition's done-with rows of `consumer_attempts` are removed by (ADR 0154), each
 * holding only the rows it may remove, so that what a failed try or a settled message reads does
 * not grow with the dead letters' marks a flood leaves kept: the unmarked rows by offset, and the
 * marks by the time their dead letter was sent. Built online by each service's migration
 * ({@link consumerAttemptIndexesMigration}) on a table that holds rows.
 */
export const CONSUMER_ATTEMPT_INDEXES: readonly { readonly name: string; readonly on: string }[] = [
  { name: 'consumer_attempts_unmarked_idx', on: 'ON consumer_attempts (consumer, topic, partition, message_offset) WHERE NOT dead_lettered' },
  { name: 'consumer_attempts_marks_idx', on: 'ON consumer_attempts (consumer, topic, partition, failed_at) WHERE dead_lettered' },
];

/** The tables a consumer group counts its tries in, with their indexes, made at once: a test's schema, where nothing is there to build them online over. */
export function consumerTriesTablesDdl(schema: string): string[] {
  const table = `${quoteIdentifier(schema)}.consumer_attempts`;
  return [
    ...consumerAttemptsDdl(schema),
    ...CONSUMER_ATTEMPT_INDEXES.map((index) => `CREATE INDEX ${quoteIdentifier(index.name)} ${index.on.replace('ON consumer_attempts', `ON ${table}`)}`),
    ...consumerStartsDdl(schema),
  ];
}
