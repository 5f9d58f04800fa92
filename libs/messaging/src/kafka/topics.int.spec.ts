import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, ConfigSource } from 'kafkajs';
import { createKafka } from './kafka-client';
import { dropTopicsAndGroups, ensureTopics, minInSyncReplicas } from './topics';

/**
 * The topics the platform creates (the kafka-topics Job, a service with KAFKA_ENSURE_TOPICS)
 * carry their own min.insync.replicas, so acks=all means what the outbox relay counts on whatever
 * the broker's default (1 unless the cluster says otherwise).
 */
describe('a topic the platform creates', () => {
  const kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: 'topics-check' });
  const run = randomUUID();
  const topic = `topics-check.${run}`;

  afterAll(async () => {
    await dropTopicsAndGroups(kafka, (name) => name.includes(run));
  });

  it('is created with min.insync.replicas of its own, set on the topic, not left to the broker', async () => {
    // Given a topic the platform does not have yet
    // When it is provisioned
    expect(await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }])).toEqual([topic]);

    // Then the topic itself names how many replicas must be in sync
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
      });
      const entry = resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas');
      expect({ value: entry?.configValue, source: entry?.configSource }).toEqual({
        value: String(minInSyncReplicas(1)),
        source: ConfigSource.TOPIC_CONFIG,
      });
    } finally {
      await admin.disconnect();
    }
  });
});
