import type { TopicSpec } from '../ports';
import type { PlatformKafka } from './kafka-client';

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
 * Creates the topics that do not exist yet, in the client's namespace; the platform never
 * relies on broker auto-create. Each is created with its own `min.insync.replicas`
 * ({@link minInSyncReplicas}), not the broker's. Returns the broker names of the topics it created.
 */
export async function ensureTopics(kafka: PlatformKafka, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.map((s) => ({ ...s, topic: kafka.names.topic(s.topic) })).filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions,
          replicationFactor: s.replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(minInSyncReplicas(s.replicationFactor)) }],
        })),
      });
    }
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
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
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter(belongs);
    if (groups.length > 0) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter(belongs);
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return { topics, groups };
  } finally {
    await admin.disconnect();
  }
}
