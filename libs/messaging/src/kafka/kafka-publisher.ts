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
 * What one send carries at most, uncompressed. The broker refuses a partition's record batch over
 * its limit (1 MiB by default) with MESSAGE_TOO_LARGE, which kafkajs does not retry: a relay round
 * of large events (a catalogue of a few hundred items is 64 KiB an event) would fail the same way
 * every round and publish nothing after it. Half the default leaves room for the batch's framing.
 */
export const SEND_BUDGET_BYTES = 512 * 1024;
/** What a record weighs on the wire, near enough: its key, value and headers, and the framing of each. */
const RECORD_OVERHEAD_BYTES = 64;

function recordBytes(record: KafkaRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(record.key) + Buffer.byteLength(record.value);
  for (const [name, value] of Object.entries(record.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/**
 * The records in order, cut into sends within the budget. A record over the budget alone is a
 * send of its own, compressed: JSON of one large event (a catalogue of thousands of items, a
 * megabyte) compresses to a tenth of it.
 */
export function sendsOf(records: readonly KafkaRecord[], budget = SEND_BUDGET_BYTES): { records: KafkaRecord[]; compressed: boolean }[] {
  const sends: { records: KafkaRecord[]; compressed: boolean }[] = [];
  let current: KafkaRecord[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length > 0) sends.push({ records: current, compressed: false });
    current = [];
    bytes = 0;
  };
  for (const record of records) {
    const size = recordBytes(record);
    if (size > budget) {
      flush();
      sends.push({ records: [record], compressed: true });
      continue;
    }
    if (bytes + size > budget) flush();
    current.push(record);
    bytes += size;
  }
  flush();
  return sends;
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

  /**
   * Sends the records in their order, in as many sends as the byte budget needs (`sendsOf`), one
   * after the other: a send that fails leaves the ones after it unsent, and the caller sends
   * them all again (those before it then twice, which the consumers' inbox absorbs).
   */
  async publish(records: readonly KafkaRecord[], progress?: () => void): Promise<void> {
    if (records.length === 0) return;
    // This publish's producer throughout: one put in its place meanwhile (`abandon`) is the next publish's.
    const producer = this.producer;
    await this.connect();
    try {
      for (const send of sendsOf(records)) {
        if (this.producer !== producer) throw new Error('the publish was abandoned; its producer was replaced');
        const byTopic = new Map<string, KafkaRecord[]>();
        for (const record of send.records) {
          const list = byTopic.get(record.topic);
          if (list) list.push(record);
          else byTopic.set(record.topic, [record]);
        }
        await producer.sendBatch({
          acks: -1,
          compression: send.compressed ? CompressionTypes.GZIP : CompressionTypes.None,
          topicMessages: [...byTopic].map(([topic, list]) => ({
            topic: this.names.topic(topic),
            messages: list.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })),
          })),
        });
        progress?.();
      }
    } catch (error) {
      this.replace(producer);
      throw error;
    }
  }

  abandon(): void {
    this.replace(this.producer);
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
