import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';

/** How long a listing of the cluster's topics is asked again by default before it fails. */
export const TOPIC_LISTING_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 1_000;

/** The listing of the cluster's topics failed every time it was asked, up to the bound. */
export class TopicListingFailedError extends Error {
  constructor(timeoutMs: number, attempts: number, cause: unknown, stillInHand: boolean) {
    const last = cause instanceof Error ? `${cause.name}: ${cause.message}` : cause === undefined ? 'none' : String(cause);
    const held = stillInHand ? ', the last read still unanswered at the bound' : '';
    super(`the brokers' listing of every topic failed ${attempts} time(s) in ${timeoutMs} ms${held}; last error: ${last}`, { cause });
  }
}

export interface TopicListingOptions {
  /** How long the listing may be asked again, the read in hand included. */
  readonly timeoutMs?: number;
}

/**
 * The names of every topic on the cluster. kafkajs lists them from one metadata answer for the
 * whole cluster, which fails whole when any partition of any topic answers with an error (led by
 * no one for a moment: a leader election, a broker down); kafkajs then tries the next broker and,
 * when none answered, fails with a TypeError that names nothing and is not retried (ADR 0171).
 * Such an error passes once the partition is led again, so the listing is asked again, 100 ms
 * later and then each time twice as late up to 1 s, until it answers or `timeoutMs` passes; a read
 * still in hand at the bound is left (kafkajs retries a partition without a leader inside one read
 * for tens of seconds). Fails with a {@link TopicListingFailedError} naming the last error.
 */
export async function listTopicNames(admin: Pick<Admin, 'listTopics'>, options: TopicListingOptions = {}): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? TOPIC_LISTING_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let pause = FIRST_RETRY_MS;
  for (let attempt = 1; ; attempt += 1) {
    const read = admin.listTopics();
    const answered = await answeredWithin(read, Math.max(0, deadline - Date.now())).catch((error: unknown) => {
      lastError = error;
      return undefined;
    });
    if (answered === true) return read;
    if (answered === false) throw new TopicListingFailedError(timeoutMs, attempt, lastError, true);
    // A read given less than the first pause after this one would only fail as unanswered.
    if (Date.now() + pause + FIRST_RETRY_MS > deadline) throw new TopicListingFailedError(timeoutMs, attempt, lastError, false);
    await sleep(pause);
    pause = Math.min(pause * 2, LONGEST_RETRY_MS);
  }
}

/** True when `read` answered within `ms`, false when it was still in hand; its failure is passed on. */
async function answeredWithin(read: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([read.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Deletes `topics`, read from a listing a moment before. The brokers' listing follows a deletion
 * late: a topic another client (or this one, a moment ago) deleted may still be listed, and the
 * controller then answers UNKNOWN_TOPIC_OR_PARTITION for it while it deletes the others of the
 * request; that topic is gone, so that answer is no failure here. kafkajs makes one error of a
 * whole answer, the first failing topic's by name, so a request of several answered so may hide
 * another topic's refusal (not allowed, deletion disabled, timed out) behind it: each topic is
 * then deleted again alone, side by side, and any refusal but its own absence fails the call.
 */
export async function deleteListedTopics(admin: Pick<Admin, 'deleteTopics'>, topics: readonly string[]): Promise<void> {
  if (topics.length === 0) return;
  const whole = await admin.deleteTopics({ topics: [...topics] }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (whole === undefined) return;
  if (!answeredUnknownTopic(whole)) throw whole;
  if (topics.length === 1) return;
  const alone = await Promise.allSettled(topics.map((topic) => admin.deleteTopics({ topics: [topic] })));
  const refusal = alone.find((outcome) => outcome.status === 'rejected' && !answeredUnknownTopic(outcome.reason));
  if (refusal?.status === 'rejected') throw refusal.reason;
}

/** Whether kafkajs's error is, or was caused by, the brokers' UNKNOWN_TOPIC_OR_PARTITION. */
function answeredUnknownTopic(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as Error & { type?: unknown }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
  }
  return false;
}
