import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { type TopicName, deadLetterTopic } from '@cs/contracts';
import { runKafkaBrokers, runKafkaNamespace, testDataSource } from '@cs/testing';
import { PlatformKafka, createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { dropTopicsAndGroups, ensureTopics } from '../kafka/topics';
import { consumerTriesTablesDdl, messagingTablesDdl } from '../outbox/messaging-tables';

/**
 * The names a consumer suite's run owns, each carrying the run's id, so that no other suite or
 * run reads its topic, joins its group or writes into its schema.
 */
export interface ConsumerSuiteNames {
  readonly run: string;
  /** `<label>-<run>`: the suite's client id and consumer group; its Kafka namespace is this name under the run's. */
  readonly name: string;
  /**
   * KAFKA_TOPIC_PREFIX of the suite's client: `name` under the run's namespace, which the run's
   * tear-down drops. A plain kafkajs client (an admin reading offsets, a reader's consumer) is given
   * the broker's names, `kafka.names.topic` and `kafka.names.group` of the suite's.
   */
  readonly namespace: string;
  readonly group: string;
  readonly schema: string;
  readonly topic: TopicName;
}

/** A consumer suite's names, from `label` (lower case, words joined by '-') and a fresh run id. */
export function consumerSuiteNames(label: string): ConsumerSuiteNames {
  const run = randomUUID().slice(0, 8);
  const name = `${label}-${run}`;
  return { run, name, namespace: runKafkaNamespace(name), group: name, schema: `${label.replace(/-/g, '_')}_${run}`, topic: `test.${label.replace(/-/g, '')}.${run}.v1` as TopicName };
}


/** What a consumer suite runs against: a Kafka namespace and a schema of its own, with the messaging tables. */
export interface ConsumerTestbed {
  readonly kafka: PlatformKafka;
  readonly publisher: KafkaRecordPublisher;
  readonly admin: Admin;
  readonly dataSource: DataSource;
  /** Disconnects, and drops the topics and groups named by the run (the namespace's, and any others) and the schema. */
  drop(): Promise<void>;
}

/**
 * Opens a suite's test bed against the run's broker and test database, in the suite's namespace:
 * each of `topics` (the suite's topic and its group's dead-letter topic unless given) made with
 * `partitions` (replication factor 1), and the suite's schema with the messaging tables.
 */
export async function openConsumerTestbed(
  names: ConsumerSuiteNames,
  topics: readonly string[] = [names.topic, deadLetterTopic(names.group)],
  partitions = 1,
): Promise<ConsumerTestbed> {
  const kafka = createKafka({ brokers: runKafkaBrokers(), clientId: names.name, topicPrefix: names.namespace });
  const publisher = new KafkaRecordPublisher(kafka);
  const admin = kafka.admin();
  await admin.connect();
  const dataSource = await testDataSource({ schema: names.schema }).initialize();
  await dataSource.query(`CREATE SCHEMA ${names.schema}`);
  for (const sql of [...messagingTablesDdl(names.schema), ...consumerTriesTablesDdl(names.schema)]) await dataSource.query(sql);
  await ensureTopics(kafka, topics.map((topic) => ({ topic, partitions, replicationFactor: 1 })));
  return {
    kafka,
    publisher,
    admin,
    dataSource,
    async drop() {
      await publisher.disconnect();
      await admin.disconnect();
      await dropTopicsAndGroups(kafka, (name) => name.includes(names.run)).catch(() => undefined);
      await dataSource.query(`DROP SCHEMA ${names.schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}
