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
 * The handler timeout is longer than the group's session (60 s and 10 s unless set): a member
 * stays in its group while a transaction runs, so a stuck event's tries add up to the attempts
 * that dead-letter it instead of each ending with the member put out of its group and the count
 * starting again on the partition's next owner.
 */
const run = randomUUID().slice(0, 8);
const prefix = `stuck-session-${run}`;
const schema = `stuck_session_${run}`;
const topic = `test.stucksession.${run}.v1` as TopicName;
const group = `stuck-session-${run}`;
const Shipped = defineEvent({ type: 'stucksession.shipped.v1', topic, aggregate: 'parcel', summary: 'test event', schema: Type.Object({ parcelId: Type.String() }, { additionalProperties: false }) });

let bed: ConsumerTestbed;
let dataSource: DataSource;
let consumer: EventConsumer;
let relay: OutboxRelay;
let unstick: () => void = () => undefined;
const stuck = new Promise<void>((resolve) => (unstick = resolve));

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
      if (parcelId.startsWith('stuck')) await stuck;
    },
  };
  consumer = new EventConsumer(bed.kafka, dataSource, bed.publisher, parcels, {
    group,
    schema,
    maxAttempts: 2,
    initialBackoffMs: 20,
    batchSize: 1,
    sessionTimeoutMs: 6_000,
    handlerTimeoutMs: 15_000,
  });
  await consumer.start();
  relay = new OutboxRelay(dataSource, bed.publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
  relay.start();
});

afterAll(async () => {
  unstick();
  await Promise.all([consumer?.stop(), relay?.stop()]);
  await bed?.drop();
});

describe('a handler stuck longer than the group session', () => {
  it('keeps the member in its group: the event is dead-lettered after its attempts and the partition moves on', async () => {
    // Given a handler stuck on the first of two events, for longer than the session each time
    const writer = new OutboxWriter(schema, '/cs/test');
    await dataSource.transaction(async (tx) => {
      await writer.append(tx, Shipped, 'stuck-1', { parcelId: 'stuck-1' });
      await writer.append(tx, Shipped, 'parcel-2', { parcelId: 'parcel-2' });
    });

    // Then its two tries are the attempts that dead-letter it, and the event after it is handled
    const dlq = bed.kafka.names.topic(deadLetterTopic(group));
    await eventually(async () => expect(await bed.admin.fetchTopicOffsets(dlq)).toEqual([expect.objectContaining({ partition: 0, high: '1' })]), 100_000, 500);
    const shipped = async () => ((await dataSource.query(`SELECT parcel_id FROM ${schema}.shipped ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id);
    await eventually(async () => expect(await shipped()).toEqual(['parcel-2']), 30_000, 200);
  }, 150_000);
});
