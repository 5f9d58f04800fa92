import type { FailedTries, FailedTriesAt } from './failed-attempts';

/** The group's failed tries of a partition's messages, by offset. */
export type CountsByOffset = Map<string, FailedTriesAt>;

/**
 * The group's failed tries of the messages of each partition this member was given, read on the
 * partition's first batch since (ADR 0154): a chunk holding a message another member had tried goes
 * one message at a time at once, from that message's count, instead of tried first as a whole, which
 * counts for none of its messages. Forgotten when the group rebalances, after which kafkajs reads
 * every partition it assigns again from its committed offset; a partition's counts are read once
 * per assignment, the steady state reads nothing.
 */
export class AssignedCounts {
  private readonly counts = new Map<string, CountsByOffset>();
  /** Counts rebalances: counts read for an earlier membership are not kept for the next. */
  private membership = 0;

  /** The partition's counts, when they were read since it was assigned. */
  known(topic: string, partition: number): CountsByOffset | undefined {
    return this.counts.get(`${partition}:${topic}`);
  }

  /**
   * Reads the partition's counts with `read` and keeps them for the rest of its assignment; none
   * when they could not be read (`undefined`), read again on its next batch.
   */
  async read(topic: string, partition: number, read: () => Promise<CountsByOffset | undefined>): Promise<CountsByOffset> {
    const membership = this.membership;
    const counts = await read();
    if (!counts) return new Map();
    if (membership === this.membership) this.counts.set(`${partition}:${topic}`, counts);
    return counts;
  }

  /**
   * The partition's batch was left mid-way by an error, and kafkajs reads it again from the message
   * in hand, perhaps in the same assignment: a count in memory may be behind the table's since that
   * message failed, so the partition's counts are read again on its next batch.
   */
  drop(topic: string, partition: number): void {
    this.counts.delete(`${partition}:${topic}`);
  }

  /** The group rebalanced: each partition's counts are read again on its next batch. */
  forget(): void {
    this.counts.clear();
    this.membership += 1;
  }
}

/** `message`'s failed tries among the counts read, when they were counted for its event (an offset of a topic made again may hold another's). */
export function triesOf(counts: ReadonlyMap<string, FailedTriesAt>, offset: string, eventId: string): FailedTries | undefined {
  const counted = counts.get(offset);
  return counted?.eventId === eventId ? counted : undefined;
}
