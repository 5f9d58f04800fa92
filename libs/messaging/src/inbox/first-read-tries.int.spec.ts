import { deadLetterTopic } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '../testing/consumer-testbed';
import { parcelShippedOn, poisonFailingParcels } from '../testing/parcel-shipped';
import { EventConsumer } from './event-consumer';

/**
 * A poison event read for the first time in a chunk with others, the chunks of two partitions in one
 * transaction, is tried `CONSUMER_MAX_ATTEMPTS` times in all: the try in which its own handler
 * failed counts as its first. Before, the chunk was tried gathered, then alone, neither try counted
 * (which of its events failed was not known), then the event alone its full set.
 */
const names = consumerSuiteNames('firstread');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);
const MAX_ATTEMPTS = 2;
const PARCELS = 8;

let bed: ConsumerTestbed;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  bed = await openConsumerTestbed(names, undefined, 2);
});

afterAll(async () => {
  await consumer?.stop();
  await bed?.drop();
});

describe('a poison event on its first read, in a chunk gathered with another partition\'s', () => {
  it('is tried its attempts in all, the first of them the gathered try, and dead-lettered', async () => {
    // Given parcels on both partitions and a poison among them, all there before the consumer starts
    const parcelIds = [...Array.from({ length: PARCELS }, (_, i) => `parcel-${i}`), 'poison-x', 'parcel-last'];
    await bed.publisher.publish(parcelIds.map((parcelId) => toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))));
    const { parcels, tried, shipped } = poisonFailingParcels(Shipped);

    // When a consumer takes both partitions in chunks, gathered in one transaction
    consumer = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, parcels, { group, schema, maxAttempts: MAX_ATTEMPTS, initialBackoffMs: 20, batchSize: 50, partitionsConcurrently: 2 });
    await consumer.start();

    // Then every parcel is shipped and the poison was tried its attempts, no more, and dead-lettered
    await eventually(() => expect(new Set(shipped)).toEqual(new Set(parcelIds.filter((p) => p !== 'poison-x'))), 60_000, 100);
    await eventually(async () => expect((await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high).toBe('1'), 30_000, 200);
    expect(tried.filter((p) => p === 'poison-x')).toHaveLength(MAX_ATTEMPTS);
  }, 90_000);
});
