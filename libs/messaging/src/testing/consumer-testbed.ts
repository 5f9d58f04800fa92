import { DataSource } from 'typeorm';
import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../ports';
import { testDataSource } from '@cs/testing';
import { PlatformKafka, createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { dropNamespace, ensureTopics } from '../kafka/topics';
import { consumerAttemptsWithIndexesDdl, messagingTablesDdl } from '../outbox/messaging-tables';

/** What a consumer suite runs against: a Kafka namespace and a schema of its own, with the messaging tables. */
export interface ConsumerTestbed {
  readonly kafka: PlatformKafka;
  readonly publisher: KafkaRecordPublisher;
  readonly admin: Admin;
  readonly dataSource: DataSource;
  /** Disconnects, and drops the namespace's topics and groups and the schema. */
  drop(): Promise<void>;
}

/**
 * Opens a suite's test bed against `brokers` and the test database: `name` is the topic prefix
 * and the client id, `schema` gets the messaging tables, and each of `topics` is made with its
 * partitions (replication factor 1).
 */
export async function openConsumerTestbed(
  brokers: readonly string[],
  name: string,
  schema: string,
  topics: readonly Omit<TopicSpec, 'replicationFactor'>[],
): Promise<ConsumerTestbed> {
  const kafka = createKafka({ brokers: [...brokers], clientId: name, topicPrefix: name });
  const publisher = new KafkaRecordPublisher(kafka);
  const admin = kafka.admin();
  await admin.connect();
  const dataSource = await testDataSource({ schema }).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const sql of [...messagingTablesDdl(schema), ...consumerAttemptsWithIndexesDdl(schema)]) await dataSource.query(sql);
  await ensureTopics(kafka, topics.map((t) => ({ ...t, replicationFactor: 1 })));
  return {
    kafka,
    publisher,
    admin,
    dataSource,
    async drop() {
      await publisher.disconnect();
      await admin.disconnect();
      await dropNamespace(kafka).catch(() => undefined);
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}
