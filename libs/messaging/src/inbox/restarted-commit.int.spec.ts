import { DataSource } from 'typeorm';
import type { Admin } from 'kafkajs';
import { Type } from '@sinclair/typebox';
import { defineEvent } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { PlatformKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { EventConsumer } from './event-consumer';
import type { EventDispatcher } from './event-dispatcher';
import { type ConsumerTestbed, RefusingDeadLetter, consumerSuiteNames, noBrokerAvailable, openConsumerTestbed } from '../testing';

/**
 * A consumer kafkajs started again by itself after a crash it may retry commits what it handles
 * afterwards. kafkajs builds a new group for the restarted consumer; a commit bound to a batch
 * handed over before the crash names the member that left and its generation, which the broker
 * refuses every time (ADR 0111).
 */
const names = consumerSuiteNames('restart');
const { schema, topic, group } = names;
const Noted = defineEvent({ type: 'restart.noted.v1', topic, aggregate: 'note', summary: 'test event', schema: Type.Object({ noteId: Type.String() }, { additionalProperties: false }) });

let kafka: PlatformKafka;
let publisher: KafkaRecordPublisher;
let admin: Admin;
let dataSource: DataSource;
let bed: ConsumerTestbed;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  ({ kafka, publisher, admin, dataSource } = bed);
});

afterAll(async () => {
  await consumer?.stop();
  await bed?.drop();
});

async function note(noteId: string): Promise<void> {
  await publisher.publish([toKafkaRecord(topic, newEvent(Noted, { source: '/test', subject: noteId, data: { noteId } }))]);
}

describe('a consumer kafkajs restarted after a crash it may retry', () => {
  it('commits the offsets of what it handles after the restart', async () => {
    const handled: string[] = [];
    const restarts: boolean[] = [];
    const consumerOf = kafka.consumer.bind(kafka);
    kafka.consumer = (config) => {
      const made = consumerOf(config);
      made.on(made.events.CRASH, ({ payload }) => restarts.push(payload.restart));
      return made;
    };
    const dispatcher: EventDispatcher = {
      topics: () => [topic],
      contract: (type) => (type === Noted.type ? Noted : undefined),
      dispatch: async (event) => {
        const { noteId } = event.data as { noteId: string };
        if (noteId === 'poison') throw new Error('cannot note poison');
        handled.push(noteId);
      },
    };
    // The first dead letter is refused with an error kafkajs retries by restarting its consumer (no broker reachable).
    const refusing = new RefusingDeadLetter(publisher, { group, nth: 1, error: noBrokerAvailable });
    consumer = new EventConsumer(kafka, dataSource, refusing, dispatcher, { group, schema, maxAttempts: 1, initialBackoffMs: 10, commitIntervalMs: 200 });
    await consumer.start();

    // Given a batch handed over, then a crash kafkajs restarts the consumer from (its dead letter refused, no broker reachable).
    await note('before');
    await eventually(() => expect(handled).toContain('before'), 30_000, 50);
    await note('poison');
    await eventually(() => expect(refusing.refused).toBe(1), 30_000, 50);
    await eventually(() => expect(restarts).toEqual([true]), 30_000, 50);

    // When the restarted consumer handles an event,
    await note('after');
    await eventually(() => expect(handled).toContain('after'), 60_000, 50);

    // Then its offset is committed: the group's committed offset reaches the partition's end.
    const [end] = await admin.fetchTopicOffsets(kafka.names.topic(topic));
    await eventually(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId: kafka.names.group(group), topics: [kafka.names.topic(topic)] });
      expect(offsets!.partitions[0]!.offset).toBe(end!.offset);
    }, 30_000, 200);
  }, 180_000);
});
