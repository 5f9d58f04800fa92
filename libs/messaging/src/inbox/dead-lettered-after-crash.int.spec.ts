import { deadLetterTopic } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { EventConsumer } from './event-consumer';
import { type ConsumerTestbed, RefusingDeadLetter, consumerSuiteNames, messageTooLarge, openConsumerTestbed, parcelShippedOn, poisonFailingParcels } from '../testing';

/**
 * A dead-lettered event read again because its member crashed before committing its offset, after
 * a later event's failure was counted, is passed by (ADR 0154): the later failure keeps the dead
 * letter's mark, and the partition's first chunk on the next consumer reads it. Before, counting
 * the later failure removed the mark, and the event was tried a full set again and dead-lettered twice.
 */
const names = consumerSuiteNames('marked');
const { schema, topic, group } = names;
const MAX_ATTEMPTS = 2;
const Shipped = parcelShippedOn(topic);

let bed: ConsumerTestbed;
let consumer: EventConsumer;
const { parcels, tried, shipped } = poisonFailingParcels(Shipped);

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  // The second dead letter is refused for good, as a broker refusing its size would: kafkajs stops the consumer, which is started again.
  const refusing = new RefusingDeadLetter(bed.publisher, { group, nth: 2, error: messageTooLarge });
  // No offset is committed while the test runs: the crash falls within the commit interval.
  consumer = new EventConsumer(bed.kafka, bed.dataSource, refusing, parcels, {
    group,
    schema,
    maxAttempts: MAX_ATTEMPTS,
    initialBackoffMs: 20,
    commitIntervalMs: 600_000,
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await bed?.drop();
});

describe('a dead-lettered event whose member crashed before committing its offset, after a later event failed', () => {
  it('is passed by on the next consumer, not tried and dead-lettered again; the later event continues from its count', async () => {
    // Given poison-a dead-lettered, then poison-b failing for good and its dead letter refused: the consumer stops, no offset committed
    const publish = (parcelId: string) => bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);
    await publish('poison-a');
    await publish('poison-b');
    await publish('parcel-c');

    // When the consumer started again reads the partition from its start
    await eventually(() => expect(shipped).toEqual(['parcel-c']), 90_000, 100);

    // Then poison-a was tried twice and dead-lettered once; poison-b, whose count had reached the limit, dead-lettered untried
    expect(tried.filter((p) => p === 'poison-a')).toHaveLength(MAX_ATTEMPTS);
    expect(tried.filter((p) => p === 'poison-b')).toHaveLength(MAX_ATTEMPTS);
    await eventually(async () => expect((await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high).toBe('2'), 30_000, 200);
  }, 120_000);
});
