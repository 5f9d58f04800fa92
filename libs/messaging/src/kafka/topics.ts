import type { TopicSpec } from '../ports';
import type { PlatformKafka } from './kafka-client';

/**
 * Creates the topics that do not exist yet, in the client's namespace; the platform never
 * relies on broker auto-create. Returns the broker names of the topics it created.
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
        topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.partitions, replicationFactor: s.replicationFactor })),
      });
    }
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}
