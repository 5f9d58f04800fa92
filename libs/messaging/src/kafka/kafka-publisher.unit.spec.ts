import type { ProducerBatch } from 'kafkajs';
import type { KafkaRecord } from '../envelope';
import { CompressionTypes } from 'kafkajs';
import { BatchProducer, KafkaRecordPublisher, ProducerSource, SEND_BUDGET_BYTES, sendsOf } from './kafka-publisher';
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

  it('given a round of large events, then they go in order in sends within the budget, one over it alone and compressed', async () => {
    const sized = (key: string, bytes: number): KafkaRecord => ({ topic: 'tickets.events.v1', key, value: 'x'.repeat(bytes), headers: { ce_id: key } });
    const round = [sized('a', 200_000), sized('b', 200_000), sized('c', 200_000), sized('huge', 1_100_000), sized('d', 10)];
    expect(sendsOf(round).map((s) => [s.records.map((r) => r.key), s.compressed])).toEqual([
      [['a', 'b'], false],
      [['c'], false],
      [['huge'], true],
      [['d'], false],
    ]);
    for (const send of sendsOf(round)) expect(send.compressed || send.records.reduce((n, r) => n + r.value.length, 0) <= SEND_BUDGET_BYTES).toBe(true);

    const only = new ScriptedProducer([]);
    await new KafkaRecordPublisher(clientOf(only)).publish(round);
    expect(only.sent.map((b) => [b.topicMessages?.[0]?.messages.map((m) => m.key), b.compression])).toEqual([
      [['a', 'b'], CompressionTypes.None],
      [['c'], CompressionTypes.None],
      [['huge'], CompressionTypes.GZIP],
      [['d'], CompressionTypes.None],
    ]);
  });

  it('given a send of a round that fails, then the sends after it are not made and the round fails', async () => {
    const sized = (key: string): KafkaRecord => ({ topic: 'tickets.events.v1', key, value: 'x'.repeat(400_000), headers: {} });
    const failing = new ScriptedProducer([undefined, new Error('MESSAGE_TOO_LARGE')]);
    await expect(new KafkaRecordPublisher(clientOf(failing, new ScriptedProducer([]))).publish([sized('a'), sized('b'), sized('c')])).rejects.toThrow(/TOO_LARGE/);
    expect(failing.sent.map((b) => b.topicMessages?.[0]?.messages.map((m) => m.key))).toEqual([['a'], ['b']]);
  });

  it('given a publish abandoned between its sends, then it makes no more of them, tells its progress for those made, and the next publish goes through a new producer', async () => {
    const sized = (key: string): KafkaRecord => ({ topic: 'tickets.events.v1', key, value: 'x'.repeat(400_000), headers: {} });
    const first = new ScriptedProducer([]);
    const second = new ScriptedProducer([]);
    const publisher = new KafkaRecordPublisher(clientOf(first, second));
    let parts = 0;
    await expect(
      publisher.publish([sized('a'), sized('b'), sized('c')], () => {
        parts += 1;
        if (parts === 1) publisher.abandon();
      }),
    ).rejects.toThrow(/abandoned/);
    expect([parts, first.sent.length]).toEqual([1, 1]);
    await publisher.publish([sized('d')]);
    expect(second.sent.map((b) => b.topicMessages?.[0]?.messages.map((m) => m.key))).toEqual([['d']]);
  });
});
