import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from '@cs/observability';
import { eventually } from '@cs/testing';
import { OutboxWriter } from '../outbox/outbox-writer';
import { OutboxRelay } from '../outbox/outbox-relay';
import { EventConsumer } from './event-consumer';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn, shippingParcels } from '../testing';

/**
 * A consumer is replaced once it has heard nothing of its group — no heartbeat taken, no join —
 * for longer than its bound with no batch in hand (ADR 0183), and never before: not between an
 * idle member's heartbeats, nor while a batch keeps it silent past the bound. Each against the
 * real broker, with bounds short enough to cross in seconds.
 */
const names = consumerSuiteNames('membership');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);

let bed: ConsumerTestbed;
let dataSource: DataSource;
let relay: OutboxRelay;
const consumers: EventConsumer[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  ({ dataSource } = bed);
  relay = new OutboxRelay(dataSource, bed.publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
  relay.start();
});

afterAll(async () => {
  await Promise.all([...consumers.map((c) => c.stop()), relay?.stop()]);
  await bed?.drop();
});

/** A consumer of its own group shipping into a table of its own, a parcel named `slow…` taking `slowMs`; with its restarts counted. */
async function shipper(label: string, membershipLostAfterMs: number, slowMs = 0): Promise<{ shipped(): Promise<string[]>; restarts(): Promise<number> }> {
  const table = `${schema}.shipped_${label}`;
  await dataSource.query(`CREATE TABLE ${table} (parcel_id text)`);
  const metrics = new ServiceMetrics(`membership-${label}`);
  const parcels = shippingParcels(Shipped, async (parcelId, { tx }) => {
    if (parcelId.startsWith('slow')) await sleep(slowMs);
    await tx.query(`INSERT INTO ${table} VALUES ($1)`, [parcelId]);
  });
  // Heartbeats every 2 s (a third of the session) while idle.
  const consumer = new EventConsumer(bed.kafka, dataSource, bed.publisher, parcels, { group: `${group}-${label}`, schema, maxAttempts: 3, initialBackoffMs: 20, sessionTimeoutMs: 6_000, membershipLostAfterMs, handlerTimeoutMs: 30_000 }, undefined, metrics);
  consumers.push(consumer);
  await consumer.start();
  return {
    shipped: async () => ((await dataSource.query(`SELECT parcel_id FROM ${table} ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id),
    restarts: async () => (await metrics.consumerRestarts.get()).values.reduce((sum, v) => sum + v.value, 0),
  };
}

async function publish(...parcelIds: string[]): Promise<void> {
  const writer = new OutboxWriter(schema, '/cs/test');
  await dataSource.transaction(async (tx) => {
    for (const parcelId of parcelIds) await writer.append(tx, Shipped, parcelId, { parcelId });
  });
}

describe('a consumer out of its group', () => {
  it('is never counted out while in it: idle between heartbeats, nor through a batch longer than the bound', async () => {
    // Bound 5 s: above the 2 s between an idle member's heartbeats, below the 7 s a slow parcel keeps its batch in hand.
    const watched = await shipper('kept', 5_000, 7_000);
    await publish('slow-1', 'parcel-2');
    await eventually(async () => expect(await watched.shipped()).toEqual(['parcel-2', 'slow-1']), 60_000, 200);
    // Idle for more than two bounds.
    await sleep(12_000);
    expect(await watched.restarts()).toBe(0);
  }, 120_000);

  it('is replaced once it has heard nothing past the bound, and what it was given is shipped once', async () => {
    // Bound 1 s: an idle member's 2 s between heartbeats reads as out of its group.
    const watched = await shipper('replaced', 1_000);
    await eventually(async () => expect(await watched.restarts()).toBeGreaterThanOrEqual(1), 30_000, 200);
    await publish('parcel-3', 'parcel-4');
    // Its group reads the topic from the start (the first test's parcels too, when it ran first): each shipped once.
    await eventually(async () => expect(await watched.shipped()).toEqual(expect.arrayContaining(['parcel-3', 'parcel-4'])), 60_000, 200);
    await sleep(3_000);
    const shipped = await watched.shipped();
    expect(shipped).toEqual([...new Set(shipped)]);
  }, 120_000);
});
