import { deadLetterTopic } from '@cs/contracts';
import type { PlatformKafka } from '../kafka/kafka-client';
import type { RecordPublisher } from '../ports';
import { replayRecord } from './dead-letter';

export interface ReplayResult {
  readonly replayed: number;
  readonly skipped: number;
}

/**
 * Sends what a consumer group dead-lettered back to the original topics, once, after the
 * cause has been fixed. Progress is kept as the offsets of a dedicated replayer group, so
 * an interrupted replay resumes where it stopped; other groups that already handled a
 * replayed event skip it through their inbox. Stops when it reaches the end the topic had
 * when the replay began, or with the error of the first message it cannot publish back.
 */
export async function replayDeadLetters(
  kafka: PlatformKafka,
  publisher: RecordPublisher,
  group: string,
  options: { limit?: number } = {},
): Promise<ReplayResult> {
  const topic = kafka.names.topic(deadLetterTopic(group));
  const replayerGroup = kafka.names.group(`${group}.dlq-replayer`);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId: replayerGroup, topics: [topic] });
  await admin.disconnect();

  // Partition → offset one past the last message to replay.
  const remaining = new Map<number, bigint>();
  for (const end of ends) {
    const start = BigInt(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
    // Never replayed (-1), or its next dead letters gone with the topic's retention: the oldest one left.
    const from = start < BigInt(end.low) ? BigInt(end.low) : start;
    if (from < BigInt(end.high)) remaining.set(end.partition, BigInt(end.high));
  }
  if (remaining.size === 0) return { replayed: 0, skipped: 0 };

  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let replayed = 0;
  let skipped = 0;
  const consumer = kafka.consumer({ groupId: replayerGroup, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      // Thrown back to kafkajs, a failed publish would be tried again for ever behind its back-off,
      // the command saying nothing: the replay stops with the error, and the next one resumes there.
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
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
            await consumer.commitOffsets([{ topic, partition, offset: next.toString() }]);
            if (next >= end) remaining.delete(partition);
            if (remaining.size === 0 || replayed + skipped >= limit) resolve();
          },
        })
        .catch(fail);
    });
  } finally {
    await consumer.disconnect();
  }
  return { replayed, skipped };
}
