import type { KafkaRecord } from './envelope';

/**
 * What the outbox relay and the dead-letter path need from a broker. Kept this small so the
 * Kafka client behind it can be replaced without touching either.
 */
export interface RecordPublisher {
  /**
   * Resolves only when every record is acknowledged by all in-sync replicas, in order per key.
   * `progress` is called each time a part of them is acknowledged (a large round goes in parts).
   */
  publish(records: readonly KafkaRecord[], progress?: () => void): Promise<void>;
  /**
   * The publish in flight was given up on: later publishes must not queue behind it (a new
   * producer). What it sent may still land, as duplicates behind the records' first copies.
   */
  abandon?(): void;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}
