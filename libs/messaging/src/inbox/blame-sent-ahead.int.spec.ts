import { deadLetterTopic } from '@cs/contracts';
import { execute, sendAhead } from '@cs/persistence';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShipped, parcelShippedOn } from '../testing';
import { EventConsumer } from './event-consumer';
import type { Delivery, EventDispatcher } from './event-dispatcher';
import { FailedAttempts } from './failed-attempts';

/**
 * A statement sent ahead (ADR 0189) is answered at once, and its failure is told to the
 * transaction's next statement: in a batch, perhaps the next event's. The consumer waits for the
 * answers of what each event's handler sent ahead before it goes on, and of the gathered writes
 * that precede an event before that event is in hand (ADR 0190): a failure is its own event's, or
 * no event's, never the next one's.
 */
const names = consumerSuiteNames('blame-ahead');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);
/** The events after the poisoned ones are of a type of their own: a transaction's types then tell whether both were in it. */
const Returned = parcelShipped(`${topic.split('.')[1]!}.returned.v1`, topic);
const attempts = new FailedAttempts(schema, group);

let bed: ConsumerTestbed;
let consumer: EventConsumer | undefined;
const tried: string[] = [];
/** How many event types the transaction held in which each parcel was first tried. */
const typesAtFirstTry = new Map<string, number>();

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  await bed.dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text CHECK (parcel_id NOT LIKE '%poison%'))`);
  // A parcel's row sent ahead, the table refusing a poisoned one; a `flush-` parcel's row gathered and written
  // before the next event; any other parcel's handler reads the table first (a statement waited for).
  const handle = async (parcelId: string, { tx, beforeCommit, types }: Delivery): Promise<void> => {
    tried.push(parcelId);
    if (!typesAtFirstTry.has(parcelId)) typesAtFirstTry.set(parcelId, types.size);
    const ship = () => sendAhead(tx, `INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
    if (parcelId.startsWith('flush-')) return beforeCommit({}, ship, () => true);
    if (!parcelId.includes('poison')) await execute(tx, `SELECT count(*) FROM ${schema}.shipped`);
    await ship();
  };
  const parcels: EventDispatcher = {
    topics: () => [topic],
    contract: (type) => [Shipped, Returned].find((definition) => definition.type === type),
    dispatch: (event, delivery) => handle((event.data as { parcelId: string }).parcelId, delivery),
  };
  // A failure dead-letters its message at once.
  consumer = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, parcels, { group, schema, maxAttempts: 1, initialBackoffMs: 20, batchSize: 50 });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await bed?.drop();
});

const shipped = (parcelId: string) => newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } });
const returned = (parcelId: string) => newEvent(Returned, { source: '/cs/test', subject: parcelId, data: { parcelId } });
const deadLetters = async () => (await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high;
const rows = async () => ((await bed.dataSource.query(`SELECT parcel_id FROM ${schema}.shipped ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id);

describe('a statement sent ahead that fails', () => {
  it('in a handler, is blamed on its own event at once, not on the event after it whose statement would tell it', async () => {
    // Given poison-1 and parcel-2 behind it, read in one batch
    const poison = shipped('poison-1');
    const parcel = returned('parcel-2');
    await bed.publisher.publish([toKafkaRecord(topic, poison), toKafkaRecord(topic, parcel)]);

    // Then parcel-2 is shipped; poison-1 failed in the batch, its one try, and went to the dead letters untried again
    await eventually(async () => expect(await rows()).toEqual(['parcel-2']), 60_000, 100);
    // Both were in the transaction of poison-1's first try.
    expect(typesAtFirstTry.get('poison-1')).toBe(2);
    await eventually(async () => expect(await deadLetters()).toBe('1'), 30_000, 200);
    expect(tried.filter((p) => p === 'poison-1')).toHaveLength(1);
    expect(await attempts.before(bed.dataSource, { topic, partition: 0, offset: '0', eventId: poison.id })).toMatchObject({ deadLettered: true, lastError: expect.stringMatching(/check constraint/) });
    expect(await attempts.before(bed.dataSource, { topic, partition: 0, offset: '1', eventId: parcel.id })).toBeUndefined();
  }, 90_000);

  it('in what a handler gathered, written before the next event, is not blamed on that event', async () => {
    // Given flush-poison-3, whose row is written before the next event, and parcel-4 behind it, read in one batch
    const poison = shipped('flush-poison-3');
    const parcel = returned('parcel-4');
    await bed.publisher.publish([toKafkaRecord(topic, poison), toKafkaRecord(topic, parcel)]);

    // Then parcel-4 is shipped and was never counted a failure; flush-poison-3, tried alone, went to the dead letters
    await eventually(async () => expect(await rows()).toEqual(['parcel-2', 'parcel-4']), 60_000, 100);
    expect(typesAtFirstTry.get('flush-poison-3')).toBe(2);
    await eventually(async () => expect(await deadLetters()).toBe('2'), 30_000, 200);
    expect(await attempts.before(bed.dataSource, { topic, partition: 0, offset: '3', eventId: parcel.id })).toBeUndefined();
    expect(await attempts.before(bed.dataSource, { topic, partition: 0, offset: '2', eventId: poison.id })).toMatchObject({ deadLettered: true });
  }, 90_000);
});
