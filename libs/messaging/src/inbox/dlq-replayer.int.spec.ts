import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { TopicName, deadLetterTopic } from '@cs/contracts';
import type { KafkaRecord } from '../envelope';
import { PlatformKafka, createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { dropNamespace, ensureTopics } from '../kafka/topics';
import type { RecordPublisher } from '../ports';
import { settleWithin } from '../settle-within';
import { deadLetterRecord } from './dead-letter';
import { ReplayInProgressError, type ReplayOptions, replayDeadLetters } from './dlq-replayer';

/** What an operator meets running `dlq-replay` on a group's dead letters. */
const run = randomUUID().slice(0, 8);
const prefix = `dlq-${run}`;
const topic = `test.dlq.${run}.v1` as TopicName;

let kafka: PlatformKafka;
let publisher: KafkaRecordPublisher;

beforeAll(async () => {
  kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: prefix, topicPrefix: prefix });
  publisher = new KafkaRecordPublisher(kafka);
});

afterAll(async () => {
  await publisher?.disconnect();
  if (kafka) await dropNamespace(kafka).catch(() => undefined);
});

/** A group with `count` messages dead-lettered from `topic`, on a dead-letter topic of one partition. */
async function deadLettered(group: string, count: number): Promise<string> {
  await ensureTopics(kafka, [topic, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
  const records = Array.from({ length: count }, (_, i) => {
    const message: KafkaMessage = { key: Buffer.from(`parcel-${i}`), value: Buffer.from('{}'), headers: {}, offset: String(i), timestamp: String(Date.now()), attributes: 0 };
    return deadLetterRecord(group, { topic, partition: 0, message }, { reason: 'handler', error: 'cannot ship', attempts: 3 });
  });
  await publisher.publish(records);
  return kafka.names.topic(deadLetterTopic(group));
}

/** The replay, bounded: one that waits for dead letters that are no longer there never ends. */
async function replayWithin(group: string, ms: number, options: ReplayOptions = {}, through: RecordPublisher = publisher) {
  let outcome: { replayed: number; skipped: number } | undefined;
  const replay = replayDeadLetters(kafka, through, group, options).then((result) => (outcome = result));
  replay.catch(() => undefined);
  if (!(await settleWithin(replay, ms))) throw new Error(`the replay of ${group} did not end within ${ms} ms`);
  return outcome!;
}

describe('replaying a group’s dead letters', () => {
  it('given dead letters removed by retention after the last replay stopped, then a replay finds none and ends, rather than waiting for them', async () => {
    const group = `expired-${run}`;
    const dlq = await deadLettered(group, 3);
    expect(await replayWithin(group, 30_000, { limit: 1 })).toEqual({ replayed: 1, skipped: 0 });

    // The retention deletes the two left unreplayed: the partition's oldest offset passes the replayer's.
    const admin = kafka.admin();
    await admin.connect();
    try {
      // kafkajs finds a partition's leader only for a topic whose metadata it has read.
      await admin.fetchTopicMetadata({ topics: [dlq] });
      await admin.deleteTopicRecords({ topic: dlq, partitions: [{ partition: 0, offset: '3' }] });
      expect(await admin.fetchTopicOffsets(dlq)).toEqual([expect.objectContaining({ partition: 0, low: '3', high: '3' })]);
    } finally {
      await admin.disconnect();
    }

    expect(await replayWithin(group, 30_000)).toEqual({ replayed: 0, skipped: 0 });
  });

  it('given a dead letter that cannot be published back, then the replay stops with the error, and the next one resumes at it', async () => {
    const group = `refused-${run}`;
    await deadLettered(group, 2);
    let refusals = 0;
    const refusing: RecordPublisher = {
      publish: async (records) => {
        if (records.some((r: KafkaRecord) => r.key === 'parcel-1')) {
          refusals += 1;
          throw new Error('the broker refused the record');
        }
        await publisher.publish(records);
      },
    };

    await expect(replayWithin(group, 30_000, {}, refusing)).rejects.toThrow('the broker refused the record');
    expect(refusals).toBe(1);

    // The first one went back and is not sent again; the one refused is.
    expect(await replayWithin(group, 30_000)).toEqual({ replayed: 1, skipped: 0 });
  });

  it('given a run whose attempt failed after replaying some, then its next attempt replays only what its limit leaves, and another run counts afresh', async () => {
    const group = `limited-${run}`;
    await deadLettered(group, 6);
    let refused = false;
    const refusingOnce: RecordPublisher = {
      publish: async (records) => {
        if (!refused && records.some((r: KafkaRecord) => r.key === 'parcel-2')) {
          refused = true;
          throw new Error('the broker refused the record');
        }
        await publisher.publish(records);
      },
    };

    // Given a Job's first attempt that replayed two of its limit of three, then failed
    await expect(replayWithin(group, 30_000, { limit: 3, run: 'job-1' }, refusingOnce)).rejects.toThrow('the broker refused the record');

    // When the Job tries again, then it replays the one its limit leaves
    expect(await replayWithin(group, 30_000, { limit: 3, run: 'job-1' })).toEqual({ replayed: 1, skipped: 0 });
    expect(await replayWithin(group, 30_000, { limit: 3, run: 'job-1' })).toEqual({ replayed: 0, skipped: 0 });

    // And a new Job counts its own limit, from where the last stopped
    expect(await replayWithin(group, 30_000, { limit: 2, run: 'job-2' })).toEqual({ replayed: 2, skipped: 0 });
  });

  it('given a replay of the group running, then a second is refused at once, naming the group, and the first goes on', async () => {
    const group = `twice-${run}`;
    await deadLettered(group, 2);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let publishing: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (publishing = resolve));
    const slow: RecordPublisher = {
      publish: async (records) => {
        publishing();
        await held;
        await publisher.publish(records);
      },
    };
    const first = replayWithin(group, 60_000, {}, slow);
    first.catch(() => undefined);
    await started;

    const second = replayDeadLetters(kafka, publisher, group);
    // At once: not after the first ends, nor at a deadline.
    expect(await settleWithin(second.catch(() => undefined), 15_000)).toBe(true);
    await expect(second).rejects.toThrow(ReplayInProgressError);
    await expect(second).rejects.toThrow(group);

    release();
    expect(await first).toEqual({ replayed: 2, skipped: 0 });
  }, 90_000);
});
