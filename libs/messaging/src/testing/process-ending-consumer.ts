import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicName } from '@cs/contracts';
import { testDataSource } from '@cs/testing';
import { EventConsumer } from '../inbox/event-consumer';
import { createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { parcelShipped, shippingParcels } from './parcel-shipped';

/**
 * A consumer process for a test of a message that ends its process (ADR 0164): it records each try
 * of a parcel, ships it, and on a parcel named `killer-…` kills itself with SIGKILL mid-try, as the
 * kernel ending it out of memory would (nothing cleaned up, its member left to time out). A parcel
 * named `slow-…` takes a while to ship; with `partitionsConcurrently` above one, a killer waits for
 * a slow parcel's try to be in hand before it kills (a while at most), as a process ended by one
 * partition's message ends the tries other partitions have in hand; none is waited for once a slow parcel
 * is shipped. SIGTERM stops it. Its test bed is named by its one argument ({@link ProcessEndingBed}, as JSON), its
 * database as the tests' is.
 */
export interface ProcessEndingBed {
  readonly brokers: readonly string[];
  readonly prefix: string;
  readonly schema: string;
  readonly topic: TopicName;
  readonly type: string;
  readonly group: string;
  readonly maxAttempts: number;
  readonly partitionsConcurrently?: number;
}

/** How long a slow parcel's try lasts, and how long a killer waits at most for one to be in hand. */
const SLOW_TRY_MS = 5_000;
const KILLER_WAITS_MS = 10_000;

async function main(): Promise<void> {
  const { brokers, prefix, schema, topic, type, group, maxAttempts, partitionsConcurrently = 1 } = JSON.parse(process.argv[2] ?? '{}') as ProcessEndingBed;
  const Shipped = parcelShipped(type, topic);
  const kafka = createKafka({ brokers: [...brokers], clientId: prefix, topicPrefix: prefix });
  const publisher = new KafkaRecordPublisher(kafka);
  const dataSource = await testDataSource({ schema }).initialize();
  let slowInHand = false;
  // A slow parcel shipped by an earlier process is never in hand again: nothing to wait for.
  const slowShipped = async (): Promise<boolean> =>
    ((await dataSource.query(`SELECT 1 FROM ${schema}.shipped WHERE parcel_id LIKE 'slow%'`)) as unknown[]).length > 0;
  const parcels = shippingParcels(Shipped, async (parcelId, { tx }) => {
    await dataSource.query(`INSERT INTO ${schema}.tries VALUES ($1)`, [parcelId]);
    if (parcelId.startsWith('slow')) {
      slowInHand = true;
      await sleep(SLOW_TRY_MS);
      slowInHand = false;
    }
    if (parcelId.startsWith('killer')) {
      if (partitionsConcurrently > 1 && !(await slowShipped())) {
        for (const until = Date.now() + KILLER_WAITS_MS; !slowInHand && Date.now() < until; ) await sleep(20);
      }
      process.kill(process.pid, 'SIGKILL');
    }
    await tx.query(`INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
  });
  // No offset is committed while a process lives: each one reads the partition from its start.
  const consumer = new EventConsumer(kafka, dataSource, publisher, parcels, {
    group,
    schema,
    maxAttempts,
    initialBackoffMs: 20,
    sessionTimeoutMs: 6_000,
    commitIntervalMs: 600_000,
    partitionsConcurrently,
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await publisher.disconnect();
      await dataSource.destroy();
      process.exit(0);
    })();
  });
  await consumer.start();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
