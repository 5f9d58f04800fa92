import { TopicName, deadLetterTopic } from '@cs/contracts';
import { createLogger } from '@cs/observability';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn, poisonFailingParcels } from '../testing';

/**
 * A poison event (its handler always fails) is dead-lettered after the configured attempts in
 * all, however often its partition changes hands between them (ADR 0136): a deploy restarting the
 * consumer, a replica joining the group. Before, each new assignment counted its attempts afresh,
 * so every rebalance during its retries bought the poison event a full set more, and its partition
 * stayed blocked that much longer.
 */
const names = consumerSuiteNames('attempts');
const { run, schema } = names;
const restarted = { topic: `test.attemptsrestart.${run}.v1` as TopicName, group: `restarted-${run}` };
const joined = { topic: `test.attemptsjoin.${run}.v1` as TopicName, group: `joined-${run}` };
const chunkRestarted = { topic: `test.attemptschunkrestart.${run}.v1` as TopicName, group: `chunk-restarted-${run}` };
const chunkJoined = { topic: `test.attemptschunkjoin.${run}.v1` as TopicName, group: `chunk-joined-${run}` };
/** The services' chunk size unless configured (CONSUMER_BATCH_SIZE). */
const CHUNK = 50;
const MAX_ATTEMPTS = 4;

let bed: ConsumerTestbed;
const running: EventConsumer[] = [];

beforeAll(async () => {
  const topics = [restarted, joined, chunkRestarted, chunkJoined].flatMap(({ topic, group }) => [topic, deadLetterTopic(group)]);
  bed = await openConsumerTestbed(names, topics);
});

afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await bed?.drop();
});

/** A group's consumers of `topic`: every try of a parcel, and the retries each member logged. */
function parcelsOn(topic: TopicName, group: string, batchSize = 1) {
  const Shipped = parcelShippedOn(topic);
  const { parcels: dispatcher, tried: tries, shipped } = poisonFailingParcels(Shipped);
  const retries: { readonly member: number; readonly attempt: number }[] = [];
  const options: EventConsumerOptions = { group, schema, maxAttempts: MAX_ATTEMPTS, initialBackoffMs: 2_000, maxBackoffMs: 2_000, sessionTimeoutMs: 6_000, batchSize };
  const member = async (n: number): Promise<EventConsumer> => {
    const log = createLogger(group, 'warn', {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg?: string; attempt?: number };
        if (entry.msg === 'handler failed; retrying' && entry.attempt !== undefined) retries.push({ member: n, attempt: entry.attempt });
      },
    });
    const consumer = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, dispatcher, options, log);
    running.push(consumer);
    await consumer.start();
    return consumer;
  };
  const publish = (parcelId: string) => bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);
  const deadLetters = async () => (await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high;
  return { tries, shipped, retries, member, publish, deadLetters };
}

/** poison-1 dead-lettered once, after the configured attempts in all, and parcel-2 behind it handled. */
async function deadLetteredAfterAllAttempts(parcels: ReturnType<typeof parcelsOn>): Promise<void> {
  await eventually(async () => expect(await parcels.deadLetters()).toBe('1'), 90_000, 200);
  await eventually(() => expect(parcels.shipped).toEqual(['parcel-2']), 30_000, 100);
  expect(parcels.tries.filter((p) => p === 'poison-1')).toHaveLength(MAX_ATTEMPTS);
}

describe('a poison event whose partition changes hands between its attempts', () => {
  it('given the consumer restarted after two failed tries, then it is dead-lettered after the configured attempts in all, and the partition moves on', async () => {
    const parcels = parcelsOn(restarted.topic, restarted.group);
    const first = await parcels.member(1);
    await parcels.publish('poison-1');
    await parcels.publish('parcel-2');

    // Given two failed tries, the second counted (its retry logged)
    await eventually(() => expect(parcels.retries).toContainEqual({ member: 1, attempt: 2 }), 60_000, 50);

    // When the consumer is restarted (a deploy): a new member takes the partition
    await first.stop();
    await parcels.member(2);

    // Then the poison event is dead-lettered after four tries in all, and the event after it handled
    await deadLetteredAfterAllAttempts(parcels);
  }, 180_000);

  it('given a second member joining the group during its retries, then it is dead-lettered after the configured attempts in all', async () => {
    const parcels = parcelsOn(joined.topic, joined.group);
    await parcels.member(1);
    await parcels.publish('poison-1');
    await parcels.publish('parcel-2');

    // Given a failed try, counted
    await eventually(() => expect(parcels.retries).toContainEqual({ member: 1, attempt: 1 }), 60_000, 50);

    // When a second replica joins the group: the partition is assigned again, to one of the two
    await parcels.member(2);

    // Then the poison event is dead-lettered after four tries in all, whoever made them
    await deadLetteredAfterAllAttempts(parcels);
  }, 180_000);
});

describe('a poison event read in a chunk with others after its partition changed hands', () => {
  it('given the consumer restarted after two failed tries, then the new member continues from the group\'s count: the configured attempts in all', async () => {
    const parcels = parcelsOn(chunkRestarted.topic, chunkRestarted.group, CHUNK);
    const first = await parcels.member(1);
    await parcels.publish('poison-1');
    await eventually(() => expect(parcels.retries).toContainEqual({ member: 1, attempt: 1 }), 60_000, 50);
    // Published behind it, so the next member reads the two in one chunk
    await parcels.publish('parcel-2');

    // Given two failed tries, the second counted
    await eventually(() => expect(parcels.retries).toContainEqual({ member: 1, attempt: 2 }), 60_000, 50);

    // When the consumer is restarted: a new member reads the poison event and the one after it in one chunk
    await first.stop();
    await parcels.member(2);

    // Then the chunk is not tried as a whole first: the poison event is tried twice more, and dead-lettered
    await deadLetteredAfterAllAttempts(parcels);
    expect(parcels.retries.filter((r) => r.member === 2).map((r) => r.attempt)).toEqual([3]);
  }, 180_000);

  it('given a second member joining the group during its retries, then it is dead-lettered after the configured attempts in all', async () => {
    const parcels = parcelsOn(chunkJoined.topic, chunkJoined.group, CHUNK);
    await parcels.member(1);
    await parcels.publish('poison-1');
    await eventually(() => expect(parcels.retries).toContainEqual({ member: 1, attempt: 1 }), 60_000, 50);
    await parcels.publish('parcel-2');

    // When a second replica joins the group: the partition is assigned again, and read from the poison event on
    await parcels.member(2);

    // Then the poison event is dead-lettered after four tries in all, whoever made them
    await deadLetteredAfterAllAttempts(parcels);
  }, 180_000);
});
