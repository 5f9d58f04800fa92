import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { KAFKA_IMAGE } from '@cs/testing';
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
    const topic = `pin-check.${run}`;
    try {
      expect(await ensureTopics(kafka, [{ topic, partitions: 2, replicationFactor: 1 }])).toEqual([topic]);
      const publisher = new KafkaRecordPublisher(kafka);
      await publisher.publish([{ topic, key: 'k', value: '{"hello":"世界"}', headers: { ce_type: 'pin.check.v1' } }]);
      await publisher.disconnect();

      const consumer = kafka.consumer({ groupId: `pin-check-${run}` });
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
});
