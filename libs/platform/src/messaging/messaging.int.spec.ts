import { randomUUID } from 'node:crypto';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AssignerProtocol } from 'kafkajs';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { TProperties, Type } from '@sinclair/typebox';
import { EventDefinition, TopicName, defineEvent, deadLetterTopic } from '@cs/contracts';
import { listTopicNames } from '@cs/kafka-admin';
import {
  ContractViolationError,
  DLQ_HEADERS,
  EventOf,
  KafkaRecord,
  KafkaRecordPublisher,
  OutboxRelay,
  OutboxWriter,
  PlatformKafka,
  RecordPublisher,
  createKafka,
  ensureTopics,
  newEvent,
  replayDeadLetters,
  toKafkaRecord,
} from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { type WritePart } from '@cs/persistence';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '@cs/messaging/testing';
import { eventually, isUnderRunPrefix, rejectionOf, runKafkaBrokers } from '@cs/testing';
import { startEventTransport } from './event-transport';
import { Gathering } from './gathering';
import { InboxContext } from './inbox-context';
import { KafkaInboxTransport } from './kafka-inbox.transport';

// In a namespace of the suite's own under the run's (ADR 0054), so the run's tear-down drops what
// the suite's own drop leaves. The suite's names are the platform's; where a test reads offsets,
// groups or messages with a plain kafkajs client, it gives the broker's names (`brokerTopic`, `brokerGroup`).
const names = consumerSuiteNames('orders');
const { run, schema, topic } = names;
/** A test event's contract: its data the given properties and no others. */
const testEvent = <T extends string, P extends TProperties>(type: T, on: TopicName, aggregate: string, properties: P) =>
  defineEvent({ type, topic: on, aggregate, summary: 'test event', schema: Type.Object(properties, { additionalProperties: false }) });
const OrderPlaced = testEvent('order.placed.v1', topic, 'order', { orderId: Type.String(), seq: Type.Integer() });
/** Two events of a list, on a topic of their own: a group reading it from its start finds only one test's events. */
const listTopic = `test.lists.${run}.v1` as TopicName;
const ItemAdded = testEvent('list.item_added.v1', listTopic, 'list', { listId: Type.String(), seq: Type.Integer() });
const ListClosed = testEvent('list.closed.v1', listTopic, 'list', { listId: Type.String() });
/** A contract the test groups know but have no handler for: its topic must not be subscribed. */
const otherTopic = `test.refunds.${run}.v1` as TopicName;
const RefundIssued = defineEvent({
  type: 'refund.issued.v1',
  topic: otherTopic,
  aggregate: 'refund',
  summary: 'test event nobody handles',
  schema: Type.Object({ refundId: Type.String() }),
});

let bed: ConsumerTestbed;
let kafka: PlatformKafka;
const brokerTopic = (name: string) => kafka.names.topic(name);
const brokerGroup = (name: string) => kafka.names.group(name);
let dataSource: DataSource;
let publisher: KafkaRecordPublisher;
const apps: INestApplication[] = [];
const relays: OutboxRelay[] = [];
const silent = createLogger('messaging-int', 'silent');

beforeAll(async () => {
  const groups = ['ordered', 'dedup', 'crash', 'poison', 'outage', 'contract', 'batched', 'gathered', 'told', 'interleaved', 'committed', 'patient'].map((g) => `${g}-${run}`);
  bed = await openConsumerTestbed(names, [topic, otherTopic, listTopic, ...groups.map(deadLetterTopic)], 3);
  ({ kafka, publisher, dataSource } = bed);
  await dataSource.query(`CREATE TABLE ${schema}.effects (consumer text, order_id text, seq int, n bigserial)`);
});

afterAll(async () => {
  await Promise.all([...apps.map((a) => a.close()), ...relays.map((r) => r.stop())]);
  // Every topic and group this run made is named by it: none is left on the broker.
  await bed.drop();
});

/** Where a handler saw each order's last event, from its InboxContext. */
const deliveries = new Map<string, { topic: string; partition: number; offset: string; attempt: number; eventId: string }>();

/**
 * A service in miniature: a hybrid Nest application whose `@EventPattern` handler records each
 * handled event as a row of `effects`, served by the event transport as a consumer group.
 */
type Batching = { batchSize?: number; partitionsConcurrently?: number; commitIntervalMs?: number; sessionTimeoutMs?: number; initialBackoffMs?: number; maxBackoffMs?: number };

async function startConsumer(
  group: string,
  handle?: (seq: number, orderId: string) => void,
  batching: Batching = {},
  via: PlatformKafka = kafka,
): Promise<KafkaInboxTransport> {
  @Controller()
  class OrderEventsController {
    @EventPattern(OrderPlaced.type)
    async orderPlaced(@Payload() event: EventOf<typeof OrderPlaced>, @Ctx() context: InboxContext): Promise<void> {
      handle?.(event.data.seq, event.data.orderId);
      const { topic: from, partition, offset, attempt } = context;
      deliveries.set(event.data.orderId, { topic: from, partition, offset, attempt, eventId: context.event.id });
      await context.tx.query(`INSERT INTO ${schema}.effects (consumer, order_id, seq) VALUES ($1, $2, $3)`, [group, event.data.orderId, event.data.seq]);
    }
  }
  return serve(group, OrderEventsController, batching, { via });
}

/** What a test's group is served through, when not the suite's broker client, database and contracts. */
interface Serving {
  readonly via?: PlatformKafka;
  readonly db?: DataSource;
  readonly contracts?: readonly EventDefinition[];
}

/** A hybrid Nest application of one controller, its `@EventPattern` handlers served as consumer group `group`. */
async function serve(
  group: string,
  controller: new () => object,
  batching: Batching = {},
  { via = kafka, db = dataSource, contracts = [OrderPlaced, RefundIssued] }: Serving = {},
): Promise<KafkaInboxTransport> {
  @Module({ controllers: [controller] })
  class OrdersModule {}

  const transport = new KafkaInboxTransport(via, db, publisher, { group, schema, maxAttempts: 3, initialBackoffMs: 50, contracts, ...batching }, silent);
  const app = await NestFactory.create(OrdersModule, new FastifyAdapter(), { logger: false });
  apps.push(app);
  await app.init();
  await startEventTransport(app, transport);
  return transport;
}

/**
 * `db`, answering the statements run outside a transaction one at a time, at least `gapMs` apart:
 * no two answers land in the same turn of the event loop, as on a loaded machine.
 */
function answeringApart(db: DataSource, gapMs: number): DataSource {
  let released: Promise<unknown> = Promise.resolve();
  const apart = Object.create(db) as DataSource;
  apart.query = async <T>(sql: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> => {
    // A transaction's statements come here too, with its runner: answered as they come.
    if (queryRunner) return db.query<T>(sql, parameters, queryRunner);
    const answer = db.query<T>(sql, parameters);
    const turn = released.then(() => answer.catch(() => undefined)).then(() => new Promise((resolve) => setTimeout(resolve, gapMs)));
    released = turn;
    await turn;
    return answer;
  };
  return apart;
}

/** Effects of one group for one order: every group reads the shared test topic from its start. */
async function effects(group: string, orderId: string): Promise<{ order_id: string; seq: number }[]> {
  return dataSource.query(
    `SELECT order_id, seq FROM ${schema}.effects WHERE consumer = $1 AND order_id = $2 ORDER BY seq`,
    [group, orderId],
  );
}

function orderRecord(orderId: string, seq: number, id = randomUUID()): KafkaRecord {
  return toKafkaRecord(topic, newEvent(OrderPlaced, { source: '/test', subject: orderId, data: { orderId, seq }, id }));
}

async function writeToOutbox(orderId: string, count: number): Promise<void> {
  const writer = new OutboxWriter(schema, '/cs/test');
  for (let seq = 1; seq <= count; seq += 1) {
    await dataSource.transaction((tx) => writer.append(tx, OrderPlaced, orderId, { orderId, seq }));
  }
}

describe('outbox, relay and idempotent consumers against a real broker', () => {
  it('given events in the outbox, the relay publishes them as CloudEvents keyed by aggregate, in order', async () => {
    const group = `ordered-${run}`;
    await startConsumer(group);
    await writeToOutbox(`order-a-${run}`, 25);
    const relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 50, batchSize: 10 });
    relays.push(relay);
    relay.start();

    const rows = await eventually(async () => {
      const list = await effects(group, `order-a-${run}`);
      expect(list).toHaveLength(25);
      return list;
    });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await relay.pendingCount()).toBe(0);

    // The raw message carries the CloudEvents binary-mode headers and the aggregate id as key.
    const seen = await readOneMessage(topic);
    expect(seen.key).toBe(`order-a-${run}`);
    expect(seen.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'order.placed.v1', ce_source: '/cs/test', ce_subject: `order-a-${run}` });
    expect(seen.headers['ce_id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('events appended together take the outbox in the order given, and one breaking its contract writes none', async () => {
    const writer = new OutboxWriter(schema, '/cs/test');
    const [a, b] = [`order-together-a-${run}`, `order-together-b-${run}`];
    const entries = [1, 2, 3, 4, 5, 6].map((seq) => ({ definition: OrderPlaced, subject: seq % 2 ? a : b, data: { orderId: seq % 2 ? a : b, seq } }));
    const appended = await dataSource.transaction((tx) => writer.appendAll(tx, entries));
    const rows: { event_id: string; message_key: string; payload: string }[] = await dataSource.query(
      `SELECT event_id::text, message_key, payload FROM ${schema}.outbox WHERE message_key = ANY($1::text[]) ORDER BY seq`,
      [[a, b]],
    );
    expect(rows.map((r) => [r.message_key, (JSON.parse(r.payload) as { seq: number }).seq])).toEqual(entries.map((e) => [e.subject, e.data.seq]));
    expect(rows.map((r) => r.event_id)).toEqual(appended.map((e) => e.id));

    const broken = [
      { definition: OrderPlaced, subject: `order-broken-${run}`, data: { orderId: `order-broken-${run}`, seq: 1 } },
      { definition: OrderPlaced, subject: `order-broken-${run}`, data: { orderId: `order-broken-${run}`, seq: 1.5 } },
    ];
    expect((await rejectionOf(dataSource.transaction((tx) => writer.appendAll(tx, broken)), ContractViolationError)).eventType).toBe(OrderPlaced.type);
    expect(await dataSource.query(`SELECT 1 FROM ${schema}.outbox WHERE message_key = $1`, [`order-broken-${run}`])).toEqual([]);
    await dataSource.query(`UPDATE ${schema}.outbox SET published_at = now() WHERE message_key = ANY($1::text[])`, [[a, b]]);
  });

  it('a transaction’s appends wait for its commit and go in together, in order; a rollback drops them, a rolled-back savepoint its own, a released one joins the rest', async () => {
    const writer = new OutboxWriter(schema, '/cs/test');
    const key = `order-held-${run}`;
    const held = (tx: { query: (sql: string, parameters: unknown[]) => Promise<unknown> }) =>
      tx.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE message_key = $1`, [key]) as Promise<{ n: number }[]>;
    const committedSeqs = async () =>
      ((await dataSource.query(`SELECT payload FROM ${schema}.outbox WHERE message_key = $1 ORDER BY seq`, [key])) as { payload: string }[]).map(
        (r) => (JSON.parse(r.payload) as { seq: number }).seq,
      );
    const append = (tx: EntityManager, seq: number) => writer.append(tx, OrderPlaced, key, { orderId: key, seq });

    // Not subscribed to the data source: nothing would write held rows, so each append writes at once.
    await dataSource.transaction(async (tx) => {
      await append(tx, 1);
      expect((await held(tx))[0]!.n).toBe(1);
    });

    dataSource.subscribers.push(writer.committed);
    try {
      await dataSource.transaction(async (tx) => {
        await append(tx, 2);
        await writer.appendAll(tx, [3, 4].map((seq) => ({ definition: OrderPlaced, subject: key, data: { orderId: key, seq } })));
        await append(tx, 5);
        expect((await held(tx))[0]!.n).toBe(1);
      });
      expect(await committedSeqs()).toEqual([1, 2, 3, 4, 5]);

      await rejectionOf(
        dataSource.transaction(async (tx) => {
          await append(tx, 6);
          throw new Error('the use case changed its mind');
        }),
        Error,
      );
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await append(runner.manager, 7);
        await runner.startTransaction();
        await append(runner.manager, 8);
        await runner.rollbackTransaction();
        await append(runner.manager, 9);
        await runner.startTransaction();
        await append(runner.manager, 10);
        await runner.commitTransaction();
        expect((await held(runner.manager))[0]!.n).toBe(5);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(await committedSeqs()).toEqual([1, 2, 3, 4, 5, 7, 9, 10]);

      // A savepoint whose RELEASE fails (its callback swallowed a failed statement) is rolled back
      // alone: what the transaction held before it, and appends after it, are still written.
      await dataSource.transaction(async (tx) => {
        await append(tx, 11);
        const released = tx.transaction(async (inner) => {
          await append(inner, 12);
          await inner.query('SELECT 1 / 0').catch(() => undefined);
        });
        expect((await rejectionOf(released, Error)).message).toMatch(/current transaction is aborted/);
        await append(tx, 13);
      });
      expect(await committedSeqs()).toEqual([1, 2, 3, 4, 5, 7, 9, 10, 11, 13]);
    } finally {
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(writer.committed), 1);
      await dataSource.query(`UPDATE ${schema}.outbox SET published_at = now() WHERE message_key = $1`, [key]);
    }
  });

  it('writes held for the commit go in the statement that writes its events; inside a savepoint they are made at once; a rollback or a failing write leaves none of them', async () => {
    const writer = new OutboxWriter(schema, '/cs/test');
    const key = `order-written-${run}`;
    await dataSource.query(`CREATE TABLE ${schema}.orders_written (id text PRIMARY KEY, note text NOT NULL)`);
    const order = (id: string, note: string): WritePart => (bind) => `INSERT INTO ${schema}.orders_written (id, note) VALUES (${bind(`${key}-${id}`)}, ${bind(note)})`;
    const written = async (db: { query: (sql: string, parameters: unknown[]) => Promise<unknown> } = dataSource) =>
      ((await db.query(`SELECT id, note FROM ${schema}.orders_written WHERE id LIKE $1 ORDER BY id`, [`${key}-%`])) as { id: string; note: string }[]).map(
        (r) => `${r.id.slice(key.length + 1)}:${r.note}`,
      );
    const events = async () => ((await dataSource.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE message_key = $1`, [key])) as { n: number }[])[0]!.n;
    const append = (tx: EntityManager, seq: number) => writer.append(tx, OrderPlaced, key, { orderId: key, seq });

    // Not subscribed to the data source: nothing would make held writes, so they are made at once.
    await dataSource.transaction(async (tx) => {
      await writer.writeAtCommit(tx, [order('a', '立即')]);
      expect(await written(tx)).toEqual(['a:立即']);
    });

    const sent: string[] = [];
    const statements = { beforeQuery: (event: { query: string }) => void sent.push(event.query) };
    dataSource.subscribers.push(writer.committed, statements);
    try {
      await dataSource.transaction(async (tx) => {
        await append(tx, 1);
        await writer.writeAtCommit(tx, [order('b', '电梯'), order('c', '门禁')]);
        expect(await written(tx)).toEqual(['a:立即']);
      });
      expect(await written()).toEqual(['a:立即', 'b:电梯', 'c:门禁']);
      expect(await events()).toBe(1);
      // Sent ahead of the COMMIT (ADR 0189).
      const together = sent.filter((sql) => sql.includes('orders_written') && sql.startsWith('/* sent ahead */ WITH'));
      expect(together).toHaveLength(1);
      expect(together[0]).toContain('.outbox');

      // Held writes without events are still made, on their own.
      await dataSource.transaction((tx) => writer.writeAtCommit(tx, [order('d', '无事件')]));
      expect(await written()).toContain('d:无事件');

      await rejectionOf(
        dataSource.transaction(async (tx) => {
          await writer.writeAtCommit(tx, [order('e', '撤回')]);
          throw new Error('the use case changed its mind');
        }),
        Error,
      );
      // The held write breaks a key: the commit fails, the transaction is rolled back, its event goes too.
      const broken = await rejectionOf(
        dataSource.transaction(async (tx) => {
          await append(tx, 2);
          await writer.writeAtCommit(tx, [order('f', '新'), order('b', '重复')]);
        }),
        Error,
      );
      expect(broken.message).toMatch(/duplicate key/);
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await writer.writeAtCommit(runner.manager, [order('g', '外层')]);
        // Inside a savepoint writes are made at once, so rolling it back is what undoes them.
        await runner.startTransaction();
        await writer.writeAtCommit(runner.manager, [order('h', '回滚的保存点')]);
        expect(await written(runner.manager)).toContain('h:回滚的保存点');
        await runner.rollbackTransaction();
        await runner.startTransaction();
        await writer.writeAtCommit(runner.manager, [order('i', '释放的保存点')]);
        expect(await written(runner.manager)).toContain('i:释放的保存点');
        await runner.commitTransaction();
        expect(await written(runner.manager)).not.toContain('g:外层');
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(await written()).toEqual(['a:立即', 'b:电梯', 'c:门禁', 'd:无事件', 'g:外层', 'i:释放的保存点']);
      expect(await events()).toBe(1);
    } finally {
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(writer.committed), 1);
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(statements), 1);
      await dataSource.query(`UPDATE ${schema}.outbox SET published_at = now() WHERE message_key = $1`, [key]);
    }
  });

  it('given the same event delivered twice, it has one effect', async () => {
    const group = `dedup-${run}`;
    await startConsumer(group);
    const record = orderRecord(`order-b-${run}`, 1);
    await publisher.publish([record]);
    await publisher.publish([record]);
    await publisher.publish([orderRecord(`order-b-${run}`, 2)]);
    await eventually(async () => expect(await effects(group, `order-b-${run}`)).toHaveLength(2));
    const inbox = await dataSource.query(`SELECT count(*)::int AS n FROM ${schema}.inbox WHERE consumer = $1 AND event_id = $2`, [
      group,
      record.headers['ce_id'],
    ]);
    expect(inbox[0].n).toBe(1);
  });

  it('given a relay that crashes after publishing but before committing, nothing is lost and nothing doubles', async () => {
    const group = `crash-${run}`;
    await startConsumer(group);
    await relays[0]!.stop();
    let crashes = 1;
    const crashing: RecordPublisher = {
      publish: async (records) => {
        await publisher.publish(records);
        if (crashes-- > 0) throw new Error('simulated crash after publish');
      },
    };
    await writeToOutbox(`order-c-${run}`, 5);
    const relay = new OutboxRelay(dataSource, crashing, { schema, pollIntervalMs: 50, batchSize: 100 });
    await expect(relay.publishBatch()).rejects.toThrow('simulated crash');
    expect(await relay.pendingCount()).toBe(5);
    expect(await relay.publishBatch()).toBe(5);
    await eventually(async () => expect(await effects(group, `order-c-${run}`)).toHaveLength(5));
  });

  it('given a handler that always fails, the message is dead-lettered after bounded retries and the partition moves on', async () => {
    const group = `poison-${run}`;
    let fixed = false;
    const attempts = new Map<number, number>();
    const orderId = `order-d-${run}`;
    await startConsumer(group, (seq, order) => {
      if (order !== orderId) return;
      attempts.set(seq, (attempts.get(seq) ?? 0) + 1);
      // A message quoting what the handler was given: the phone must not reach the log or the dead-letter header.
      if (seq === 13 && !fixed) throw new Error('cannot handle 13 for 13812345678');
    });
    await publisher.publish([orderRecord(orderId, 13), orderRecord(orderId, 14)]);

    await eventually(async () => expect((await effects(group, orderId)).map((e) => e.seq)).toEqual([14]));
    expect(attempts.get(13)).toBe(3);
    const dead = await readOneMessage(deadLetterTopic(group));
    expect(dead.headers).toMatchObject({
      [DLQ_HEADERS.originalTopic]: topic,
      [DLQ_HEADERS.consumerGroup]: group,
      [DLQ_HEADERS.reason]: 'handler',
      [DLQ_HEADERS.attempts]: '3',
      ce_type: 'order.placed.v1',
    });
    expect(dead.headers[DLQ_HEADERS.error]).toBe('cannot handle 13 for 138****5678');

    // Once the cause is fixed, replaying the dead letters applies the event exactly once.
    fixed = true;
    expect(await replayDeadLetters(kafka, publisher, group)).toEqual({ replayed: 1, skipped: 0 });
    await eventually(async () => expect((await effects(group, orderId)).map((e) => e.seq)).toEqual([13, 14]));
    expect(await replayDeadLetters(kafka, publisher, group)).toEqual({ replayed: 0, skipped: 0 });
  });

  it('given a handler whose dependency is unreachable, the event waits for it past every attempt, is applied once and is never dead-lettered', async () => {
    const group = `outage-${run}`;
    const orderId = `order-o-${run}`;
    let tries = 0;
    await startConsumer(group, (_seq, order) => {
      if (order !== orderId) return;
      tries += 1;
      // Twice the group's maxAttempts: an ordinary error would have been dead-lettered by now.
      if (tries <= 6) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    }, { maxBackoffMs: 400 });
    await publisher.publish([orderRecord(orderId, 21), orderRecord(orderId, 22)]);

    await eventually(async () => expect((await effects(group, orderId)).map((e) => e.seq)).toEqual([21, 22]), 30_000);
    expect(tries).toBeGreaterThanOrEqual(7);
    expect((await deadLetterOffsets(group)).every((p) => p.high === p.low)).toBe(true);
  });

  it('in batches across partitions at once: each order’s events apply in order and once, and a failing one is dead-lettered without holding back the rest', async () => {
    const group = `batched-${run}`;
    const orders = [1, 2, 3, 4].map((n) => `order-g${n}-${run}`);
    const poisoned = orders[0]!;
    await startConsumer(
      group,
      (seq, order) => {
        if (order === poisoned && seq === 7) throw new Error('cannot handle 7');
      },
      { batchSize: 10, partitionsConcurrently: 3 },
    );
    const records = orders.flatMap((order) => Array.from({ length: 30 }, (_, i) => orderRecord(order, i + 1)));
    // One event twice in a row (in one chunk) and one again later: each applies once.
    await publisher.publish([...records.slice(0, 36), records[35]!, ...records.slice(36)]);
    await publisher.publish([records[5]!]);

    const all = Array.from({ length: 30 }, (_, i) => i + 1);
    await eventually(async () => {
      for (const order of orders) {
        expect((await effects(group, order)).map((e) => e.seq)).toEqual(order === poisoned ? all.filter((seq) => seq !== 7) : all);
      }
    }, 30_000);
    // Applied in the order published, not merely all there.
    for (const order of orders) {
      const applied = (await dataSource.query(`SELECT seq FROM ${schema}.effects WHERE consumer = $1 AND order_id = $2 ORDER BY n`, [group, order])) as { seq: number }[];
      expect(applied.map((e) => e.seq)).toEqual([...applied.map((e) => e.seq)].sort((a, b) => a - b));
    }
    const dead = await readOneMessage(deadLetterTopic(group));
    expect(dead.headers[DLQ_HEADERS.error]).toContain('cannot handle 7');
  });

  it('the chunks of the partitions a fetch brings go in one transaction, each partition’s events in order', async () => {
    const group = `spanning-${run}`;
    // A topic of its own: every partition's chunks are this test's, so the partitions' rounds line up.
    const lines = `test.lines.${run}.v1` as TopicName;
    const LineAdded = testEvent('line.added.v1', lines, 'order', { orderId: Type.String(), seq: Type.Integer() });
    await ensureTopics(kafka, [lines, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 3, replicationFactor: 1 })));
    const partitionsOfTransaction = new Map<string, Set<number>>();
    /** The transaction each partition's first event was handled in: its first chunk's. */
    const firstTransactionOf = new Map<number, string>();
    @Controller()
    class LinesController {
      @EventPattern(LineAdded.type)
      async lineAdded(@Payload() event: EventOf<typeof LineAdded>, @Ctx() context: InboxContext): Promise<void> {
        const [{ id }] = (await context.tx.query('SELECT txid_current()::text AS id')) as [{ id: string }];
        partitionsOfTransaction.set(id, (partitionsOfTransaction.get(id) ?? new Set()).add(context.partition));
        if (!firstTransactionOf.has(context.partition)) firstTransactionOf.set(context.partition, id);
        await context.tx.query(`INSERT INTO ${schema}.effects (consumer, order_id, seq) VALUES ($1, $2, $3)`, [group, event.data.orderId, event.data.seq]);
      }
    }
    // Twelve orders over three partitions (all on one: a chance of 3 in 3^12), published before
    // the group starts, so its first fetch brings every partition's events at once.
    const orders = Array.from({ length: 12 }, (_, n) => `order-s${n}-${run}`);
    await publisher.publish(
      orders.flatMap((order) => [1, 2, 3].map((seq) => toKafkaRecord(lines, newEvent(LineAdded, { source: '/test', subject: order, data: { orderId: order, seq } })))),
    );
    // Each partition's first batch reads its counts on assignment; a loaded machine answers those
    // reads in different turns of the event loop, here every time.
    await serve(group, LinesController, { batchSize: 10, partitionsConcurrently: 3 }, { contracts: [LineAdded], db: answeringApart(dataSource, 30) });

    await eventually(async () => {
      for (const order of orders) expect((await effects(group, order)).map((e) => e.seq)).toEqual([1, 2, 3]);
    }, 30_000);
    for (const order of orders) {
      const applied = (await dataSource.query(`SELECT seq FROM ${schema}.effects WHERE consumer = $1 AND order_id = $2 ORDER BY n`, [group, order])) as { seq: number }[];
      expect(applied.map((e) => e.seq)).toEqual([1, 2, 3]);
    }
    const transactions = [...partitionsOfTransaction.values()];
    expect(new Set(transactions.flatMap((p) => [...p])).size).toBeGreaterThan(1);
    expect(Math.max(...transactions.map((p) => p.size))).toBeGreaterThan(1);
    // The partitions' first batches, each read on assignment, went on together: their first chunks in one transaction (ADR 0169)
    expect(new Set(firstTransactionOf.values()).size).toBe(1);
  });

  it('handled offsets are committed once per commit interval rather than once per batch, and when the member leaves the group', async () => {
    const group = `committed-${run}`;
    const commits: number[] = [];
    const counting = createKafka({ brokers: runKafkaBrokers(), clientId: `int-commits-${run}`, topicPrefix: names.namespace });
    const consumerOf = counting.consumer.bind(counting);
    counting.consumer = (config) => {
      const consumer = consumerOf(config);
      consumer.on(consumer.events.COMMIT_OFFSETS, () => commits.push(Date.now()));
      return consumer;
    };
    const order = `order-k-${run}`;
    // The broker's shortest session: an idle member's fetch, which its leaving waits for, lasts a third of it.
    const transport = await startConsumer(group, undefined, { commitIntervalMs: 400, sessionTimeoutMs: 6_000 }, counting);
    const started = Date.now();
    // One send per event: batches of one or a few, each of which used to be committed by itself.
    for (let seq = 1; seq <= 20; seq += 1) await publisher.publish([orderRecord(order, seq)]);
    await eventually(async () => expect(await effects(group, order)).toHaveLength(20), 15_000, 50);
    const partition = deliveries.get(order)!.partition;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(brokerTopic(topic));
      const end = ends.find((p) => p.partition === partition)!.offset;
      const committed = async () =>
        (await admin.fetchOffsets({ groupId: brokerGroup(group), topics: [brokerTopic(topic)] }))[0]!.partitions.find((p) => p.partition === partition)!.offset;
      await eventually(async () => expect(await committed()).toBe(end), 5_000, 50);
      expect(commits.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 400) + 1);
      expect(commits.length).toBeLessThan(20);
      await transport.close();

      // A member whose interval never comes commits what it handled as it leaves the group.
      const next = await startConsumer(group, undefined, { commitIntervalMs: 60_000, sessionTimeoutMs: 6_000 }, counting);
      await publisher.publish([orderRecord(order, 21)]);
      await eventually(async () => expect(await effects(group, order)).toHaveLength(21), 15_000, 50);
      expect(Number(await committed())).toBe(Number(end));
      await next.close();
      expect(Number(await committed())).toBe(Number(end) + 1);
    } finally {
      await admin.disconnect();
    }
  });

  it('a retry that waits longer than the session heartbeats meanwhile: the member keeps its place in the group', async () => {
    const group = `patient-${run}`;
    const order = `order-p-${run}`;
    let tries = 0;
    // The broker's shortest session (6 s) and a first retry 8 s after the failure.
    await startConsumer(
      group,
      (_seq, o) => {
        if (o !== order) return;
        tries += 1;
        if (tries === 1) throw new Error('not yet');
      },
      { sessionTimeoutMs: 6_000, initialBackoffMs: 8_000 },
    );
    const admin = kafka.admin();
    await admin.connect();
    try {
      const members = async () => (await admin.describeGroups([brokerGroup(group)])).groups[0]!.members.map((m) => m.memberId);
      await eventually(async () => expect(await members()).toHaveLength(1), 15_000);
      const joined = await members();
      await publisher.publish([orderRecord(order, 1)]);
      await eventually(async () => expect(await effects(group, order)).toHaveLength(1), 30_000, 100);
      expect(tries).toBe(2);
      expect(await members()).toEqual(joined);
    } finally {
      await admin.disconnect();
    }
  });

  it('work a handler leaves for the end of its transaction runs once per transaction, before the commit, over every event it gathered; if it fails, the events go one by one', async () => {
    const group = `gathered-${run}`;
    const order = `order-gathered-${run}`;
    const gathering = new WeakMap<EntityManager, number[]>();
    const written: number[][] = [];
    @Controller()
    class GatheringController {
      @EventPattern(OrderPlaced.type)
      orderPlaced(@Payload() event: EventOf<typeof OrderPlaced>, @Ctx() context: InboxContext): void {
        // The group reads the shared topic from its start: the other tests' orders pass by.
        if (event.data.orderId !== order) return;
        const tx = context.tx;
        const seqs = gathering.get(tx) ?? [];
        gathering.set(tx, seqs);
        // Given again for every event of the transaction: only the first is kept.
        context.beforeCommit(gathering, async () => {
          if (seqs.includes(13) && seqs.length > 1) throw new Error('13 goes alone');
          written.push([...seqs]);
          await tx.query(`INSERT INTO ${schema}.effects (consumer, order_id, seq) SELECT $1, $2, unnest($3::int[])`, [group, order, seqs]);
        });
        seqs.push(event.data.seq);
      }
    }
    // Published before the group starts, so its first fetch brings chunks of several events.
    await publisher.publish(Array.from({ length: 40 }, (_, i) => orderRecord(order, i + 1)));
    await serve(group, GatheringController, { batchSize: 10 });

    const all = Array.from({ length: 40 }, (_, i) => i + 1);
    await eventually(async () => expect((await effects(group, order)).map((e) => e.seq)).toEqual(all), 30_000);
    const applied = (await dataSource.query(`SELECT seq FROM ${schema}.effects WHERE consumer = $1 AND order_id = $2 ORDER BY n`, [group, order])) as { seq: number }[];
    expect(applied.map((e) => e.seq)).toEqual(all);
    // Chunks were written at once; the one holding 13 failed at its end and its events went one transaction each.
    expect(Math.max(...written.map((w) => w.length))).toBeGreaterThan(1);
    expect(written).toContainEqual([13]);
    expect(written.flat().sort((a, b) => a - b)).toEqual(all);
  });

  it('what a handler tells on commit is told once per event, of the transaction that committed it: not for a chunk rolled back and handled again one by one, nor for a failed try', async () => {
    const group = `told-${run}`;
    const order = `order-told-${run}`;
    const told: number[] = [];
    let failures = 0;
    @Controller()
    class TellingController {
      @EventPattern(OrderPlaced.type)
      orderPlaced(@Payload() event: EventOf<typeof OrderPlaced>, @Ctx() context: InboxContext): void {
        if (event.data.orderId !== order) return;
        const { seq } = event.data;
        context.tellOnCommit(() => told.push(seq));
        // 7 fails its first two tries: in its chunk, then alone; its third try commits.
        if (seq === 7 && failures < 2) {
          failures += 1;
          throw new Error('7 fails twice');
        }
      }
    }
    // Published before the group starts, so its first fetch brings chunks of several events.
    await publisher.publish(Array.from({ length: 20 }, (_, i) => orderRecord(order, i + 1)));
    await serve(group, TellingController, { batchSize: 10 });

    const all = Array.from({ length: 20 }, (_, i) => i + 1);
    await eventually(async () => expect([...told].sort((a, b) => a - b)).toEqual(all), 30_000);
    expect(failures).toBe(2);
    expect(told).toEqual(all);
  });

  it('what a handler gathered is written before the transaction’s next event of another type, whose handler reads it; the rest before the commit', async () => {
    const group = `interleaved-${run}`;
    const list = `list-${run}`;
    const written: number[][] = [];
    const seen: number[] = [];
    const added = new Gathering<number>([ItemAdded.type], async (tx, seqs) => {
      written.push([...seqs]);
      await tx.query(`INSERT INTO ${schema}.effects (consumer, order_id, seq) SELECT $1, $2, unnest($3::int[])`, [group, list, seqs]);
    });
    @Controller()
    class ListEventsController {
      @EventPattern(ItemAdded.type)
      itemAdded(@Payload() event: EventOf<typeof ItemAdded>, @Ctx() context: InboxContext): void {
        added.add(context, event.data.seq);
      }

      @EventPattern(ListClosed.type)
      async listClosed(@Payload() event: EventOf<typeof ListClosed>, @Ctx() context: InboxContext): Promise<void> {
        const count = `SELECT count(*)::int AS count FROM ${schema}.effects WHERE consumer = $1 AND order_id = $2`;
        const [row] = (await context.tx.query(count, [group, event.data.listId])) as [{ count: number }];
        seen.push(row.count);
      }
    }
    const item = (seq: number) => toKafkaRecord(listTopic, newEvent(ItemAdded, { source: '/test', subject: list, data: { listId: list, seq } }));
    const closed = () => toKafkaRecord(listTopic, newEvent(ListClosed, { source: '/test', subject: list, data: { listId: list } }));
    // Published before the group starts, so its first fetch brings them all: one chunk, one transaction.
    await publisher.publish([item(1), item(2), item(3), closed(), item(4), item(5), closed(), item(6)]);
    await serve(group, ListEventsController, { batchSize: 20 }, { contracts: [ItemAdded, ListClosed] });

    await eventually(async () => expect(await effects(group, list)).toHaveLength(6), 30_000);
    // In one transaction, each close read the items added before it: they were written just before it.
    expect(written).toEqual([[1, 2, 3], [4, 5], [6]]);
    expect(seen).toEqual([3, 5]);
  });

  it('chunks of events of types the group does not handle open no transaction, their bodies unread; a chunk with one it handles opens one', async () => {
    const group = `skipping-${run}`;
    const notes = `test.notes.${run}.v1` as TopicName;
    const noteSchema = Type.Object({ noteId: Type.String() });
    const NoteWritten = defineEvent({ type: 'note.written.v1', topic: notes, aggregate: 'note', summary: 'test event', schema: noteSchema });
    const NoteEdited = defineEvent({ type: 'note.edited.v1', topic: notes, aggregate: 'note', summary: 'test event the group skips', schema: noteSchema });
    await ensureTopics(kafka, [notes, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
    const note = (definition: typeof NoteWritten | typeof NoteEdited, n: number): KafkaRecord =>
      toKafkaRecord(notes, newEvent(definition, { source: '/test', subject: 'note-1', data: { noteId: `note-${n}` } }));
    // Published before the group starts, so its fetches bring chunks of skipped events, then the one it handles.
    // One skipped event's body is not even JSON: a group that does not handle its type never reads it.
    await publisher.publish([...Array.from({ length: 30 }, (_, n) => note(NoteEdited, n)), { ...note(NoteEdited, 31), value: 'not json' }, note(NoteWritten, 30)]);

    // A consumer transaction is begun on a query runner of its own (its connection closed if its handlers outlast their bound) or through transaction().
    let transactions = 0;
    const counting = new Proxy(dataSource, {
      get: (target, property) => {
        if (property === 'createQueryRunner') {
          return (...args: Parameters<DataSource['createQueryRunner']>) => {
            const runner = target.createQueryRunner(...args);
            const start = runner.startTransaction.bind(runner);
            runner.startTransaction = (...given: Parameters<typeof start>) => {
              transactions += 1;
              return start(...given);
            };
            return runner;
          };
        }
        if (property !== 'transaction') return Reflect.get(target, property, target) as unknown;
        return (...args: unknown[]) => {
          transactions += 1;
          return (target.transaction as (...given: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    @Controller()
    class NotesController {
      @EventPattern(NoteWritten.type)
      async written(@Payload() event: EventOf<typeof NoteWritten>, @Ctx() context: InboxContext): Promise<void> {
        await context.tx.query(`INSERT INTO ${schema}.effects (consumer, order_id, seq) VALUES ($1, $2, 1)`, [group, event.data.noteId]);
      }
    }
    await serve(group, NotesController, { batchSize: 10 }, { db: counting, contracts: [NoteWritten, NoteEdited] });

    await eventually(async () => expect(await effects(group, 'note-30')).toHaveLength(1), 30_000);
    expect(transactions).toBe(1);
    const inbox = (await dataSource.query(`SELECT event_type FROM ${schema}.inbox WHERE consumer = $1`, [group])) as { event_type: string }[];
    expect(inbox).toEqual([{ event_type: NoteWritten.type }]);
    expect((await deadLetterOffsets(group)).map((p) => p.high)).toEqual(['0']);
  });

  it('given messages that break the envelope or the contract, they go to the dead-letter topic untried; a broken one of a type the group does not handle passes by; one with a field a later release added is handled', async () => {
    const group = `contract-${run}`;
    await startConsumer(group, undefined, { batchSize: 10 });
    const broken = orderRecord(`order-e-${run}`, 1);
    await publisher.publish([
      { ...broken, value: JSON.stringify({ orderId: 'x', seq: 'not a number' }) },
      { topic, key: 'k', value: '{}', headers: { 'content-type': 'application/json' } },
      // In a chunk that goes one by one (the two above): judged by the type it declares, which no handler takes.
      { ...orderRecord(`order-e-${run}`, 3), value: 'not json', headers: { ...broken.headers, ce_type: 'order.audited.v1' } },
      orderRecord(`order-e-${run}`, 2),
      // Published by a newer release during a rollout: its contract gained an optional field.
      { ...orderRecord(`order-e-${run}`, 4), value: JSON.stringify({ orderId: `order-e-${run}`, seq: 4, couponCode: 'NEW-FIELD' }) },
    ]);
    await eventually(async () => expect((await effects(group, `order-e-${run}`)).map((e) => e.seq)).toEqual([2, 4]));
    const reasons = (await readMessages(deadLetterTopic(group), 2)).map((m) => m.headers[DLQ_HEADERS.reason]).sort();
    expect(reasons).toEqual(['contract', 'malformed']);
    expect((await deadLetterOffsets(group)).reduce((n, p) => n + Number(p.high), 0)).toBe(2);
  });

  it('given a publish stuck while the relay stops, the batch is abandoned after the bound and stays unpublished', async () => {
    const key = `order-s-${run}`;
    await writeToOutbox(key, 2);
    let attempts = 0;
    const stuck: RecordPublisher = {
      publish: () => {
        attempts += 1;
        return new Promise<void>(() => undefined);
      },
    };
    const relay = new OutboxRelay(dataSource, stuck, { schema, pollIntervalMs: 50, batchSize: 10, stopTimeoutMs: 300 });
    relay.start();
    await eventually(() => expect(attempts).toBe(1));
    // Without the bound this never returns and the test times out.
    await relay.stop();

    const pending = (await dataSource.query(
      `SELECT count(*)::int AS n FROM ${schema}.outbox WHERE message_key = $1 AND published_at IS NULL`,
      [key],
    )) as { n: number }[];
    expect(pending[0]!.n).toBe(2);
    // The abandoned transaction rolled back and released the relay lock: the next relay sends the rows.
    const next = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 50, batchSize: 100 });
    expect(await next.publishBatch()).toBeGreaterThanOrEqual(2);
  });

  it('a handler gets the delivery from its InboxContext, and the group reads only the topics of its patterns', async () => {
    const group = `dedup-${run}`;
    const orderId = `order-f-${run}`;
    const record = orderRecord(orderId, 1);
    const refund = newEvent(RefundIssued, { source: '/test', subject: 'r-1', data: { refundId: 'r-1' } });
    await publisher.publish([record, toKafkaRecord(otherTopic, refund)]);

    await eventually(async () => expect(await effects(group, orderId)).toHaveLength(1));
    expect(deliveries.get(orderId)).toMatchObject({ topic, attempt: 1, eventId: record.headers['ce_id'] });
    expect([0, 1, 2]).toContain(deliveries.get(orderId)!.partition);
    expect(await assignedTopics(group)).toEqual([brokerTopic(topic)]);
  });

  it('a pattern that names no event contract, or a request/reply pattern, stops the start', async () => {
    @Controller()
    class UnknownEventController {
      @EventPattern('order.shipped.v1')
      async shipped(): Promise<void> {}
    }
    @Controller()
    class RequestReplyController {
      @MessagePattern(OrderPlaced.type)
      async placed(): Promise<string> {
        return 'reply';
      }
    }
    for (const [controller, refusal] of [
      [UnknownEventController, "@EventPattern('order.shipped.v1') names no event contract"],
      [RequestReplyController, `@MessagePattern('${OrderPlaced.type}') is not served`],
    ] as const) {
      @Module({ controllers: [controller] })
      class RefusedModule {}
      const app = await NestFactory.create(RefusedModule, new FastifyAdapter(), { logger: false });
      apps.push(app);
      await app.init();
      const transport = new KafkaInboxTransport(kafka, dataSource, publisher, { group: `refused-${run}`, schema, maxAttempts: 1, initialBackoffMs: 1, contracts: [OrderPlaced] }, silent);
      expect((await rejectionOf(startEventTransport(app, transport), Error)).message).toContain(refusal);
    }
  });

  // Runs last: no relay is running any more, so nothing publishes the rows under test.
  it('a commit that appended events wakes the relay at once; it does not wait for its next poll', async () => {
    const relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 60_000, batchSize: 100 });
    relays.push(relay);
    relay.start();
    await eventually(async () => expect(await relay.pendingCount()).toBe(0), 5_000, 50);
    // The relay now sleeps for its minute-long poll interval.
    const writer = new OutboxWriter(schema, '/cs/test');
    dataSource.subscribers.push(writer.committed);
    const unsubscribe = writer.committed.onCommitted(() => relay.nudge());
    try {
      const key = `order-n-${run}`;
      const rolledBack = await rejectionOf(
        dataSource.transaction(async (tx) => {
          await writer.append(tx, OrderPlaced, key, { orderId: key, seq: 0 });
          throw new Error('the use case changed its mind');
        }),
        Error,
      );
      expect(rolledBack.message).toBe('the use case changed its mind');
      await dataSource.transaction((tx) => writer.append(tx, OrderPlaced, key, { orderId: key, seq: 1 }));
      const published = await eventually(async () => {
        const rows = (await dataSource.query(`SELECT payload FROM ${schema}.outbox WHERE message_key = $1 AND published_at IS NOT NULL`, [key])) as { payload: string }[];
        expect(rows).toHaveLength(1);
        return rows;
      }, 5_000, 50);
      expect(JSON.parse(published[0]!.payload)).toMatchObject({ seq: 1 });
    } finally {
      unsubscribe();
      dataSource.subscribers.splice(dataSource.subscribers.indexOf(writer.committed), 1);
      await relay.stop();
    }
  });

  it('published rows past their retention are pruned; recent and unpublished ones stay', async () => {
    const key = `order-p-${run}`;
    await writeToOutbox(key, 3);
    const rows = (await dataSource.query(`SELECT seq FROM ${schema}.outbox WHERE message_key = $1 ORDER BY seq`, [key])) as { seq: string }[];
    const [old, recent, pending] = rows.map((r) => r.seq);
    await dataSource.query(`UPDATE ${schema}.outbox SET published_at = now() - interval '2 hours' WHERE seq = $1`, [old]);
    await dataSource.query(`UPDATE ${schema}.outbox SET published_at = now() WHERE seq = $1`, [recent]);
    const relay = new OutboxRelay(dataSource, publisher, { schema, pollIntervalMs: 50, batchSize: 10, retentionHours: 1 });
    expect(await relay.prunePublished()).toBeGreaterThanOrEqual(1);
    const left = (await dataSource.query(`SELECT seq FROM ${schema}.outbox WHERE message_key = $1 ORDER BY seq`, [key])) as { seq: string }[];
    expect(left.map((r) => r.seq)).toEqual([recent, pending]);
  });

  // Runs after every test that makes a topic or a group.
  it('every topic and consumer group the suite made lives under the run’s namespace, which the run’s tear-down drops if the suite’s own drop fails', async () => {
    const runPrefix = process.env['KAFKA_TOPIC_PREFIX']!;
    const topics = (await listTopicNames(bed.admin)).filter((name) => name.includes(run));
    const groups = (await bed.admin.listGroups()).groups.map((g) => g.groupId).filter((name) => name.includes(run));
    expect(topics).toEqual(expect.arrayContaining([brokerTopic(topic), brokerTopic(listTopic), brokerTopic(deadLetterTopic(`batched-${run}`))]));
    expect(groups).toEqual(expect.arrayContaining([brokerGroup(`batched-${run}`)]));
    expect([...topics, ...groups].filter((name) => !isUnderRunPrefix(name, runPrefix))).toEqual([]);
  });
});

interface SeenMessage {
  key: string;
  headers: Record<string, string>;
}

async function readOneMessage(fromTopic: string): Promise<SeenMessage> {
  return (await readMessages(fromTopic, 1))[0]!;
}

/** Each partition's offsets of the group's dead-letter topic. */
async function deadLetterOffsets(group: string) {
  const admin = kafka.admin();
  await admin.connect();
  return admin.fetchTopicOffsets(brokerTopic(deadLetterTopic(group))).finally(() => admin.disconnect());
}

/** Reads the first `count` messages of a topic with a throwaway consumer group. */
async function readMessages(fromTopic: string, count: number): Promise<SeenMessage[]> {
  const reader = kafka.consumer({ groupId: brokerGroup(`reader-${run}-${randomUUID()}`) });
  const seen: SeenMessage[] = [];
  await reader.connect();
  await reader.subscribe({ topic: brokerTopic(fromTopic), fromBeginning: true });
  await new Promise<void>((resolve) => {
    void reader.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
        seen.push({ key: message.key?.toString() ?? '', headers });
        if (seen.length >= count) resolve();
      },
    });
  });
  await reader.disconnect();
  return seen.slice(0, count);
}

/** The topics the group's members are assigned, by the broker's names, once it is stable. */
async function assignedTopics(group: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await eventually(async () => {
      const [described] = (await admin.describeGroups([brokerGroup(group)])).groups;
      expect(described?.state).toBe('Stable');
      const topics = new Set<string>();
      for (const member of described!.members) {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        for (const assigned of Object.keys(decoded?.assignment ?? {})) topics.add(assigned);
      }
      return [...topics].sort();
    });
  } finally {
    await admin.disconnect();
  }
}
