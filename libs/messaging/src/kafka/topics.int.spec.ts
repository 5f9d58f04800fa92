import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, ConfigSource } from 'kafkajs';
import { createKafka } from './kafka-client';
import { brokersMinInSyncReplicas, dropTopicsAndGroups, ensureTopics } from './topics';

/**
 * The topics the platform creates (the kafka-topics Job, a service with KAFKA_ENSURE_TOPICS)
 * carry a min.insync.replicas of their own only where it raises the brokers' default: at a
 * replication factor of 1 or 2 the broker's default (an operator's stricter one included) holds.
 */
describe('a topic the platform creates', () => {
  const kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: 'topics-check' });
  const run = randomUUID();

  afterAll(async () => {
    await dropTopicsAndGroups(kafka, (name) => name.includes(run));
  });

  /** The topic's min.insync.replicas as the broker describes it, and the brokers' default beside it. */
  async function minInSyncReplicasOf(topic: string) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
      });
      const entry = resources[0]?.configEntries.find((e) => e.configName === 'min.insync.replicas');
      return { entry, brokerDefault: await brokersMinInSyncReplicas(admin) };
    } finally {
      await admin.disconnect();
    }
  }

  it('at a replication factor of 1 sets no min.insync.replicas of its own, leaving the broker’s in force', async () => {
    // Given a topic the platform does not have yet, on the test's single broker
    const topic = `topics-check.${run}.rf1`;

    // When it is provisioned at a replication factor of 1
    expect(await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }])).toEqual([topic]);

    // Then the topic's min.insync.replicas is the broker's, not one written on the topic
    const { entry, brokerDefault } = await minInSyncReplicasOf(topic);
    expect(entry?.configSource).not.toBe(ConfigSource.TOPIC_CONFIG);
    expect(Number(entry?.configValue)).toBe(brokerDefault);
  });

  it('at a replication factor below the brokers’ default sets the platform’s own, so that its acks=all writes can be answered', async () => {
    // Given brokers that report a default of 2 (a cluster's stricter setting) and a topic the platform does not have yet
    const topic = `topics-check.${run}.below-default`;
    const provisioning = kafka.admin();
    const describe = provisioning.describeConfigs.bind(provisioning);
    jest.spyOn(provisioning, 'describeConfigs').mockImplementation(async (request) => {
      const answer = await describe(request);
      return {
        ...answer,
        resources: answer.resources.map((r) => ({
          ...r,
          configEntries: r.configEntries.map((e) => (e.configName === 'min.insync.replicas' ? { ...e, configValue: '2' } : e)),
        })),
      };
    });
    jest.spyOn(kafka, 'admin').mockReturnValueOnce(provisioning);

    // When it is provisioned at a replication factor of 1
    try {
      expect(await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }])).toEqual([topic]);
    } finally {
      jest.restoreAllMocks();
    }

    // Then the topic itself asks for the one replica it has, not the two no write could have
    const { entry } = await minInSyncReplicasOf(topic);
    expect({ value: entry?.configValue, source: entry?.configSource }).toEqual({ value: '1', source: ConfigSource.TOPIC_CONFIG });
  });

  it('reads the brokers’ default, which a topic of a higher replication factor is measured against', async () => {
    // Given the test's broker
    const admin = kafka.admin();
    await admin.connect();
    try {
      // When its default is read
      // Then it is the broker's number, not left unknown
      expect(await brokersMinInSyncReplicas(admin)).toEqual(expect.any(Number));
    } finally {
      await admin.disconnect();
    }
  });
});
