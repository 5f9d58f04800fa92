import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { TopicName, deadLetterTopic, defineEvent } from '@cs/contracts';

import { listTopicNames } from '@cs/kafka-admin';
import { eventually, runKafkaNamespace, testDataSource } from '@cs/testing';
import { DLQ_HEADERS } from '../inbox/dead-letter';
import { replayDeadLetters } from '../inbox/dlq-replayer';
import { EventConsumer } from '../inbox/event-consumer';
import type { EventDispatcher } from '../inbox/event-dispatcher';
import { consumerTriesTablesDdl, messagingTablesDdl } from '../outbox/messaging-tables';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { PlatformKafka, createKafka } from './kafka-client';
import { KafkaRecordPublisher } from './kafka-publisher';
import { dropNamespace, ensureTopics } from './topics';

const run = randomUUID().slice(0, 8);
const prefix = runKafkaNamespace(`ns-${run}`);
const schema = `ns_${run}`;
const topic = `test.parcels.${run}.v1` as TopicName;
const group = `parcels-${run}`;
const ParcelShipped = defineEvent({
  type: 'parcel.shipped.v1',
  topic,
  aggregate: 'parcel',
  summary: 'test event',
  schema: Type.Object({ parcelId: Type.String() }, { additionalProperties: false }),
});

let kafka: PlatformKafka;
let plain: PlatformKafka;
let publisher: KafkaRecordPublisher;
let dataSource: DataSource;
let consumer: EventConsumer;
let relay: OutboxRelay;
let failing = true;

beforeAll(async () => {
  const brokers = process.env['KAFKA_BROKERS']!.split(',');
  kafka = createKafka({ brokers, clientId: `ns-${run}`, topicPrefix: prefix });
  plain = createKafka({ brokers, clientId: `ns-plain-${run}` });
  publisher = new KafkaRecordPublisher(kafka);
  dataSource = await testDataSource({ schema }).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const sql of [...messagingTablesDdl(schema), ...consumerTriesTablesDdl(schema)]) await dataSource.query(sql);
  await dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
  await ensureTopics(kafka, [topic, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 2, replicationFactor: 1 })));
  const parcels: EventDispatcher = {
    topics: () => [topic],
    contract: (type) => (type === ParcelShipped.type ? ParcelShipped : undefined),
    dispatch: async (event, { tx }) => {
      const { parcelId } = event.data as { parcelId: string };
      if (failing && parcelId.startsWith('poison')) throw new Error('cannot ship poison');
      await tx.query(`INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
    },
  };
  consumer = new EventConsumer(kafka, dataSource, publisher, parcels, { group, schema, maxAttempts: 2, initialBackoffMs: 20 });
  await consumer.start();
  relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
  relay.start();
});

afterAll(async () => {
  await Promise.all([consumer.stop(), relay.stop()]);
  await publisher.disconnect();
  await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource.destroy();
});

async function shipped(): Promise<string[]> {
  const rows = (await dataSource.query(`SELECT parcel_id FROM ${schema}.shipped ORDER BY parcel_id`)) as { parcel_id: string }[];
  return rows.map((r) => r.parcel_id);
}

async function endOffset(admin: ReturnType<PlatformKafka['admin']>, brokerTopic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(brokerTopic)).reduce((sum, p) => sum + Number(p.high), 0);
}

describe('a deployment with KAFKA_TOPIC_PREFIX shares no topic or group with the platform names', () => {
  it('outbox, consumer group, dead-letter topic and DLQ replay all live under the prefix', async () => {
    const writer = new OutboxWriter(schema, '/cs/test');
    await dataSource.transaction(async (tx) => {
      await writer.append(tx, ParcelShipped, 'parcel-1', { parcelId: 'parcel-1' });
      await writer.append(tx, ParcelShipped, 'poison-1', { parcelId: 'poison-1' });
    });
    await eventually(async () => expect(await shipped()).toEqual(['parcel-1']));

    const admin = plain.admin();
    await admin.connect();
    try {
      const topics = await listTopicNames(admin);
      expect(topics).toEqual(expect.arrayContaining([`${prefix}.${topic}`, `${prefix}.${group}.dlq.v1`]));
      expect(topics).not.toContain(topic);
      expect(topics).not.toContain(deadLetterTopic(group));
      expect(await endOffset(admin, `${prefix}.${topic}`)).toBe(2);

      // The poison event was parked on the prefixed dead-letter topic, naming the platform topic it came from.
      await eventually(async () => expect(await endOffset(admin, `${prefix}.${group}.dlq.v1`)).toBe(1));
      const [dead] = await readHeaders(`${prefix}.${group}.dlq.v1`);
      expect(dead).toMatchObject({ [DLQ_HEADERS.originalTopic]: topic, [DLQ_HEADERS.consumerGroup]: group });

      const { groups } = await admin.listGroups();
      const ids = groups.map((g) => g.groupId);
      expect(ids).toContain(`${prefix}.${group}`);
      expect(ids).not.toContain(group);

      // Replay goes back to the prefixed stream and is tracked by a prefixed replayer group.
      failing = false;
      expect(await replayDeadLetters(kafka, publisher, group)).toEqual({ replayed: 1, skipped: 0 });
      await eventually(async () => expect(await shipped()).toEqual(['parcel-1', 'poison-1']));
      expect(await endOffset(admin, `${prefix}.${topic}`)).toBe(3);
      const [replayer] = await admin.fetchOffsets({ groupId: `${prefix}.${group}.dlq-replayer`, topics: [`${prefix}.${group}.dlq.v1`] });
      expect(replayer!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)).toBe(1);
      expect((await listTopicNames(admin)).filter((t) => t.includes(run) && !t.startsWith(`${prefix}.`))).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });

  it('dropping the namespace deletes its topics and groups and refuses the unprefixed one', async () => {
    await consumer.stop();
    await expect(dropNamespace(plain)).rejects.toThrow('refusing');
    const dropped = await dropNamespace(kafka);
    expect(dropped.topics.sort()).toEqual([`${prefix}.${group}.dlq.v1`, `${prefix}.${topic}`]);
    expect(dropped.groups).toEqual(expect.arrayContaining([`${prefix}.${group}`, `${prefix}.${group}.dlq-replayer`]));
    const admin = plain.admin();
    await admin.connect();
    try {
      await eventually(async () => expect((await listTopicNames(admin)).filter((t) => t.startsWith(`${prefix}.`))).toEqual([]));
      const { groups } = await admin.listGroups();
      expect(groups.map((g) => g.groupId).filter((id) => id.startsWith(`${prefix}.`))).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});

/** Headers of every message on a broker topic, read by a throwaway group outside any namespace. */
async function readHeaders(brokerTopic: string): Promise<Record<string, string>[]> {
  const reader = plain.consumer({ groupId: `ns-reader-${randomUUID()}` });
  const seen: Record<string, string>[] = [];
  await reader.connect();
  await reader.subscribe({ topic: brokerTopic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void reader.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
        seen.push(headers);
        resolve();
      },
    });
  });
  await reader.disconnect();
  return seen;
}
