import { randomUUID } from 'node:crypto';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { Type } from '@sinclair/typebox';
import { TopicName, deadLetterTopic, defineEvent } from '@cs/contracts';
import {
  EventOf,
  KafkaRecord,
  KafkaRecordPublisher,
  PlatformKafka,
  RecordPublisher,
  createKafka,
  dropTopicsAndGroups,
  ensureTopics,
  consumerTriesTablesDdl,
  messagingTablesDdl,
  newEvent,
  toKafkaRecord,
} from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { eventually, testDataSource } from '@cs/testing';
import { startEventTransport } from './event-transport';
import { InboxContext } from './inbox-context';
import { KafkaInboxTransport } from './kafka-inbox.transport';

/**
 * Shutdown while a handler is between two tries of an ordinary failure. The member stops retrying
 * once it is stopping: the tries after it would meet the data source the shutdown closes, count
 * as attempts and dead-letter a good event (and commit past it). The event is left uncommitted
 * and the partition's next owner handles it.
 */
const run = randomUUID().slice(0, 8);
const schema = `retry_${run}`;
const topic = `test.refills.${run}.v1` as TopicName;
const group = `refills-${run}`;
const RefillOrdered = defineEvent({
  type: 'refill.ordered.v1',
  topic,
  aggregate: 'refill',
  summary: 'test event',
  schema: Type.Object({ refillId: Type.String() }, { additionalProperties: false }),
});

/** Publishes as the real one does, and keeps what went to the group's dead-letter topic. */
class KeepingDeadLetters implements RecordPublisher {
  readonly deadLetters: KafkaRecord[] = [];
  constructor(private readonly inner: KafkaRecordPublisher) {}
  async publish(records: readonly KafkaRecord[]): Promise<void> {
    this.deadLetters.push(...records.filter((r) => r.topic === deadLetterTopic(group)));
    await this.inner.publish(records);
  }
}

const silent = createLogger('shutdown-mid-retry', 'silent');
let kafka: PlatformKafka;
let publisher: KafkaRecordPublisher;
let keeping: KeepingDeadLetters;
let dataSource: DataSource;
const apps: INestApplication[] = [];

beforeAll(async () => {
  kafka = createKafka({ brokers: process.env['KAFKA_BROKERS']!.split(','), clientId: `retry-${run}` });
  publisher = new KafkaRecordPublisher(kafka);
  keeping = new KeepingDeadLetters(publisher);
  dataSource = await testDataSource({ schema }).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const sql of [...messagingTablesDdl(schema), ...consumerTriesTablesDdl(schema)]) await dataSource.query(sql);
  await dataSource.query(`CREATE TABLE ${schema}.refills (refill_id text)`);
  await ensureTopics(kafka, [topic, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await publisher.disconnect();
  await dropTopicsAndGroups(kafka, (name) => name.includes(run));
  await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource.destroy();
});

/**
 * A member of the group whose handler records each refill, through `db`, after `failing` says
 * whether to fail; its retry comes 2 s after a failure.
 */
async function serve(db: DataSource, failing: () => boolean, stopTimeoutMs?: number): Promise<INestApplication> {
  @Controller()
  class RefillsController {
    @EventPattern(RefillOrdered.type)
    async ordered(@Payload() event: EventOf<typeof RefillOrdered>, @Ctx() context: InboxContext): Promise<void> {
      if (failing()) throw new Error('the pharmacy system answered 500');
      await context.tx.query(`INSERT INTO ${schema}.refills VALUES ($1)`, [event.data.refillId]);
    }
  }
  @Module({ controllers: [RefillsController] })
  class RefillsModule {}

  const transport = new KafkaInboxTransport(
    kafka,
    db,
    keeping,
    { group, schema, maxAttempts: 2, initialBackoffMs: 2_000, contracts: [RefillOrdered], ...(stopTimeoutMs ? { stopTimeoutMs } : {}) },
    silent,
  );
  const app = await NestFactory.create(RefillsModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await startEventTransport(app, transport);
  return app;
}

describe('shutting down while a handler waits to try an event again', () => {
  it('the member stops retrying: the event is not dead-lettered when the data source closes, and the next member handles it', async () => {
    // The service's own data source, which its shutdown closes after the member has stopped.
    const own = await testDataSource({ schema }).initialize();
    let tries = 0;
    // Its stop waits 300 ms for the event in hand, less than the wait before the retry.
    const first = await serve(
      own,
      () => {
        tries += 1;
        return true;
      },
      300,
    );
    const refillId = `refill-${run}`;
    await publisher.publish([toKafkaRecord(topic, newEvent(RefillOrdered, { source: '/test', subject: refillId, data: { refillId } }))]);
    await eventually(() => expect(tries).toBeGreaterThanOrEqual(1), 30_000, 20);

    await first.close();
    await own.destroy();
    // The next member comes once this one has left the group, as a replacement replica does.
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually(async () => expect((await admin.describeGroups([group])).groups[0]).toMatchObject({ state: 'Empty', members: [] }), 30_000, 50);
    } finally {
      await admin.disconnect();
    }

    const next = await serve(dataSource, () => false);
    apps.push(next);
    await eventually(async () => expect(await dataSource.query(`SELECT refill_id FROM ${schema}.refills`)).toEqual([{ refill_id: refillId }]), 15_000);
    expect(keeping.deadLetters).toEqual([]);
    expect(tries).toBe(1);
  });
});
