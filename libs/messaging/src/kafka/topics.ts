import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { deleteTopicsAndGroups } from '@cs/kafka-admin';
import type { TopicSpec } from '../ports';
import type { PlatformKafka } from './kafka-client';
import { createTopicsAnswered } from './topics-created';
import { TOPICS_KNOWN_TIMEOUT_MS, awaitTopicsKnown, topicsNotKnown } from './topics-known';

/**
 * How many replicas must hold a record before the producer's acks=all is answered: a majority of
 * the replicas, yet never all of them when there are two or more, so that one broker lost stops no
 * publishing. The broker's own default is 1: with it, acks=all was answered by the leader alone
 * whenever its followers had fallen behind, and a record acknowledged so (its outbox row marked
 * published, then pruned) was lost with that leader's disk.
 */
export function minInSyncReplicas(replicationFactor: number): number {
  return Math.max(1, Math.min(replicationFactor - 1, Math.floor(replicationFactor / 2) + 1));
}

/**
 * The `min.insync.replicas` a new topic is given of its own, or undefined to leave the brokers'
 * default in force. Set only where {@link minInSyncReplicas} raises every broker's default: at a
 * replication factor of 1 or 2 it is 1, which can never raise anything, and an operator's stricter
 * default (2 on the whole cluster, say) must not be lowered by a value written on each topic.
 * Unless that default asks for more replicas than the topic has: no acks=all write (the outbox
 * relay's, a dead letter's) could ever be acknowledged, so the topic gets the platform's majority.
 * `brokerDefault` is the highest default the brokers report, undefined when it could not be read
 * (a principal without DescribeConfigs on the cluster), counted as Kafka's own default of 1; a
 * topic of one replica then states its 1 itself, as no other default could be met by it.
 */
export function topicMinInSyncReplicas(replicationFactor: number, brokerDefault: number | undefined): number | undefined {
  const wanted = minInSyncReplicas(replicationFactor);
  const unmet = brokerDefault === undefined ? replicationFactor === 1 : brokerDefault > replicationFactor;
  if (unmet) return wanted;
  return wanted > (brokerDefault ?? 1) ? wanted : undefined;
}

export interface EnsureTopicsOptions {
  /** How long the brokers' metadata may take to answer for the topics, the reads before the creation and the wait after it together ({@link awaitTopicsKnown}). */
  readonly metadataTimeoutMs?: number;
}

/**
 * Creates the topics that do not exist yet, in the client's namespace; the platform never
 * relies on broker auto-create. Each is created with its own `min.insync.replicas` where that
 * raises the brokers' default ({@link topicMinInSyncReplicas}). Answers once the brokers' metadata
 * has every topic it created, each partition led, so that whatever uses them next finds them;
 * fails with a {@link TopicsNotKnownError} naming those still unknown at the bound, or a
 * {@link TopicsNotCreatedError} naming those the brokers refused and why. A topic another creator
 * makes meanwhile (the topics Job beside a service's start-up) is no failure. Returns the broker
 * names of the topics it found missing; two creators racing may both name one.
 */
export async function ensureTopics(kafka: PlatformKafka, specs: readonly TopicSpec[], options: EnsureTopicsOptions = {}): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  // One bound for every metadata read, before the creation and after it.
  const timeoutMs = options.metadataTimeoutMs ?? TOPICS_KNOWN_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  try {
    const missing = await topicsNotKnown(
      admin,
      specs.map((s) => ({ ...s, topic: kafka.names.topic(s.topic) })),
      deadline,
    );
    if (missing.length > 0) {
      const brokerDefault = await brokersMinInSyncReplicas(admin);
      const createdAll = await createTopicsAnswered(
        admin,
        missing.map((s) => {
          const minInSync = topicMinInSyncReplicas(s.replicationFactor, brokerDefault);
          return {
            topic: s.topic,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor,
            configEntries: minInSync === undefined ? [] : [{ name: 'min.insync.replicas', value: String(minInSync) }],
          };
        }),
      );
      // A topic that already existed may be another creator's, or older, with other partitions than asked.
      const awaited = createdAll ? missing : missing.map((s) => ({ ...s, partitions: 1 }));
      await awaitTopicsKnown(admin, awaited, timeoutMs, deadline);
    }
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The highest `min.insync.replicas` any broker applies to a topic without its own, or undefined when
 * the brokers do not say (no right to describe their configuration).
 */
export async function brokersMinInSyncReplicas(admin: Admin): Promise<number | undefined> {
  try {
    const { brokers } = await admin.describeCluster();
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: brokers.map((b) => ({ type: ConfigResourceTypes.BROKER, name: String(b.nodeId), configNames: ['min.insync.replicas'] })),
    });
    const values = resources
      .map((r) => Number(r.configEntries.find((e) => e.configName === 'min.insync.replicas')?.configValue))
      .filter((v) => Number.isInteger(v) && v > 0);
    return values.length > 0 ? Math.max(...values) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Deletes every topic and consumer group under the client's prefix: what a throwaway copy of
 * the platform (a fuzzing run) leaves on shared brokers. Refuses a client without a prefix,
 * whose namespace is the platform's own. Groups are deleted only once their members have left.
 */
export async function dropNamespace(kafka: PlatformKafka): Promise<{ topics: string[]; groups: string[] }> {
  if (kafka.names.prefix === '') throw new Error('refusing to drop the unprefixed namespace: it holds the platform’s own topics');
  const head = kafka.names.topic('');
  return dropTopicsAndGroups(kafka, (name) => name.startsWith(head));
}

/** Deletes the topics and consumer groups whose names `belongs` accepts (a test's own, named by its run). */
export async function dropTopicsAndGroups(kafka: PlatformKafka, belongs: (name: string) => boolean): Promise<{ topics: string[]; groups: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await deleteTopicsAndGroups(admin, belongs);
  } finally {
    await admin.disconnect();
  }
}
