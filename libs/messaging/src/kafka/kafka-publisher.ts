import { CompressionTypes, type ProducerBatch, type ProducerConfig } from 'kafkajs';
import type { KafkaRecord } from '../envelope';
import type { RecordPublisher } from '../ports';
import type { KafkaNamespace } from './namespace';

/** What the publisher uses of a kafkajs producer. */
export interface BatchProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  sendBatch(batch: ProducerBatch): Promise<unknown>;
}

/** What the publisher needs of a kafkajs client (`PlatformKafka`): producers, and the namespace of its topics. */
export interface ProducerSource {
  readonly names: KafkaNamespace;
  producer(config: ProducerConfig): BatchProducer;
}

/**
 * Idempotent producer with acks=all and one request in flight, so a retried send can
 * neither duplicate nor reorder the records of one partition. Records carry platform topic
 * names; they are sent to those topics in the client's namespace.
 *
 * A send that fails is followed by a new producer (a new producer id). kafkajs takes back the
 * sequence numbers of a failed request even when the broker wrote it and only the answer was
 * lost; the relay's next round sends the same rows and more from the same number, which the
 * broker refuses as out of order for as long as that producer lives, so the service would
 * publish nothing until restarted. Under a new id the resent rows may be duplicates, which the
 * consumers' inbox absorbs (ADR 0002).
 */
export class KafkaRecordPublisher implements RecordPublisher {
  private producer: BatchProducer;
  private readonly names: KafkaNamespace;
  private connected?: Promise<void>;

  constructor(private readonly kafka: ProducerSource) {
    this.names = kafka.names;
    this.producer = this.newProducer();
  }

  async publish(records: readonly KafkaRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, KafkaRecord[]>();
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    const producer = this.producer;
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic: this.names.topic(topic),
          messages: list.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })),
        })),
      });
    } catch (error) {
      this.replace(producer);
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = undefined;
  }

  // A producer kafkajs disconnected fails its next send, and is replaced then like any other.
  private newProducer(): BatchProducer {
    return this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  /** Puts a new producer in place of the one whose send failed (once, however many sends failed on it). */
  private replace(failed: BatchProducer): void {
    if (this.producer !== failed) return;
    this.producer = this.newProducer();
    this.connected = undefined;
    // Its requests are over; closing it is housekeeping, and a failure to close changes nothing.
    void failed.disconnect().catch(() => undefined);
  }

  private connect(): Promise<void> {
    const producer = this.producer;
    this.connected ??= producer.connect().catch((error: unknown) => {
      if (this.producer === producer) this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}
