import { CompressionTypes, Producer } from 'kafkajs';
import type { KafkaRecord } from '../envelope';
import type { RecordPublisher } from '../ports';
import type { PlatformKafka } from './kafka-client';
import type { KafkaNamespace } from './namespace';

/**
 * Idempotent producer with acks=all and one request in flight, so a retried send can
 * neither duplicate nor reorder the records of one partition. Records carry platform topic
 * names; they are sent to those topics in the client's namespace.
 */
export class KafkaRecordPublisher implements RecordPublisher {
  private readonly producer: Producer;
  private readonly names: KafkaNamespace;
  private connected?: Promise<void>;

  constructor(kafka: PlatformKafka) {
    this.names = kafka.names;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = undefined;
    });
  }

  async publish(records: readonly KafkaRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, KafkaRecord[]>();
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.names.topic(topic),
        messages: list.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })),
      })),
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = undefined;
  }

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
