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
    const unknown: TopicAwaited[] = [];
    for (const [n, spec] of pending.entries()) {
      // kafkajs retries a partition without a leader inside one read, up to its retries (tens of
      // seconds): a read is not waited for past the bound, which names it and those not read yet.
      const read = isKnown(admin, spec.topic, spec.partitions).catch((error: unknown) => {
        lastError = error;
        return false;
      });
      if (!(await settleWithin(read, untilDeadline(deadline)))) throw new TopicsNotKnownError([...unknown, ...pending.slice(n)].map((s) => s.topic), timeoutMs, lastError);
      if (!(await read)) unknown.push(spec);
    }
    pending = unknown;
    if (pending.length === 0) return;
    if (Date.now() >= deadline) throw new TopicsNotKnownError(pending.map((s) => s.topic), timeoutMs, lastError);
    await sleep(POLL_EVERY_MS);
  }
}

function untilDeadline(deadline: number): number {
  return Math.max(0, deadline - Date.now());
}

/**
 * The topics of `specs` the brokers do not answer for, each partition led; one already there is taken
 * with the partitions it has. Each is asked alone: kafkajs's listing of the whole cluster fails on a
 * partition error of any topic (another team's being created) with a TypeError that names nothing.
 * Any error counts as unknown, and so does a read still unanswered at `deadline` (kafkajs retrying a
 * partition without a leader): the creation that follows answers for each topic whether it exists,
 * and the wait after it is held to the same deadline.
 */
export async function topicsNotKnown<T extends TopicAwaited>(admin: Admin, specs: readonly T[], deadline: number): Promise<T[]> {
  const known = await Promise.all(
    specs.map(async (spec) => {
      const read = isKnown(admin, spec.topic, 1).catch(() => false);
      return (await settleWithin(read, untilDeadline(deadline))) && (await read);
    }),
  );
  return specs.filter((_, n) => !known[n]);
}

async function isKnown(admin: Admin, topic: string, partitions: number): Promise<boolean> {
  const answer = await admin.fetchTopicMetadata({ topics: [topic] });
  const led = answer.topics.find((t) => t.name === topic)?.partitions ?? [];
  return led.length >= partitions && led.every((p) => p.leader >= 0);
}
