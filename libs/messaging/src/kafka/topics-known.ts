import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../ports';
import { settleWithin } from '../settle-within';

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

/** A topic to wait for: at least `partitions` of it, each led. */
export type TopicAwaited = Pick<TopicSpec, 'topic' | 'partitions'>;

/**
 * Waits until the brokers' metadata answers for each of `topics` (broker names) with every partition
 * led. A broker answers CreateTopics once the controller has the topics, and its own metadata
 * follows later: a producer, a consumer's subscription or kafkajs's own wait for leaders asked in
 * between got UNKNOWN_TOPIC_OR_PARTITION, which kafkajs's createTopics gives up on. Each topic is
 * asked alone, as a metadata answer fails whole on any one topic's error and would not say which.
 */
export async function awaitTopicsKnown(
  admin: Admin,
  topics: readonly TopicAwaited[],
  timeoutMs = TOPICS_KNOWN_TIMEOUT_MS,
  deadline = Date.now() + timeoutMs,
): Promise<void> {
  let pending = [...topics];
  let lastError: unknown;
  for (;;) {
    const known = await Promise.all(pending.map((spec) => knownBy(admin, spec, deadline, (error) => (lastError = error))));
    pending = pending.filter((_, n) => known[n] !== true);
    if (pending.length === 0) return;
    if (Date.now() >= deadline) throw new TopicsNotKnownError(pending.map((s) => s.topic), timeoutMs, lastError);
    await sleep(POLL_EVERY_MS);
  }
}

/**
 * The topics of `specs` the brokers do not answer for, each partition led; one already there is taken
 * with the partitions it has. Each is asked alone: kafkajs's listing of the whole cluster fails on a
 * partition error of any topic (another team's being created) with a TypeError that names nothing.
 * Any error counts as unknown, and so does a read still unanswered at `deadline`: the creation that
 * follows answers for each topic whether it exists, and the wait after it is held to the same deadline.
 */
export async function topicsNotKnown<T extends TopicAwaited>(admin: Admin, specs: readonly T[], deadline: number): Promise<T[]> {
  const known = await Promise.all(specs.map((spec) => knownBy(admin, { topic: spec.topic, partitions: 1 }, deadline)));
  return specs.filter((_, n) => known[n] !== true);
}

/**
 * Whether the brokers answer for the topic with at least its partitions, each led; undefined when the
 * read is still unanswered at `deadline` (kafkajs retries a partition without a leader inside one
 * read, tens of seconds, and is not waited for past the bound). An error counts as not known, and is
 * handed to `failed`.
 */
async function knownBy(admin: Admin, { topic, partitions }: TopicAwaited, deadline: number, failed: (error: unknown) => void = () => undefined): Promise<boolean | undefined> {
  const read = isKnown(admin, topic, partitions).catch((error: unknown) => {
    failed(error);
    return false;
  });
  return (await settleWithin(read, Math.max(0, deadline - Date.now()))) ? read : undefined;
}

async function isKnown(admin: Admin, topic: string, partitions: number): Promise<boolean> {
  const answer = await admin.fetchTopicMetadata({ topics: [topic] });
  const led = answer.topics.find((t) => t.name === topic)?.partitions ?? [];
  return led.length >= partitions && led.every((p) => p.leader >= 0);
}
