import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { TopicName, deadLetterTopic, defineEvent } from '@cs/contracts';
import { eventually } from '@cs/testing';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { type ConsumerTestbed, openConsumerTestbed } from '../testing/consumer-testbed';
import { EventConsumer } from './event-consumer';
import type { EventDispatcher } from './event-dispatcher';

/**
 * A handler that awaits something that never answers (not a statement: those time out by
 * themselves) holds its partition only for the consumer's handler timeout: the transaction fails,
 * nothing of it is written, and the event is retried and dead-lettered as any failing one, so the
 * events after it are handled.
 */
const run = randomUUID().slice(0, 8);
const prefix = `stuck-${run}`;
const schema = `stuck_${run}`;
const topic = `test.stuck.${run}.v1` as TopicName;
const group = `stuck-${run}`;
const Shipped = defineEvent({ type: 'stuck.shipped.v1', topic, aggregate: 'parcel', summary: 'test event', schema: Type.Object({ parcelId: Type.String() }, { additionalProperties: false }) });

let bed: ConsumerTestbed;
let dataSource: DataSource;
let consumer: EventConsumer;
let relay: OutboxRelay;
/** Lets the stuck handlers go on, once the test has seen the partition move past them. */
let unstick: () => void = () => undefined;
const stuck = new Promise<void>((resolve) => (unstick = resolve));
const lateWrites: Promise<unknown>[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(process.env['KAFKA_BROKERS']!.split(','), prefix, schema, [topic, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 1 })));
  ({ dataSource } = bed);
  await dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
  const parcels: EventDispatcher = {
    topics: () => [topic],
    contract: (type) => (type === Shipped.type ? Shipped : undefined),
    dispatch: async (event, { tx }) => {
      const { parcelId } = event.data as { parcelId: string };
      await tx.query(`INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
      if (!parcelId.startsWith('stuck')) return;
      // An awaited call that never answers while the test runs, and a write once it does.
      await stuck;
      const late = tx.query(`INSERT INTO ${schema}.shipped VALUES ('late')`);
      lateWrites.push(late.then(() => 'written', (error: unknown) => error));
      await late;
    },
  };
  consumer = new EventConsumer(bed.kafka, dataSource, bed.publisher, parcels, { group, schema, maxAttempts: 2, initialBackoffMs: 20, batchSize: 10, handlerTimeoutMs: 1_000 });
  await consumer.start();
  relay = new OutboxRelay(dataSource, bed.publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
  relay.start();
});

afterAll(async () => {
  unstick();
  await Promise.all([consumer?.stop(), relay?.stop()]);
  await bed?.drop();
});

describe('a handler that never finishes', () => {
  it('fails its transaction after the handler timeout, is dead-lettered after its attempts, and the partition moves on with nothing of it written', async () => {
    // Given a handler stuck on the first of two events
    const writer = new OutboxWriter(schema, '/cs/test');
    await dataSource.transaction(async (tx) => {
      await writer.append(tx, Shipped, 'stuck-1', { parcelId: 'stuck-1' });
      await writer.append(tx, Shipped, 'parcel-2', { parcelId: 'parcel-2' });
    });

    // Then the event after it is handled, and the stuck one is dead-lettered
    const shipped = async () => ((await dataSource.query(`SELECT parcel_id FROM ${schema}.shipped ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id);
    await eventually(async () => expect(await shipped()).toEqual(['parcel-2']), 60_000, 200);
    const dlq = bed.kafka.names.topic(deadLetterTopic(group));
    await eventually(async () => expect(await bed.admin.fetchTopicOffsets(dlq)).toEqual([expect.objectContaining({ partition: 0, high: '1' })]), 30_000, 200);

    // When the stuck handlers go on and write
    unstick();
    await eventually(() => expect(lateWrites.length).toBeGreaterThan(0), 10_000, 50);
    const outcomes = await Promise.all(lateWrites);

    // Then none of their writes lands: their transactions' connections were closed
    expect(outcomes.every((outcome) => outcome instanceof Error)).toBe(true);
    expect(await shipped()).toEqual(['parcel-2']);
  }, 120_000);
});
