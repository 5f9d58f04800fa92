import { randomUUID } from 'node:crypto';
import { listTopicNames } from '@cs/kafka-admin';
import { eventually, runKafkaBrokers, runKafkaNamespace } from '@cs/testing';
import { createKafka } from './kafka-client';
import { dropTopicsAndGroups, ensureTopics } from './topics';

const kafka = createKafka({ brokers: runKafkaBrokers(), clientId: 'topic-listing-check' });
const head = `${runKafkaNamespace(`listing-${randomUUID().slice(0, 8)}`)}.`;

afterAll(async () => {
  await dropTopicsAndGroups(kafka, (name) => name.startsWith(head));
});

/** `count` topics of three partitions under `set`, as a suite's set-up asks for them. */
const manyTopics = (set: string, count: number) => Array.from({ length: count }, (_, n) => ({ topic: `${head}${set}-${n}`, numPartitions: 3, replicationFactor: 1 }));

describe('the listing of every topic of the cluster', () => {
  it('answers, the topics already there in it, while another client creates three sets of fifty topics at once', async () => {
    // Given a topic already there, and another client asking for 150 topics at once (a suite's set-up beside this one)
    const mine = `${head}mine`;
    await ensureTopics(kafka, [{ topic: mine, partitions: 1, replicationFactor: 1 }]);
    const creator = kafka.admin();
    const lister = kafka.admin();
    await Promise.all([creator.connect(), lister.connect()]);
    try {
      let creating = true;
      const created = Promise.all(['a', 'b', 'c'].map((set) => creator.createTopics({ topics: manyTopics(set, 50), waitForLeaders: false }))).finally(() => (creating = false));

      // When the cluster's topics are listed, again and again, until the creation is answered
      const listings: string[][] = [];
      while (creating) listings.push(await listTopicNames(lister));
      await created;

      // Then every listing answered with the topic already there, and a listing soon names all the others
      expect(listings.length).toBeGreaterThan(1);
      expect(listings.filter((names) => !names.includes(mine))).toEqual([]);
      await eventually(async () => expect((await listTopicNames(lister)).filter((name) => name.startsWith(head) && name !== mine)).toHaveLength(150));
    } finally {
      await Promise.all([creator.disconnect(), lister.disconnect()]);
    }
  }, 60_000);

  it('dropped right after another client deleted some of them (the listing still names those), drops the rest and answers', async () => {
    // Given fifty topics, thirty of which another client has just deleted
    const topics = manyTopics('dropped', 50);
    await ensureTopics(kafka, topics.map(({ topic }) => ({ topic, partitions: 3, replicationFactor: 1 })));
    const deleter = kafka.admin();
    await deleter.connect();
    try {
      await deleter.deleteTopics({ topics: topics.slice(0, 30).map((t) => t.topic) });
    } finally {
      await deleter.disconnect();
    }

    // When every one of them is dropped straight after
    await dropTopicsAndGroups(kafka, (name) => name.startsWith(`${head}dropped-`));

    // Then none is left
    const lister = kafka.admin();
    await lister.connect();
    try {
      await eventually(async () => expect((await listTopicNames(lister)).filter((name) => name.startsWith(`${head}dropped-`))).toEqual([]));
    } finally {
      await lister.disconnect();
    }
  }, 60_000);
});
