import { deadLetterTopic } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { EventConsumer } from './event-consumer';
import { FailedAttempts } from './failed-attempts';
import { type ConsumerTestbed, RefusingDeadLetter, consumerSuiteNames, openConsumerTestbed, parcelShippedOn, poisonFailingParcels, publishAbandoned } from '../testing';

/**
 * A partition's batch left by an error kafkajs retries in the same assignment (here a dead letter's
 * publish failing with a plain error; a heartbeat's lost connection goes the same way) is read again
 * from the message in hand, and that message's count is the table's, not the one read when the
 * partition was assigned (ADR 0154). Before, the count in memory was kept until the message was done
 * with, so a message whose count had reached the limit as its dead letter failed was tried again.
 */
const names = consumerSuiteNames('counts');
const { schema, topic, group } = names;
const MAX_ATTEMPTS = 2;
const Shipped = parcelShippedOn(topic);

let bed: ConsumerTestbed;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
});

afterAll(async () => {
  await consumer?.stop();
  await bed?.drop();
});

describe('a partition\'s counts after its batch failed mid-way in the same assignment', () => {
  it('given a message another member tried once and its dead letter failing once, then it is tried once and dead-lettered, not tried again', async () => {
    // Given poison-1, tried once by a member before (its count in the group's table), and parcel-2 behind it
    const poison = newEvent(Shipped, { source: '/cs/test', subject: 'poison-1', data: { parcelId: 'poison-1' } });
    await bed.publisher.publish([toKafkaRecord(topic, poison), toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: 'parcel-2', data: { parcelId: 'parcel-2' } }))]);
    await new FailedAttempts(schema, group).failed(bed.dataSource, { topic, partition: 0, offset: '0', eventId: poison.id }, 'cannot ship poison');
    const { parcels, tried, shipped } = poisonFailingParcels(Shipped);
    // The first dead letter fails with an error kafkajs retries without leaving the group.
    const publisher = new RefusingDeadLetter(bed.publisher, { group, nth: 1, error: publishAbandoned });

    // When a member reads the partition in chunks, its count read on assignment, and its dead letter fails once
    consumer = new EventConsumer(bed.kafka, bed.dataSource, publisher, parcels, { group, schema, maxAttempts: MAX_ATTEMPTS, initialBackoffMs: 20, batchSize: 50 });
    await consumer.start();

    // Then poison-1 is tried once, its last attempt; read again, it is dead-lettered untried; parcel-2 is handled
    await eventually(() => expect(shipped).toEqual(['parcel-2']), 60_000, 100);
    expect(publisher.refused).toBe(1);
    expect(tried.filter((p) => p === 'poison-1')).toHaveLength(1);
    await eventually(async () => expect((await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high).toBe('1'), 30_000, 200);
  }, 90_000);
});
