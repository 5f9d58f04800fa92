import type { Consumer, ConsumerConfig } from 'kafkajs';
import type { QueryRunner } from 'typeorm';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import type { PlatformKafka } from '../kafka/kafka-client';
import { EventConsumer } from './event-consumer';
import type { EventDispatcher } from './event-dispatcher';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn } from '../testing';

/**
 * A partition's counts are read on its first batch since it was assigned (ADR 0154), before its
 * first chunk's transaction, which heartbeats while it runs. A Postgres slow to answer (frozen, a
 * lock, up to DATABASE_QUERY_TIMEOUT_MS: 30 s against a 10 s session) must not leave the member
 * silent meanwhile: put out of its group, it rejoined, and its next first batch read the counts
 * again, so every member of a group meeting the same slow Postgres lost its partitions at every
 * assignment. Here the group's table is locked for three sessions while the first batch reads it.
 */
const names = consumerSuiteNames('countsbeat');
const { schema, topic, group } = names;
const SESSION_MS = 6_000;
const Shipped = parcelShippedOn(topic);

let bed: ConsumerTestbed;
let consumer: EventConsumer | undefined;
let lock: QueryRunner | undefined;

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
});

afterAll(async () => {
  await lock?.release();
  await consumer?.stop();
  await bed?.drop();
});

/** The testbed's client, counting each time one of its consumers joined its group. */
function countingJoins(kafka: PlatformKafka): { kafka: PlatformKafka; joins: () => number } {
  let joins = 0;
  const counting = Object.create(kafka) as PlatformKafka;
  counting.consumer = (config: ConsumerConfig): Consumer => {
    const made = kafka.consumer(config);
    made.on(made.events.GROUP_JOIN, () => {
      joins += 1;
    });
    return made;
  };
  return { kafka: counting, joins: () => joins };
}

describe('a partition\'s counts read on assignment from a Postgres slow to answer', () => {
  it('given the read waiting three sessions, then the member stays in its group: one join, both events handled', async () => {
    const shipped: string[] = [];
    const parcels: EventDispatcher = {
      topics: () => [topic],
      contract: (type) => (type === Shipped.type ? Shipped : undefined),
      dispatch: async (event) => {
        shipped.push((event.data as { parcelId: string }).parcelId);
      },
    };
    const publish = (parcelId: string) => bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);

    // Given the group's table locked, so the partition's first batch waits for its counts
    lock = bed.dataSource.createQueryRunner();
    await lock.startTransaction();
    await lock.query(`LOCK TABLE ${schema}.consumer_attempts IN ACCESS EXCLUSIVE MODE`);
    const { kafka, joins } = countingJoins(bed.kafka);
    consumer = new EventConsumer(kafka, bed.dataSource, bed.publisher, parcels, { group, schema, maxAttempts: 2, initialBackoffMs: 20, batchSize: 50, sessionTimeoutMs: SESSION_MS });
    await consumer.start();
    await publish('parcel-1');

    // When the read waits three sessions before Postgres answers
    await new Promise((resolve) => setTimeout(resolve, 3 * SESSION_MS));
    expect(shipped).toEqual([]);
    await lock.rollbackTransaction();

    // Then parcel-1 is handled, and parcel-2 after it (the member heartbeat since), by the member that joined once
    await eventually(() => expect(shipped).toEqual(['parcel-1']), 30_000, 100);
    await publish('parcel-2');
    await eventually(() => expect(shipped).toEqual(['parcel-1', 'parcel-2']), 30_000, 100);
    expect(joins()).toBe(1);
  }, 120_000);
});
