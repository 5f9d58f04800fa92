import type { Admin } from 'kafkajs';
import { deadLetterTopic } from '@cs/contracts';
import type { PlatformKafka } from '../kafka/kafka-client';
import type { RecordPublisher } from '../ports';
import { replayRecord } from './dead-letter';
import { doneInRun, progressMark } from './replay-progress';
import { groupMembership } from './group-membership';

export interface ReplayResult {
  readonly replayed: number;
  readonly skipped: number;
}

export interface ReplayOptions {
  /** At most this many dead letters for the run, counting those its earlier attempts went through. */
  readonly limit?: number;
  /**
   * What names one replay across the attempts at it (a Kubernetes Job's uid): its count is kept
   * with its commits and read back by the next attempt. Without it, each call is a run of its own.
   */
  readonly run?: string;
  /**
   * How long the replayer's member holds the group without a heartbeat: CONSUMER_SESSION_TIMEOUT_MS,
   * as the services' consumers (ADR 0052); 10 s unless given.
   */
  readonly sessionTimeoutMs?: number;
}

/** Another replay of the same group's dead letters is running: two would share one replayer group. */
export class ReplayInProgressError extends Error {
  /** `overtaken`: the other replay started with this one and went through while this one joined. */
  constructor(
    readonly group: string,
    overtaken = false,
  ) {
    super(
      overtaken
        ? `another replay of ${group}'s dead letters ran while this one started; start one again for what it left, if anything`
        : `another replay of ${group}'s dead letters is running; wait for it to end, or stop it (delete its Job), before starting one`,
    );
    this.name = 'ReplayInProgressError';
  }
}

/**
 * Sends what a consumer group dead-lettered back to the original topics, once, after the
 * cause has been fixed. Progress is kept as the offsets of a dedicated replayer group, so
 * an interrupted replay resumes where it stopped; other groups that already handled a
 * replayed event skip it through their inbox. Stops when it reaches the end the topic had
 * when the replay began, or with the error of the first message it cannot publish back. A replay
 * of a group already being replayed is refused (ReplayInProgressError) before it reads anything:
 * sharing the replayer group, it would get no partition and wait for one until its deadline. Of
 * two started at once, the one that joins second is refused, also once the other has ended.
 */
export async function replayDeadLetters(
  kafka: PlatformKafka,
  publisher: RecordPublisher,
  group: string,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const topic = kafka.names.topic(deadLetterTopic(group));
  const replayerGroup = kafka.names.group(`${group}.dlq-replayer`);
  const admin = kafka.admin();
  await admin.connect();
  let ends: Awaited<ReturnType<typeof admin.fetchTopicOffsets>>;
  let committed: CommittedOffsets;
  try {
    const { groups } = await admin.describeGroups([replayerGroup]);
    // A member of this run is an attempt of it that crashed (a Job runs one pod at a time): its
    // session runs out while this one joins. Any other is another replay at work.
    if (groups.some((g) => g.members.some((m) => !ofRun(m.clientId, options.run)))) throw new ReplayInProgressError(group);
    ends = await admin.fetchTopicOffsets(topic);
    [committed] = await admin.fetchOffsets({ groupId: replayerGroup, topics: [topic] });
  } finally {
    await admin.disconnect();
  }
  const { run } = options;
  // What this run's earlier attempts went through counts towards its limit.
  const before = doneInRun(committed?.partitions.map((p) => p.metadata) ?? [], run);
  const limit = (options.limit ?? Number.POSITIVE_INFINITY) - before;
  if (limit <= 0) return { replayed: 0, skipped: 0 };

  // Partition → offset one past the last message to replay.
  const remaining = new Map<number, bigint>();
  for (const end of ends) {
    const start = BigInt(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
    // Never replayed (-1), or its next dead letters gone with the topic's retention: the oldest one left.
    const from = start < BigInt(end.low) ? BigInt(end.low) : start;
    if (from < BigInt(end.high)) remaining.set(end.partition, BigInt(end.high));
  }
  if (remaining.size === 0) return { replayed: 0, skipped: 0 };

  let replayed = 0;
  let skipped = 0;
  const consumer = kafka.consumer({ groupId: replayerGroup, allowAutoTopicCreation: false, ...groupMembership(options.sessionTimeoutMs) });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let failed = false;
  let joined: Promise<void> = Promise.resolve();
  // kafkajs' run, which ends once the consumer has joined and begun fetching.
  let started: Promise<void> = Promise.resolve();
  try {
    await new Promise<void>((resolve, reject) => {
      // Thrown back to kafkajs, a failed publish would be tried again for ever behind its back-off,
      // the command saying nothing: the replay stops with the error, and the next one resumes there.
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
      // Started together with another, both saw the group empty: the one that joined second leaves.
      // Joined second after the other ended (it had little to replay), it leads a group of its own,
      // and would wait for the dead letters the other replayed: that they were is seen on its
      // first join, by its offsets committed since it read them, and it leaves too.
      let firstJoin = true;
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        if (!payload.isLeader) return fail(new ReplayInProgressError(group));
        if (!firstJoin) return;
        firstJoin = false;
        joined = committedSince(kafka, replayerGroup, topic, committed).then((moved) => {
          if (moved) fail(new ReplayInProgressError(group, true));
        }, fail);
      });
      started = consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          await joined;
          const end = remaining.get(partition);
          if (failed || end === undefined || replayed + skipped >= limit) return;
          const record = replayRecord(message);
          if (record) {
            try {
              await publisher.publish([record]);
            } catch (error) {
              fail(error);
              return;
            }
            replayed += 1;
          } else {
            skipped += 1;
          }
          const next = BigInt(message.offset) + 1n;
          await consumer.commitOffsets([{ topic, partition, offset: next.toString(), metadata: progressMark(run, before + replayed + skipped) }]);
          if (next >= end) remaining.delete(partition);
          if (remaining.size === 0 || replayed + skipped >= limit) resolve();
        },
      });
      started.catch(fail);
    });
  } finally {
    // Refused on its first join, the consumer is still being started: stopped now, kafkajs would
    // stop nothing and then start fetching, a member of the group (and perhaps its partitions'
    // holder) after its disconnect, until the process ends.
    await started.catch(() => undefined);
    await consumer.disconnect();
  }
  return { replayed, skipped };
}

type CommittedOffsets = Awaited<ReturnType<Admin['fetchOffsets']>>[number] | undefined;

/** Whether the replayer group's offsets on `topic` moved since `read`: another replay committed meanwhile. */
async function committedSince(kafka: PlatformKafka, replayerGroup: string, topic: string, read: CommittedOffsets): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [now] = await admin.fetchOffsets({ groupId: replayerGroup, topics: [topic] });
    const offsetOf = (offsets: CommittedOffsets, partition: number) => offsets?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
    return (now?.partitions ?? []).some((p) => offsetOf(now, p.partition) !== offsetOf(read, p.partition));
  } finally {
    await admin.disconnect();
  }
}

/** The client id a replay run's Kafka client goes by, which its group's members show. */
export function replayerClientId(run: string | undefined): string {
  return run === undefined ? 'dlq-replayer' : `dlq-replayer-${run}`;
}

function ofRun(clientId: string, run: string | undefined): boolean {
  return run !== undefined && clientId === replayerClientId(run);
}
