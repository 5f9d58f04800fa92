import type { EntityManager } from 'typeorm';
import { deadLetterTopic } from '@cs/contracts';
import { EventConsumer, type EventConsumerOptions } from '../inbox/event-consumer';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from './consumer-testbed';
import { parcelShippedOn, shippingParcels } from './parcel-shipped';

/** What a handler stuck on an event does once the test lets it go on, in the stuck transaction; `schema` is the bed's. */
export type AfterUnstuck = (tx: EntityManager, schema: string) => Promise<void>;

/** A consumer whose handler records each parcel shipped and waits, on a parcel named `stuck-…`, until the test lets it go on. */
export interface StuckHandlerBed {
  readonly bed: ConsumerTestbed;
  readonly consumer: EventConsumer;
  /** Publishes, in one transaction, a parcel the handler is stuck on, then one it is not. */
  publishStuckThenShipped(): Promise<void>;
  /** The parcels whose shipping was committed, in order of their ids. */
  shipped(): Promise<string[]>;
  /** How many messages the group's dead-letter topic holds (its one partition's high offset). */
  deadLetters(): Promise<string | undefined>;
  /** Lets the stuck handlers go on. */
  unstick(): void;
  /** Lets them go on, stops the consumer and the relay, and drops the bed. */
  close(): Promise<void>;
}

/**
 * Opens a bed named `name`, on the run's broker, for a suite on the handler timeout: a topic and a dead-letter topic of
 * one partition, a `shipped` table the handler writes to, an outbox relay, and a consumer with
 * `options` (a group of its own, two attempts, a 20 ms back-off unless given).
 */
export async function openStuckHandlerBed(name: string, options: Partial<EventConsumerOptions>, afterUnstuck?: AfterUnstuck): Promise<StuckHandlerBed> {
  const names = consumerSuiteNames(name);
  const { schema, topic, group } = names;
  const Shipped = parcelShippedOn(topic);
  const bed = await openConsumerTestbed(names);
  const { dataSource } = bed;
  await dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
  let unstick: () => void = () => undefined;
  const stuck = new Promise<void>((resolve) => (unstick = resolve));
  const parcels = shippingParcels(Shipped, async (parcelId, { tx }) => {
    await tx.query(`INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
    if (!parcelId.startsWith('stuck')) return;
    await stuck;
    await afterUnstuck?.(tx, schema);
  });
  const consumer = new EventConsumer(bed.kafka, dataSource, bed.publisher, parcels, { group, schema, maxAttempts: 2, initialBackoffMs: 20, ...options });
  await consumer.start();
  const relay = new OutboxRelay(dataSource, bed.publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
  relay.start();
  const writer = new OutboxWriter(schema, '/cs/test');
  return {
    bed,
    consumer,
    publishStuckThenShipped: () =>
      dataSource.transaction(async (tx) => {
        await writer.append(tx, Shipped, 'stuck-1', { parcelId: 'stuck-1' });
        await writer.append(tx, Shipped, 'parcel-2', { parcelId: 'parcel-2' });
      }),
    shipped: async () => ((await dataSource.query(`SELECT parcel_id FROM ${schema}.shipped ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id),
    deadLetters: async () => (await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high,
    unstick,
    async close() {
      unstick();
      await Promise.all([consumer.stop(), relay.stop()]);
      await bed.drop();
    },
  };
}
