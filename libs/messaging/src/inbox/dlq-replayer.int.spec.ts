import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { TopicName, deadLetterTopic } from '@cs/contracts';
import { eventually, runServiceKafkaNamespace, spawnTypeScript, watchProcess } from '@cs/testing';
import type { KafkaRecord } from '../envelope';
import { PlatformKafka, createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { dropNamespace, ensureTopics } from '../kafka/topics';
import type { RecordPublisher } from '../ports';
import { settleWithin } from '../settle-within';
import { deadLetterRecord } from './dead-letter';
import { groupMembership } from './group-membership';
import { ReplayInProgressError, type ReplayOptions, replayDeadLetters, replayerClientId } from './dlq-replayer';

/** What an operator meets running `dlq-replay` on a group's dead letters. */
const run = randomUUID().slice(0, 8);
// Handed to the dlq-replay CLI as KAFKA_TOPIC_PREFIX.
const prefix = runServiceKafkaNamespace();
const topic = `test.dlq.${run}.v1` as TopicName;
/**
 * The least session the broker accepts (group.min.session.timeout.ms), for the replays that meet
 * another member: a member learns of a rebalance, and a refused replay's last fetch ends, within
 * its heartbeat interval, 2 s rather than the 3 s of the default session.
 */
const SESSION_MS = 6_000;

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

/** A group with `count` messages dead-lettered from `from`, on a dead-letter topic of one partition. */
async function deadLettered(group: string, count: number, from: TopicName = topic): Promise<string> {
  await ensureTopics(kafka, [from, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
  const records = Array.from({ length: count }, (_, i) => {
    const message: KafkaMessage = { key: Buffer.from(`parcel-${i}`), value: Buffer.from('{}'), headers: {}, offset: String(i), timestamp: String(Date.now()), attributes: 0 };
    return deadLetterRecord(group, { topic: from, partition: 0, message }, { reason: 'handler', error: 'cannot ship', attempts: 3 });
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

/** The keys of the records `topic` holds, once it holds `count`. */
async function keysOn(on: TopicName, count: number): Promise<string[]> {
  const keys: string[] = [];
  // Its disconnect waits for the fetch in hand, which, the topic read, waits maxWaitTimeInMs (5 s unless given).
  const reader = kafka.consumer({ groupId: kafka.names.group(`reader-${randomUUID()}`), maxWaitTimeInMs: 100 });
  await reader.connect();
  try {
    await reader.subscribe({ topic: kafka.names.topic(on), fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void keys.push(message.key?.toString() ?? '') });
    await eventually(() => expect(keys.length).toBeGreaterThanOrEqual(count), 30_000, 100);
  } finally {
    await reader.disconnect();
  }
  return keys.sort();
}

/** How many records `on` holds (its one partition's high offset). */
async function recordsOn(on: TopicName): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return Number((await admin.fetchTopicOffsets(kafka.names.topic(on)))[0]?.high ?? 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * `client` (the suite's unless given), its consumers connecting only once `gate` opens: a replay
 * that reads the group, then joins it late. `reached` is called when a consumer is connected, before the gate.
 */
function joiningOnce(gate: Promise<void>, client: PlatformKafka = kafka, reached: () => void = () => undefined): PlatformKafka {
  const late = Object.create(client) as PlatformKafka;
  late.consumer = (config) => {
    const consumer = client.consumer(config);
    const connect = consumer.connect.bind(consumer);
    consumer.connect = async () => {
      reached();
      await gate;
      await connect();
    };
    return consumer;
  };
  return late;
}

/** The client ids of the replayer group's members. */
async function replayerMembers(group: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([kafka.names.group(`${group}.dlq-replayer`)]);
    return groups.flatMap((g) => g.members.map((m) => m.clientId));
  } finally {
    await admin.disconnect();
  }
}

/**
 * `dlq-replay` as an operator or a Job runs it, in a process of its own, against this suite's
 * namespace, its consumer kept from the group until `release` (testing/gated-dlq-replay.ts).
 * `readTheGroup` once it has read the group, or has ended without.
 */
function replayCommand(args: readonly string[]) {
  const child = spawnTypeScript('libs/messaging/src/testing/gated-dlq-replay.ts', args, { KAFKA_TOPIC_PREFIX: prefix, CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_MS) });
  const { output, ended } = watchProcess(child);
  const readTheGroup = new Promise<void>((resolve) => {
    child.stdout.on('data', () => output().includes('read the group\n') && resolve());
    void ended.then(() => resolve());
  });
  // Released after it ended, its stdin is a closed pipe.
  child.stdin.on('error', () => undefined);
  return { readTheGroup, release: () => child.stdin.end(), ended };
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

  it('given two replays of the group started at once, then one replays every dead letter, each once, and the other is refused naming the group', async () => {
    const group = `together-${run}`;
    const from = `test.dlqtogether.${run}.v1` as TopicName;
    const count = 50;
    await deadLettered(group, count, from);

    const replays = [
      replayDeadLetters(kafka, publisher, group, { run: 'job-a', sessionTimeoutMs: SESSION_MS }),
      replayDeadLetters(kafka, publisher, group, { run: 'job-b', sessionTimeoutMs: SESSION_MS }),
    ];
    const outcomes = await Promise.allSettled(replays.map(async (replay) => ((await settleWithin(replay, 60_000)) ? replay : Promise.reject(new Error('the replay did not end')))));

    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value)).toEqual([{ replayed: count, skipped: 0 }]);
    const rejections = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(rejections).toEqual([expect.any(ReplayInProgressError)]);
    expect(String(rejections[0])).toContain(group);
    expect(await keysOn(from, count)).toEqual(Array.from({ length: count }, (_, i) => `parcel-${i}`).sort());
    expect(await recordsOn(from)).toBe(count);
  }, 90_000);

  it('given two replays started at once, the second joining only after the first ended, then the second is refused rather than waiting for what the first replayed', async () => {
    const group = `overtaken-${run}`;
    const from = `test.dlqovertaken.${run}.v1` as TopicName;
    await deadLettered(group, 3, from);
    // The second reads the group as the first does, but its consumer joins only once the first has
    // ended; the first joins only once the second has read the group, which on a loaded machine
    // came after the first had joined, and was refused as a replay at work before it joined at all.
    let firstEnded: () => void = () => undefined;
    let secondRead: () => void = () => undefined;
    const late = joiningOnce(new Promise<void>((resolve) => (firstEnded = resolve)), kafka, () => secondRead());
    const early = joiningOnce(new Promise<void>((resolve) => (secondRead = resolve)));

    const first = replayDeadLetters(early, publisher, group, { run: 'job-a', sessionTimeoutMs: SESSION_MS });
    const second = replayDeadLetters(late, publisher, group, { run: 'job-b', sessionTimeoutMs: SESSION_MS });
    second.catch(() => undefined);
    expect(await first).toEqual({ replayed: 3, skipped: 0 });
    firstEnded();

    expect(await settleWithin(second.catch(() => undefined), 30_000)).toBe(true);
    await expect(second).rejects.toThrow(`another replay of ${group}'s dead letters ran while this one started`);
    expect(await recordsOn(from)).toBe(3);
  }, 60_000);

  it('given a replay that joins the group another replay leads, then it is refused and leaves the group, not staying a member that may hold the partition', async () => {
    const group = `member-${run}`;
    await deadLettered(group, 2);
    // Given a replay that read the group empty, then joins it once another replay leads it (a member that heartbeats)
    let othersJoined: () => void = () => undefined;
    let read: () => void = () => undefined;
    const hasRead = new Promise<void>((resolve) => (read = resolve));
    const jobB = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: replayerClientId('job-b'), topicPrefix: prefix });
    const second = replayDeadLetters(joiningOnce(new Promise<void>((resolve) => (othersJoined = resolve)), jobB, read), publisher, group, {
      run: 'job-b',
      sessionTimeoutMs: SESSION_MS,
    });
    second.catch(() => undefined);
    await hasRead;
    // The late replay's join is held until the leader rejoins, which it learns at its next heartbeat;
    // its disconnect waits for its fetch in hand: both within 500 ms rather than a replay's 2 s.
    const other = kafka.consumer({ groupId: kafka.names.group(`${group}.dlq-replayer`), ...groupMembership(SESSION_MS), heartbeatInterval: 500, maxWaitTimeInMs: 500 });
    const led = new Promise<void>((resolve) => other.on(other.events.GROUP_JOIN, () => resolve()));
    await other.connect();
    try {
      await other.subscribe({ topic: kafka.names.topic(deadLetterTopic(group)), fromBeginning: true });
      await other.run({ autoCommit: false, eachMessage: async () => undefined });
      await led;
      othersJoined();

      // Then it is refused, naming the group
      expect(await settleWithin(second.catch(() => undefined), 60_000)).toBe(true);
      await expect(second).rejects.toThrow(`another replay of ${group}'s dead letters is running`);
      // And it left the group: only the other replay is a member
      await eventually(async () => expect(await replayerMembers(group)).toEqual([prefix]), 20_000, 200);
    } finally {
      await other.disconnect();
    }
  }, 120_000);

  it('given two dlq-replay commands started at once, then one replays every dead letter, each once, and the other exits 2 naming the group', async () => {
    // The command takes only the platform's groups; the suite's namespace keeps this one apart.
    const group = 'tickets';
    const from = `test.dlqcommands.${run}.v1` as TopicName;
    const count = 1_000;
    await deadLettered(group, count, from);

    // Each has read the group before either joins it: one that a loaded machine started late would
    // otherwise find the other's replay over, nothing left to replay, and end as it did (0).
    const commands = [replayCommand([group]), replayCommand([group])];
    await Promise.all(commands.map((command) => command.readTheGroup));
    for (const command of commands) command.release();
    const ends = await Promise.all(commands.map((command) => command.ended));

    const codes = ends.map((end) => end.code).sort();
    expect(codes).toEqual([0, 2]);
    expect(ends.find((end) => end.code === 0)?.output).toContain(`replayed ${count} message(s) of ${group}`);
    expect(ends.find((end) => end.code === 2)?.output).toContain(`another replay of ${group}'s dead letters`);
    expect(await recordsOn(from)).toBe(count);
  }, 120_000);

  it('given a Job’s pod killed mid-replay, then another Job is refused while the pod’s session lasts, and the Job’s next pod takes over and replays the rest of its limit, none twice', async () => {
    const group = `killed-${run}`;
    const from = `test.dlqkilled.${run}.v1` as TopicName;
    await deadLettered(group, 8, from);

    // Given a pod of job-1 (limit 5) that replayed two and is killed -9 publishing the third
    const pod = spawnTypeScript('libs/messaging/src/testing/held-replay.ts', [group, 'job-1', '5', '2'], { KAFKA_TOPIC_PREFIX: prefix });
    const watched = watchProcess(pod);
    await eventually(() => expect(watched.output()).toContain('held'), 60_000, 50);
    pod.kill('SIGKILL');
    expect((await watched.ended).signal).toBe('SIGKILL');

    // Then another Job is refused at once: the killed pod is still a member until its session ends
    await expect(replayWithin(group, 15_000, { run: 'job-2' })).rejects.toThrow(ReplayInProgressError);

    // When the Job starts its next pod, then it takes over once the killed one's session ends, and replays what its limit leaves
    const job1 = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: replayerClientId('job-1'), topicPrefix: prefix });
    const job1Publisher = new KafkaRecordPublisher(job1);
    try {
      const next = replayDeadLetters(job1, job1Publisher, group, { run: 'job-1', limit: 5 });
      expect(await settleWithin(next, 60_000)).toBe(true);
      expect(await next).toEqual({ replayed: 3, skipped: 0 });
    } finally {
      await job1Publisher.disconnect();
    }

    // And every dead letter of the limit went back once
    expect(await keysOn(from, 5)).toEqual(['parcel-0', 'parcel-1', 'parcel-2', 'parcel-3', 'parcel-4']);
    expect(await recordsOn(from)).toBe(5);
  }, 120_000);
});
