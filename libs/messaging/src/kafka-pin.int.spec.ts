import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { KAFKA_IMAGE, runKafkaNamespace } from '@cs/testing';
import { createKafka } from './kafka/kafka-client';
import { KafkaRecordPublisher } from './kafka/kafka-publisher';
import { dropTopicsAndGroups, ensureTopics } from './kafka/topics';

const root = join(__dirname, '..', '..', '..');
const pinnedVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(join(root, 'infra/kafka/pom.xml'), 'utf8'))?.[1];

describe('the pinned Kafka broker and the kafkajs client', () => {
  it('one Kafka version is pinned everywhere: local jars, docker-compose and testcontainers', () => {
    expect(pinnedVersion).toMatch(/^3\.9\.\d+$/);
    expect(readFileSync(join(root, 'docker-compose.yml'), 'utf8')).toContain(`image: apache/kafka:${pinnedVersion}`);
    expect(KAFKA_IMAGE).toBe(`apache/kafka:${pinnedVersion}`);
    const kafkajsVersion = (JSON.parse(readFileSync(join(root, 'node_modules/kafkajs/package.json'), 'utf8')) as { version: string }).version;
    expect(kafkajsVersion).toBe('2.2.4');
  });

  it('kafkajs speaks to the running broker: admin, idempotent producer and a consumer group round trip', async () => {
    const kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: 'pin-check' });
    const admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.length).toBeGreaterThan(0);
    await admin.disconnect();

    const run = randomUUID();
    const topic = runKafkaNamespace(`pin-check.${run}`);
    try {
      expect(await ensureTopics(kafka, [{ topic, partitions: 2, replicationFactor: 1 }])).toEqual([topic]);
      const publisher = new KafkaRecordPublisher(kafka);
      await publisher.publish([{ topic, key: 'k', value: '{"hello":"世界"}', headers: { ce_type: 'pin.check.v1' } }]);
      await publisher.disconnect();

      const consumer = kafka.consumer({ groupId: runKafkaNamespace(`pin-check-${run}`) });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const value = await new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') });
      });
      await consumer.disconnect();
      expect(JSON.parse(value)).toEqual({ hello: '世界' });
    } finally {
      await dropTopicsAndGroups(kafka, (name) => name.includes(run));
    }
  });

  it('a round larger than the broker takes in one batch (its 1 MiB default) is published in sends within it, a single event over it compressed, and read back whole', async () => {
    const kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: 'pin-check-large' });
    const run = randomUUID();
    const topic = runKafkaNamespace(`pin-check-large.${run}`);
    try {
      await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }]);
      // A catalogue of thousands of items under one key, after a few edits made while Kafka was away.
      const items = (n: number) => JSON.stringify({ items: Array.from({ length: n }, (_, i) => ({ code: `repair.item_${i}`, name: `公共区域维修项目${i}`, place: 'building' })) });
      const round = [items(3_000), items(3_000), items(3_000), items(15_000)].map((value, i) => ({ topic, key: 'catalogue', value, headers: { ce_id: `e${i}` } }));
      expect(round.reduce((n, r) => n + Buffer.byteLength(r.value), 0)).toBeGreaterThan(1_500_000);
      expect(Buffer.byteLength(round[3]!.value)).toBeGreaterThan(1_048_576);
      const publisher = new KafkaRecordPublisher(kafka);
      await publisher.publish(round);
      await publisher.disconnect();

      const consumer = kafka.consumer({ groupId: runKafkaNamespace(`pin-check-large-${run}`) });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const read: { id: string; bytes: number }[] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            read.push({ id: message.headers?.['ce_id']?.toString() ?? '', bytes: message.value?.length ?? 0 });
            if (read.length === round.length) resolve();
          },
        });
      });
      await consumer.disconnect();
      expect(read).toEqual(round.map((r) => ({ id: r.headers.ce_id, bytes: Buffer.byteLength(r.value) })));
    } finally {
      await dropTopicsAndGroups(kafka, (name) => name.includes(run));
    }
  });
});
