import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { deadLetterTopic } from '@cs/contracts';
import { EventOf, KafkaRecord, KafkaRecordPublisher, PlatformKafka, RecordPublisher, newEvent, toKafkaRecord } from '@cs/messaging';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn } from '@cs/messaging/testing';
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
const names = consumerSuiteNames('refills');
const { run, schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);

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
let bed: ConsumerTestbed;
let kafka: PlatformKafka;
let publisher: KafkaRecordPublisher;
let keeping: KeepingDeadLetters;
let dataSource: DataSource;
const apps: INestApplication[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  ({ kafka, publisher, dataSource } = bed);
  keeping = new KeepingDeadLetters(publisher);
  await dataSource.query(`CREATE TABLE ${schema}.refills (refill_id text)`);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await bed.drop();
});

/**
 * A member of the group whose handler records each refill, through `db`, after `failing` says
 * whether to fail; its retry comes 2 s after a failure.
 */
async function serve(db: DataSource, failing: () => boolean, stopTimeoutMs?: number): Promise<INestApplication> {
  @Controller()
  class RefillsController {
    @EventPattern(Shipped.type)
    async ordered(@Payload() event: EventOf<typeof Shipped>, @Ctx() context: InboxContext): Promise<void> {
      if (failing()) throw new Error('the pharmacy system answered 500');
      await context.tx.query(`INSERT INTO ${schema}.refills VALUES ($1)`, [event.data.parcelId]);
    }
  }
  @Module({ controllers: [RefillsController] })
  class RefillsModule {}

  const transport = new KafkaInboxTransport(
    kafka,
    db,
    keeping,
    { group, schema, maxAttempts: 2, initialBackoffMs: 2_000, contracts: [Shipped], ...(stopTimeoutMs ? { stopTimeoutMs } : {}) },
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
    await publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/test', subject: refillId, data: { parcelId: refillId } }))]);
    await eventually(() => expect(tries).toBeGreaterThanOrEqual(1), 30_000, 20);
    // The group is there with its member, so Dead below can only mean the member left it.
    expect((await bed.admin.describeGroups([kafka.names.group(group)])).groups[0]?.members).toHaveLength(1);

    await first.close();
    await own.destroy();
    // The next member comes once this one has left the group, as a replacement replica does. The
    // group has no committed offset, so the broker's periodic clean-up may remove it as soon as it
    // is empty: it is then described as Dead, which is as left as Empty.
    await eventually(async () => {
      const { state, members } = (await bed.admin.describeGroups([kafka.names.group(group)])).groups[0];
      expect({ left: ['Empty', 'Dead'].includes(state), members }).toEqual({ left: true, members: [] });
    }, 30_000, 50);

    const next = await serve(dataSource, () => false);
    apps.push(next);
    await eventually(async () => expect(await dataSource.query(`SELECT refill_id FROM ${schema}.refills`)).toEqual([{ refill_id: refillId }]), 15_000);
    expect(keeping.deadLetters).toEqual([]);
    expect(tries).toBe(1);
  });
});
