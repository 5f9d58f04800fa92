import type { ProducerBatch } from 'kafkajs';
import type { KafkaRecord } from '../envelope';
import { BatchProducer, KafkaRecordPublisher, ProducerSource } from './kafka-publisher';
import { KafkaNamespace } from './namespace';

/** A producer as the broker answers it: each send takes the next outcome given, an error or not. */
class ScriptedProducer implements BatchProducer {
  readonly sent: ProducerBatch[] = [];
  connects = 0;
  disconnects = 0;

  constructor(private readonly outcomes: (Error | undefined)[]) {}

  async connect(): Promise<void> {
    this.connects += 1;
  }

  async disconnect(): Promise<void> {
    this.disconnects += 1;
  }

  async sendBatch(batch: ProducerBatch): Promise<unknown> {
    this.sent.push(batch);
    const outcome = this.outcomes.shift();
    if (outcome) throw outcome;
    return [];
  }
}

function clientOf(...producers: ScriptedProducer[]): ProducerSource & { made: number } {
  const client = {
    names: new KafkaNamespace(),
    made: 0,
    producer: () => {
      const next = producers[client.made];
      if (!next) throw new Error('no producer left');
      client.made += 1;
      return next;
    },
  };
  return client;
}

const record = (key: string): KafkaRecord => ({ topic: 'tickets.events.v1', key, value: '{}', headers: { ce_id: key } });

describe('KafkaRecordPublisher', () => {
  it('given a send that failed (its answer lost), then the next send goes through a new producer, a new producer id, and the failed one is closed', async () => {
    const failing = new ScriptedProducer([new Error('Request Produce(version: 7) timed out')]);
    const next = new ScriptedProducer([]);
    const client = clientOf(failing, next);
    const publisher = new KafkaRecordPublisher(client);

    await expect(publisher.publish([record('a')])).rejects.toThrow(/timed out/);
    // The relay's next round: the same row, and one committed since.
    await publisher.publish([record('a'), record('b')]);

    expect(client.made).toBe(2);
    expect([failing.sent.length, failing.disconnects]).toEqual([1, 1]);
    expect([next.connects, next.sent.map((b) => b.topicMessages?.[0]?.messages.map((m) => m.key))]).toEqual([1, [['a', 'b']]]);
  });

  it('given sends that succeed, then one producer serves them all, connected once', async () => {
    const only = new ScriptedProducer([]);
    const client = clientOf(only);
    const publisher = new KafkaRecordPublisher(client);
    await publisher.publish([record('a')]);
    await publisher.publish([record('b')]);
    expect([client.made, only.connects, only.sent.length, only.disconnects]).toEqual([1, 1, 2, 0]);
  });
});
