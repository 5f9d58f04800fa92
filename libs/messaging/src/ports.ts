import type { KafkaRecord } from './envelope';

/**
 * What the outbox relay and the dead-letter path need from a broker. Kept this small so the
 * Kafka client behind it can be replaced without touching either.
 */
export interface RecordPublisher {
  /** Resolves only when every record is acknowledged by all in-sync replicas, in order per key. */
  publish(records: readonly KafkaRecord[]): Promise<void>;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}
