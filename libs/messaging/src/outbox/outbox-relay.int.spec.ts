import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { TopicName, defineEvent } from '@cs/contracts';
import { ServiceMetrics } from '@cs/observability';

import { advisoryLockKey } from '@cs/persistence';
import { eventually, runKafkaNamespace, testDataSource } from '@cs/testing';
import { PlatformKafka, createKafka } from '../kafka/kafka-client';
import { KafkaRecordPublisher } from '../kafka/kafka-publisher';
import { dropNamespace, ensureTopics } from '../kafka/topics';
import { messagingTablesDdl } from './messaging-tables';
import { OutboxRelay, PublishTimedOutError } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

const run = randomUUID().slice(0, 8);
const prefix = runKafkaNamespace(`relay-${run}`);
const schema = `relay_${run}`;
const topic = `test.gauged.${run}.v1` as TopicName;
const Gauged = defineEvent({
  type: 'gauged.happened.v1',
  topic,
  aggregate: 'gauged',
  summary: 'test event',
  schema: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
});

let kafka: PlatformKafka;
let publisher: KafkaRecordPublisher;
let dataSource: DataSource;

beforeAll(async () => {
  kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: prefix, topicPrefix: prefix });
  publisher = new KafkaRecordPublisher(kafka);
  dataSource = await testDataSource({ schema }).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const sql of messagingTablesDdl(schema)) await dataSource.query(sql);
  await ensureTopics(kafka, [{ topic, partitions: 1, replicationFactor: 1 }]);
});

afterAll(async () => {
  await publisher.disconnect();
  await dropNamespace(kafka).catch(() => undefined);
  await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource.destroy();
});

const pending = async (metrics: ServiceMetrics) => (await metrics.outboxPending.get()).values[0]?.value;

it('the pending gauge counts the outbox at most once a second while publishing, and shows the drained outbox within about a second of the last publish', async () => {
  const writer = new OutboxWriter(schema, '/cs/test');
  for (let n = 0; n < 40; n += 1) await dataSource.transaction((tx) => writer.append(tx, Gauged, `g-${n % 4}`, { n }));
  const metrics = new ServiceMetrics('relay-gauge');
  // One row a round: forty rounds of publishing in a row.
  const relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 20, batchSize: 1 }, undefined, metrics);
  const counted = jest.spyOn(relay, 'pendingCount');
  const started = Date.now();
  relay.start();
  try {
    await eventually(async () => expect(await dataSource.query(`SELECT 1 FROM ${schema}.outbox WHERE published_at IS NULL`)).toEqual([]), 30_000, 20);
    const drained = Date.now();
    expect(counted.mock.calls.length).toBeLessThanOrEqual(Math.ceil((drained - started) / 1_000) + 1);
    await eventually(async () => expect(await pending(metrics)).toBe(0), 4_000, 50);
    // A second at most after the last count, and the count's own query, on a loaded machine. Counted
    // every 5 s from the start, as an idle relay's is, this outbox, drained in well under a second,
    // would show empty over 4 s later.
    expect(Date.now() - drained).toBeLessThan(3_000);
  } finally {
    await relay.stop();
  }
});

it('given an idle relay, then each poll is one look for rows, not a round; rows committed without waking it go out at the next poll', async () => {
  const relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 20, batchSize: 10 });
  const rounds = jest.spyOn(relay, 'publishBatch');
  const looks = jest.spyOn(dataSource, 'query');
  const looked = () => looks.mock.calls.filter(([sql]) => sql.includes('EXISTS')).length;
  relay.start();
  try {
    await eventually(() => expect(looked()).toBeGreaterThanOrEqual(5), 5_000, 10);
    // The round at its start only: nothing was there to publish since.
    expect(rounds).toHaveBeenCalledTimes(1);

    // Committed as another replica (or an operator) would: nothing of this relay's is told.
    await dataSource.transaction((tx) => new OutboxWriter(schema, '/cs/test').append(tx, Gauged, 'unannounced', { n: 99 }));
    await eventually(async () => expect(await dataSource.query(`SELECT 1 FROM ${schema}.outbox WHERE published_at IS NULL`)).toEqual([]), 5_000, 20);
    expect(rounds.mock.calls.length).toBeGreaterThanOrEqual(2);
  } finally {
    await relay.stop();
    looks.mockRestore();
  }
});

it('a round is four statements — BEGIN, the lock, the rows claimed as published in seq order, COMMIT — and a failed publish leaves its rows unpublished', async () => {
  const writer = new OutboxWriter(schema, '/cs/test');
  const key = `claimed-${run}`;
  for (let n = 0; n < 5; n += 1) await dataSource.transaction((tx) => writer.append(tx, Gauged, key, { n }));
  const unpublished = async () =>
    ((await dataSource.query(`SELECT payload FROM ${schema}.outbox WHERE message_key = $1 AND published_at IS NULL ORDER BY seq`, [key])) as { payload: string }[]).map(
      (r) => (JSON.parse(r.payload) as { n: number }).n,
    );

  const refusing = { publish: () => Promise.reject(new Error('the broker said no')) };
  const failing = new OutboxRelay(dataSource, refusing, { schema, pollIntervalMs: 1_000, batchSize: 3 });
  await expect(failing.publishBatch()).rejects.toThrow('the broker said no');
  expect(await unpublished()).toEqual([0, 1, 2, 3, 4]);

  const published: string[][] = [];
  const relay = new OutboxRelay(dataSource, { publish: async (records) => void published.push(records.map((r) => r.value)) }, { schema, pollIntervalMs: 1_000, batchSize: 3 });
  const sent: string[] = [];
  const statements = { beforeQuery: (event: { query: string }) => void sent.push(event.query.replace(/\s+/g, ' ').trim()) };
  dataSource.subscribers.push(statements);
  try {
    expect(await relay.publishBatch()).toBe(3);
  } finally {
    dataSource.subscribers.splice(dataSource.subscribers.indexOf(statements), 1);
  }
  expect(sent).toHaveLength(4);
  expect([sent[0], sent[3]]).toEqual(['START TRANSACTION', 'COMMIT']);
  expect(sent[1]).toContain('pg_try_advisory_xact_lock');
  expect(sent[2]).toMatch(/^WITH claimed AS \( UPDATE .* RETURNING .* ORDER BY seq$/);
  expect(published.flat().map((value) => (JSON.parse(value) as { n: number }).n)).toEqual([0, 1, 2]);
  expect(await unpublished()).toEqual([3, 4]);
  expect(await relay.publishBatch()).toBe(2);
  expect(await unpublished()).toEqual([]);
});

it('given a publish that hangs (a half-open connection to the broker), then the round gives it up at its deadline, its rows unpublished and the lock free for the next round', async () => {
  const writer = new OutboxWriter(schema, '/cs/test');
  const key = `hung-${run}`;
  await dataSource.transaction((tx) => writer.append(tx, Gauged, key, { n: 1 }));
  let abandoned = 0;
  const hanging = { publish: () => new Promise<void>(() => undefined), abandon: () => void (abandoned += 1) };
  const stuck = new OutboxRelay(dataSource, hanging, { schema, pollIntervalMs: 1_000, batchSize: 10, publishTimeoutMs: 300 });
  const started = Date.now();
  await expect(stuck.publishBatch()).rejects.toThrow(PublishTimedOutError);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(abandoned).toBe(1);
  expect(await dataSource.query(`SELECT 1 FROM ${schema}.outbox WHERE message_key = $1 AND published_at IS NULL`, [key])).toHaveLength(1);

  const published: string[] = [];
  const healthy = new OutboxRelay(dataSource, { publish: async (records) => void published.push(...records.map((r) => r.key)) }, { schema, pollIntervalMs: 1_000, batchSize: 10 });
  expect(await healthy.publishBatch()).toBeGreaterThan(0);
  expect(published).toContain(key);
});

it('given a large round acknowledged part by part, each part within the deadline, then it is not given up for its length', async () => {
  const writer = new OutboxWriter(schema, '/cs/test');
  const key = `parts-${run}`;
  await dataSource.transaction((tx) => writer.append(tx, Gauged, key, { n: 1 }));
  const slowParts = {
    publish: async (_records: readonly unknown[], progress?: () => void) => {
      for (let part = 0; part < 4; part++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        progress?.();
      }
    },
  };
  const relay = new OutboxRelay(dataSource, slowParts, { schema, pollIntervalMs: 1_000, batchSize: 10, publishTimeoutMs: 300 });
  expect(await relay.publishBatch()).toBeGreaterThan(0);
  expect(await dataSource.query(`SELECT 1 FROM ${schema}.outbox WHERE message_key = $1 AND published_at IS NULL`, [key])).toEqual([]);
});

it('given another replica publishing when rows are committed, then they go out soon after its round ends, not at the next poll', async () => {
  const key = `held-${run}`;
  // Another replica's round in progress: the relay lock held in a transaction of its own.
  const other = dataSource.createQueryRunner();
  await other.connect();
  await other.startTransaction();
  await other.query(`SELECT pg_advisory_xact_lock(${advisoryLockKey('outboxRelay', '$1')})`, [`${schema}.outbox-relay`]);
  const relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 10_000, batchSize: 10 });
  const looks = jest.spyOn(dataSource, 'query');
  const looked = () => looks.mock.calls.filter(([sql]) => sql.includes('EXISTS')).length;
  const unpublished = async () => dataSource.query(`SELECT 1 FROM ${schema}.outbox WHERE message_key = $1 AND published_at IS NULL`, [key]);
  relay.start();
  try {
    await dataSource.transaction((tx) => new OutboxWriter(schema, '/cs/test').append(tx, Gauged, key, { n: 1 }));
    relay.nudge();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await unpublished()).toHaveLength(1);
    // Looking again soon, not spinning: 20, 40, 80, 160 ms apart.
    expect(looked()).toBeLessThanOrEqual(6);
    const released = Date.now();
    await other.commitTransaction();
    await eventually(async () => expect(await unpublished()).toEqual([]), 5_000, 10);
    // The looks double their gaps: released just after the one about 620 ms in, the next is 640 ms
    // later, after the one at 1,260 ms 1,280 ms later, and a loaded machine lengthens the rounds
    // between. The 10 s poll is far past either.
    expect(Date.now() - released).toBeLessThan(3_000);
  } finally {
    if (other.isTransactionActive) await other.rollbackTransaction();
    await other.release();
    await relay.stop();
    looks.mockRestore();
  }
});

describe('the relay lock, a class of its own (ADR 0108)', () => {
  const payloads = (records: readonly { value: string }[]) => records.map((r) => (JSON.parse(r.value) as { n: number }).n);

  it('given another lock on the number the relay’s name hashes to (a service’s lock of a customer or a ticket), then the relay still publishes', async () => {
    const key = `collided-${run}`;
    await dataSource.transaction((tx) => new OutboxWriter(schema, '/cs/test').append(tx, Gauged, key, { n: 1 }));
    // Given a transaction holding the one-number lock hashtext gives the relay's name, as an
    // unrelated lock whose own name hashes alike would
    const other = dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.outbox-relay`]);

      // When a round runs
      const published: string[] = [];
      const relay = new OutboxRelay(dataSource, { publish: async (records) => void published.push(...records.map((r) => r.value)) }, { schema, pollIntervalMs: 1_000, batchSize: 100 });
      const sent = await relay.publishBatch();

      // Then it publishes, not taking the other lock for another replica's round
      expect(sent).toBeGreaterThanOrEqual(1);
      expect(published.map((value) => (JSON.parse(value) as { n: number }).n)).toContain(1);
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
  });

  it('given a relay of the previous release in its round (its lock by the one-number key), then a round of this release waits for its rows and publishes none of them again', async () => {
    const key = `rollout-${run}`;
    const writer = new OutboxWriter(schema, '/cs/test');
    // Nothing else left unpublished, so both rounds start at this test's rows.
    await new OutboxRelay(dataSource, { publish: async () => undefined }, { schema, pollIntervalMs: 1_000, batchSize: 1_000 }).publishBatch();
    for (let n = 0; n < 5; n += 1) await dataSource.transaction((tx) => writer.append(tx, Gauged, key, { n }));

    // Given the previous release's round: its lock, and the first three rows claimed, not committed
    const previous = dataSource.createQueryRunner();
    await previous.connect();
    await previous.startTransaction();
    try {
      await previous.query('SELECT pg_try_advisory_xact_lock(hashtext($1))', [`${schema}.outbox-relay`]);
      await previous.query(
        `UPDATE ${schema}.outbox SET published_at = now() WHERE seq = ANY (ARRAY(SELECT seq FROM ${schema}.outbox WHERE published_at IS NULL ORDER BY seq LIMIT 3))`,
      );

      // When a relay of this release runs a round meanwhile
      const published: { value: string }[] = [];
      const relay = new OutboxRelay(dataSource, { publish: async (records) => void published.push(...records) }, { schema, pollIntervalMs: 1_000, batchSize: 10 });
      const round = relay.publishBatch();
      await eventually(async () => {
        const [waiting] = (await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`, [`%claimed%${schema}%`])) as { n: number }[];
        expect(waiting?.n).toBe(1);
      }, 5_000, 20);
      expect(published).toEqual([]);
      await previous.commitTransaction();

      // Then it published, once that round committed, only the rows that round had not
      expect(await round).toBe(2);
      expect(payloads(published)).toEqual([3, 4]);
    } finally {
      if (previous.isTransactionActive) await previous.rollbackTransaction();
      await previous.release();
    }
  });
});
