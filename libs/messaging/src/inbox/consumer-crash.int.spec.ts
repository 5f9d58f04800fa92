import { DataSource } from 'typeorm';
import { deadLetterTopic } from '@cs/contracts';

import { eventually } from '@cs/testing';
import { OutboxWriter } from '../outbox/outbox-writer';
import { OutboxRelay } from '../outbox/outbox-relay';
import { EventConsumer } from './event-consumer';
import { type ConsumerTestbed, RefusingDeadLetter, consumerSuiteNames, messageTooLarge, openConsumerTestbed, parcelShippedOn, shippingParcels } from '../testing';

/**
 * A consumer kafkajs stops for good — its dead-letter publish refused by the broker with an error
 * kafkajs does not retry — is started again by the service, and carries on: the poison event is
 * parked once the dead-letter topic takes it, and the events after it are handled.
 */
const names = consumerSuiteNames('crash');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);

let bed: ConsumerTestbed;
let dataSource: DataSource;
let consumer: EventConsumer;
let relay: OutboxRelay;
let refusing: RefusingDeadLetter;
const tried: string[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  ({ dataSource } = bed);
  // The first dead letter is refused for good, as a broker refusing its size would.
  refusing = new RefusingDeadLetter(bed.publisher, { group, nth: 1, error: messageTooLarge });
  await dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
  const parcels = shippingParcels(Shipped, async (parcelId, { tx }) => {
    tried.push(parcelId);
    if (parcelId.startsWith('poison')) throw new Error('cannot ship poison');
    await tx.query(`INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
  });
  consumer = new EventConsumer(bed.kafka, dataSource, refusing, parcels, { group, schema, maxAttempts: 2, initialBackoffMs: 20 });
  await consumer.start();
  relay = new OutboxRelay(dataSource, bed.publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
  relay.start();
});

afterAll(async () => {
  await Promise.all([consumer?.stop(), relay?.stop()]);
  await bed?.drop();
});

describe('a consumer stopped by an error kafkajs does not retry', () => {
  it('is started again, parks the poison event once the dead-letter topic takes it, and handles what follows', async () => {
    const writer = new OutboxWriter(schema, '/cs/test');
    await dataSource.transaction(async (tx) => {
      await writer.append(tx, Shipped, 'poison-1', { parcelId: 'poison-1' });
      await writer.append(tx, Shipped, 'parcel-2', { parcelId: 'parcel-2' });
    });
    await eventually(async () => {
      const rows = (await dataSource.query(`SELECT parcel_id FROM ${schema}.shipped`)) as { parcel_id: string }[];
      expect(rows.map((r) => r.parcel_id)).toEqual(['parcel-2']);
    }, 60_000, 200);
    expect(refusing.refused).toBe(1);
    // Two attempts before the refused dead letter; after the restart, none: the partition's first
    // chunk reads the group's count, already at the limit, and the event is dead-lettered untried (ADR 0154).
    expect(tried.filter((id) => id === 'poison-1')).toHaveLength(2);
    // Parked once the dead-letter topic takes it: dead-lettered untried is still dead-lettered, once.
    await eventually(async () => expect((await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high).toBe('1'), 30_000, 200);
  }, 90_000);
});
