import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { DataSource } from 'typeorm';
import { type Admin, type ISocketFactory, logLevel } from 'kafkajs';
import { Type } from '@sinclair/typebox';
import { defineEvent } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { PlatformKafka } from '../kafka/kafka-client';
import { KafkaNamespace } from '../kafka/namespace';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { EventConsumer } from './event-consumer';
import type { EventDispatcher } from './event-dispatcher';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '../testing/consumer-testbed';

/**
 * A member whose offset commit goes unanswered while its group rebalances never commits, once the
 * broker answers again, what it handled before the rebalance over the partition's new owner: the
 * new owner's committed offset stands. kafkajs' own retry of such a commit was sent with the
 * generation current at the retry, which the broker took, moving the new owner's offset back.
 */
const names = consumerSuiteNames('stale');
const { run, namespace, schema, topic, group } = names;
const Noted = defineEvent({ type: 'stale.noted.v1', topic, aggregate: 'note', summary: 'test event', schema: Type.Object({ noteId: Type.String() }, { additionalProperties: false }) });

/** OffsetCommit's key in the Kafka protocol: a request's first field after its 4-byte size. */
const OFFSET_COMMIT_API_KEY = 8;

/** Connections that, while `holding`, never send an OffsetCommit request: it times out, which kafkajs counts as retriable. */
class UnansweredCommits {
  holding = false;
  held = 0;
  readonly socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    const write = socket.write.bind(socket) as (chunk: Buffer, encoding: BufferEncoding) => boolean;
    return Object.assign(socket, {
      write: (chunk: Buffer, encoding: BufferEncoding) => {
        if (!this.holding || chunk.length < 6 || chunk.readInt16BE(4) !== OFFSET_COMMIT_API_KEY) return write(chunk, encoding);
        this.held += 1;
        return true;
      },
    });
  };
}

interface Handled {
  readonly partition: number;
  readonly offset: string;
}

const recording = (into: Handled[]): EventDispatcher => ({
  topics: () => [topic],
  contract: (type) => (type === Noted.type ? Noted : undefined),
  dispatch: async (_event, { partition, offset }) => {
    into.push({ partition, offset });
  },
});

let kafka: PlatformKafka;
let publisher: KafkaRecordPublisher;
let admin: Admin;
let dataSource: DataSource;
let bed: ConsumerTestbed;
const consumers: EventConsumer[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(names, [topic], 2);
  ({ kafka, publisher, admin, dataSource } = bed);
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await bed?.drop();
});

async function started(through: PlatformKafka, handled: Handled[], commitIntervalMs: number): Promise<void> {
  const consumer = new EventConsumer(through, dataSource, publisher, recording(handled), { group, schema, maxAttempts: 1, initialBackoffMs: 10, commitIntervalMs });
  consumers.push(consumer);
  await consumer.start();
}

/** Publishes a note at a time, each keyed afresh, until `done` holds. */
async function publishUntil(done: () => boolean | Promise<boolean>): Promise<void> {
  await eventually(async () => {
    const noteId = randomUUID();
    await publisher.publish([toKafkaRecord(topic, newEvent(Noted, { source: '/test', subject: noteId, data: { noteId } }))]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await done()).toBe(true);
  }, 60_000, 0);
}

async function committed(partition: number): Promise<string> {
  const [offsets] = await admin.fetchOffsets({ groupId: kafka.names.group(group), topics: [kafka.names.topic(topic)] });
  return offsets!.partitions.find((p) => p.partition === partition)!.offset;
}

async function end(partition: number): Promise<string> {
  return (await admin.fetchTopicOffsets(kafka.names.topic(topic))).find((p) => p.partition === partition)!.offset;
}

describe('offsets a member handled before a rebalance', () => {
  it('given a commit unanswered while the group rebalances, then once answered the partition’s new owner’s committed offset stands', async () => {
    const commits = new UnansweredCommits();
    const slow = new PlatformKafka(
      { clientId: `stale-a-${run}`, brokers: process.env['KAFKA_BROKERS']!.split(','), requestTimeout: 2_000, logLevel: logLevel.NOTHING, socketFactory: commits.socketFactory },
      new KafkaNamespace(namespace),
    );
    const committedBySlow: number[] = [];
    const consumerOf = slow.consumer.bind(slow);
    slow.consumer = (config) => {
      const consumer = consumerOf(config);
      consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => committedBySlow.push(...payload.topics.flatMap((t) => t.partitions.map((p) => p.partition))));
      return consumer;
    };

    // Given a member alone in the group, whose commits go unanswered, handling notes on both partitions:
    // its first commit, an interval after it joined, names both.
    await publishUntil(async () => (await Promise.all([0, 1].map(end))).every((offset) => offset !== '0'));
    commits.holding = true;
    const bySlow: Handled[] = [];
    await started(slow, bySlow, 5_000);
    await eventually(async () => expect(new Set(bySlow.map((h) => h.partition)).size).toBe(2), 30_000, 50);
    await eventually(async () => expect(commits.held).toBeGreaterThan(0), 30_000, 50);

    // When a second member joins, takes a partition, handles events there and commits them.
    const byOther: Handled[] = [];
    await started(kafka, byOther, 200);
    await publishUntil(() => byOther.length > 0);
    const taken = byOther[0]!.partition;
    // The first member, past its rejoin, handles the partition it kept: it has offsets of its own to commit.
    const handledBefore = bySlow.length;
    await publishUntil(() => bySlow.length > handledBefore);
    const takenEnd = await end(taken);
    await eventually(async () => expect(await committed(taken)).toBe(takenEnd), 30_000, 100);

    // Then, once the first member's commits are answered again, it commits only the partition it still owns.
    commits.holding = false;
    await eventually(async () => expect(committedBySlow.length).toBeGreaterThan(0), 60_000, 100);
    expect(committedBySlow).not.toContain(taken);
    expect(await committed(taken)).toBe(takenEnd);
  }, 180_000);
});
