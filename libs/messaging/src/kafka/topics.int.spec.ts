import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, ConfigSource, KafkaJSProtocolError } from 'kafkajs';
import { createKafka } from './kafka-client';
import { rejectionOf, runKafkaNamespace } from '@cs/testing';
import { brokersMinInSyncReplicas, dropTopicsAndGroups, ensureTopics } from './topics';
import { TopicsNotKnownError } from './topics-known';
import { TopicsNotCreatedError } from './topics-created';

/**
 * The topics the platform creates (the kafka-topics Job, a service with KAFKA_ENSURE_TOPICS)
 * carry a min.insync.replicas of their own only where it raises the brokers' default: at a
 * replication factor of 1 or 2 the broker's default (an operator's stricter one included) holds.
 */
describe('a topic the platform creates', () => {
  const kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: 'topics-check' });
  const run = randomUUID();
  const space = runKafkaNamespace(`topics-check.${run}`);

  afterAll(async () => {
    await dropTopicsAndGroups(kafka, (name) => name.includes(run));
  });

  /** Asserts that the broker answers for each of `topics` with `partitions` partitions, each led. */
  async function expectLed(topics: readonly string[], partitions: number) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const answer = await admin.fetchTopicMetadata({ topics: [...topics] });
      expect(answer.topics.map((t) => [t.name, t.partitions.filter((p) => p.leader >= 0).length]).sort()).toEqual(topics.map((t) => [t, partitions]).sort());
    } finally {
      await admin.disconnect();
    }
  }

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
    const topic = `${space}.rf1`;

    // When it is provisioned at a replication factor of 1
    expect(await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }])).toEqual([topic]);

    // Then the topic's min.insync.replicas is the broker's, not one written on the topic
    const { entry, brokerDefault } = await minInSyncReplicasOf(topic);
    expect(entry?.configSource).not.toBe(ConfigSource.TOPIC_CONFIG);
    expect(Number(entry?.configValue)).toBe(brokerDefault);
  });

  it('at a replication factor below the brokers’ default sets the platform’s own, so that its acks=all writes can be answered', async () => {
    // Given brokers that report a default of 2 (a cluster's stricter setting) and a topic the platform does not have yet
    const topic = `${space}.below-default`;
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

  it('created while the broker still applies many others, is in its metadata, every partition led, once provisioning answers', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const round of [1, 2, 3]) {
        // Given a broker another client has just asked for fifty topics (the topics Job beside a service's start)
        const many = Array.from({ length: 50 }, (_, n) => ({ topic: `${space}.many-${round}-${n}`, numPartitions: 3, replicationFactor: 1 }));
        await admin.createTopics({ topics: many, waitForLeaders: false });
        const topic = `${space}.next-${round}`;

        // When one more is provisioned straight after
        expect(await ensureTopics(kafka, [{ topic, partitions: 3, replicationFactor: 1 }])).toEqual([topic]);

        // Then the broker already answers for it, each of its partitions with a leader
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        expect(topics[0]?.partitions.map((p) => p.leader >= 0)).toEqual([true, true, true]);
      }
    } finally {
      await admin.disconnect();
    }
  }, 120_000);

  it('provisioned by two creators at once over overlapping sets, is there for both, and each answers', async () => {
    // Given two sets of topics that share some (the topics Job beside a service's start-up)
    const names = Array.from({ length: 6 }, (_, n) => `${space}.race-${n}`);
    const spec = (topic: string) => ({ topic, partitions: 2, replicationFactor: 1 });

    // When both are provisioned at the same moment
    const [a, b] = await Promise.all([ensureTopics(kafka, names.slice(0, 4).map(spec)), ensureTopics(kafka, names.slice(2).map(spec))]);

    // Then both answer, every topic named by one of them, and the broker answers for each, every partition led
    expect([...new Set([...a, ...b])].sort()).toEqual(names);
    await expectLed(names, 2);

    // And provisioning them again finds every one there
    expect(await ensureTopics(kafka, names.map(spec))).toEqual([]);
  });

  it('provisioned while the listing of the whole cluster fails (a partition error on a topic of another team), is created', async () => {
    // Given brokers whose listing of every topic fails, as kafkajs's does when any partition of any topic answers with an error
    const topic = `${space}.unlisted`;
    const provisioning = kafka.admin();
    jest.spyOn(provisioning, 'listTopics').mockRejectedValue(new TypeError("Cannot destructure property 'topicMetadata' of 'null' as it is null."));
    jest.spyOn(kafka, 'admin').mockReturnValueOnce(provisioning);

    // When a topic of the platform's own is provisioned
    try {
      expect(await ensureTopics(kafka, [{ topic, partitions: 2, replicationFactor: 1 }])).toEqual([topic]);
    } finally {
      jest.restoreAllMocks();
    }

    // Then it was created, read alone rather than among the cluster's other topics
    await expectLed([topic], 2);
  });

  it('the broker refuses to create fails, naming each topic refused and the broker’s reason, the others created', async () => {
    // Given a topic asking for more replicas than the test's single broker has, beside one it can create
    const refused = `${space}.too-many-replicas`;
    const accepted = `${space}.beside-refused`;

    // When both are provisioned
    const failure = await rejectionOf(
      ensureTopics(kafka, [
        { topic: refused, partitions: 1, replicationFactor: 2 },
        { topic: accepted, partitions: 1, replicationFactor: 1 },
      ]),
      TopicsNotCreatedError,
    );

    // Then provisioning fails naming the refused topic and why, and the other exists
    expect(failure.topics).toEqual([refused]);
    expect(failure.message).toContain(`${refused} (INVALID_REPLICATION_FACTOR`);
    expect(failure.message).not.toContain(accepted);
    await expectLed([accepted], 1);
  });

  it('whose creation the brokers fail as a whole fails, naming the topics and the brokers’ answer', async () => {
    // Given brokers whose answer to the creation is an error (a metadata read that kept failing)
    const topic = `${space}.creation-failed`;
    const provisioning = kafka.admin();
    jest.spyOn(provisioning, 'createTopics').mockRejectedValue(new KafkaJSProtocolError('There is no leader for this topic-partition as we are in the middle of a leadership election'));
    jest.spyOn(kafka, 'admin').mockReturnValueOnce(provisioning);

    // When the topic is provisioned
    const failure = await rejectionOf(ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }]), TopicsNotCreatedError).finally(() => jest.restoreAllMocks());

    // Then provisioning fails naming the topic and the brokers' answer
    expect(failure.topics).toEqual([topic]);
    expect(failure.message).toContain(topic);
    expect(failure.message).toContain('There is no leader for this topic-partition');
  });

  it('whose metadata the broker never shows within the bound fails, naming the topics still unknown', async () => {
    // Given a broker whose metadata leaves out one of the topics just created
    const seen = `${space}.seen`;
    const hidden = `${space}.hidden`;
    const provisioning = kafka.admin();
    const fetch = provisioning.fetchTopicMetadata.bind(provisioning);
    jest.spyOn(provisioning, 'fetchTopicMetadata').mockImplementation(async (request) => {
      const answer = await fetch(request);
      return { topics: answer.topics.filter((t) => t.name !== hidden) };
    });
    jest.spyOn(kafka, 'admin').mockReturnValueOnce(provisioning);

    // When both are provisioned with a bound on the wait, which the reads, the creation and the wait
    // after it share: long enough for all of them on a loaded machine, or the seen topic would be named too
    const provisioned = ensureTopics(kafka, [seen, hidden].map((topic) => ({ topic, partitions: 1, replicationFactor: 1 })), { metadataTimeoutMs: 5_000 });
    const failure = await rejectionOf(provisioned, TopicsNotKnownError).finally(() => jest.restoreAllMocks());

    // Then provisioning fails, naming the hidden topic and not the one the broker shows
    expect(failure.topics).toEqual([hidden]);
    expect(failure.message).toContain(hidden);
    expect(failure.message).not.toContain(seen);
  });

  it('whose metadata read outlasts the bound (kafkajs retrying a partition without a leader) fails at the bound, naming the topic', async () => {
    // Given a broker that answers the read before the creation, then keeps every read of the topic's metadata in hand
    const slow = `${space}.slow`;
    const provisioning = kafka.admin();
    const fetch = provisioning.fetchTopicMetadata.bind(provisioning);
    let reads = 0;
    jest.spyOn(provisioning, 'fetchTopicMetadata').mockImplementation((request) => (++reads === 1 ? fetch(request) : new Promise(() => undefined)));
    jest.spyOn(kafka, 'admin').mockReturnValueOnce(provisioning);

    // When it is provisioned with a short bound on the wait
    const provisioned = ensureTopics(kafka, [{ topic: slow, partitions: 1, replicationFactor: 1 }], { metadataTimeoutMs: 1_000 });
    const failure = await rejectionOf(provisioned, TopicsNotKnownError).finally(() => jest.restoreAllMocks());

    // Then provisioning fails at the bound rather than waiting for the read, naming the topic
    expect(failure.topics).toEqual([slow]);
  }, 20_000);

  it('already there, whose metadata reads all outlast the bound (a partition without a leader), fails at the bound, naming the topic', async () => {
    // Given a topic that exists, and a broker that keeps every later read of its metadata in hand
    const stuck = `${space}.stuck`;
    await ensureTopics(kafka, [{ topic: stuck, partitions: 1, replicationFactor: 1 }]);
    const provisioning = kafka.admin();
    jest.spyOn(provisioning, 'fetchTopicMetadata').mockImplementation(() => new Promise(() => undefined));
    jest.spyOn(kafka, 'admin').mockReturnValueOnce(provisioning);

    // When it is provisioned again with a short bound
    const provisioned = ensureTopics(kafka, [{ topic: stuck, partitions: 1, replicationFactor: 1 }], { metadataTimeoutMs: 1_000 });
    const failure = await rejectionOf(provisioned, TopicsNotKnownError).finally(() => jest.restoreAllMocks());

    // Then the read before the creation is held to the bound too: provisioning fails, naming the topic
    expect(failure.topics).toEqual([stuck]);
  }, 20_000);

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
