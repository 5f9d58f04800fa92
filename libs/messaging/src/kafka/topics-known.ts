import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../ports';

/** How long provisioning waits by default for the brokers to answer for the topics it created. */
export const TOPICS_KNOWN_TIMEOUT_MS = 30_000;
const POLL_EVERY_MS = 100;

/** Topics were created, yet the brokers' metadata still did not answer for them, each partition led, when the bound passed. */
export class TopicsNotKnownError extends Error {
  constructor(
    readonly topics: readonly string[],
    timeoutMs: number,
    cause: unknown,
  ) {
    const last = cause instanceof Error ? `; last answer: ${cause.message}` : '';
    super(`topics created but not yet known to the brokers after ${timeoutMs} ms: ${topics.join(', ')}${last}`, { cause });
  }
}

/**
 * Waits until the brokers' metadata answers for each of `specs` (broker names) with every partition
 * led. A broker answers CreateTopics once the controller has the topics, and its own metadata
 * follows later: a producer, a consumer's subscription or kafkajs's own wait for leaders asked in
 * between got UNKNOWN_TOPIC_OR_PARTITION, which kafkajs's createTopics gives up on. Each topic is
 * asked alone, as a metadata answer fails whole on any one topic's error and would not say which.
 */
export async function awaitTopicsKnown(admin: Admin, specs: readonly TopicSpec[], timeoutMs = TOPICS_KNOWN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...specs];
  let lastError: unknown;
  for (;;) {
    const unknown: TopicSpec[] = [];
    for (const spec of pending) {
      const known = await isKnown(admin, spec).catch((error: unknown) => {
        lastError = error;
        return false;
      });
      if (!known) unknown.push(spec);
    }
    pending = unknown;
    if (pending.length === 0) return;
    if (Date.now() >= deadline) throw new TopicsNotKnownError(pending.map((s) => s.topic), timeoutMs, lastError);
    await sleep(POLL_EVERY_MS);
  }
}

async function isKnown(admin: Admin, spec: TopicSpec): Promise<boolean> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [spec.topic] });
  const partitions = topics.find((t) => t.name === spec.topic)?.partitions ?? [];
  return partitions.length >= spec.partitions && partitions.every((p) => p.leader >= 0);
}
