import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { deadLetterTopic } from '@cs/contracts';
import { loadServiceConfig } from '@cs/config';
import {
  EventOf,
  KafkaNamespace,
  KafkaRecordPublisher,
  OutboxWriter,
  PlatformKafka,
  ensureTopics,
  newEvent,
  settleWithin,
  toKafkaRecord,
} from '@cs/messaging';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn } from '@cs/messaging/testing';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { BRIEF_RETRIES_MS, BRIEF_RETRY, SettlingKafka, TcpRelay, eventually, runKafkaBrokers, settling } from '@cs/testing';
import { startEventTransport } from './event-transport';
import { InboxContext } from './inbox-context';
import { KafkaInboxTransport, KafkaInboxTransportOptions } from './kafka-inbox.transport';
import { MessagingLifecycle } from './messaging.lifecycle';

/**
 * Shutdown while Kafka is down. The consumer group's start and the outbox relay's are inside
 * kafkajs' connect retries then (about forty seconds of them); shutdown abandons them instead of
 * waiting, so the service exits within its bound, and the connects they left retrying end when
 * the platform aborts them last — and, since nothing was consumed or published, nothing is lost: the events stay unread by the group and the outbox rows unpublished.
 */
const names = consumerSuiteNames('parcels');
const { run, schema, topic } = names;
const ParcelSent = parcelShippedOn(topic);
/** Far less than kafkajs' connect retries (BRIEF_RETRIES_MS of them here), and than the 25 s a service has to shut down. */
const PROMPTLY_MS = 3_000;

const silent = createLogger('shutdown-without-kafka', 'silent');
let bed: ConsumerTestbed;
let broker: PlatformKafka;
let publisher: KafkaRecordPublisher;
let dataSource: DataSource;
/** A broker address where Kafka is down: connections are refused, as by a stopped broker. */
let down: TcpRelay;
/** The client there: the starts the tests abandon retry for BRIEF_RETRIES_MS, and the suite waits for them to give up. */
let downKafka: PlatformKafka & SettlingKafka;
const apps: INestApplication[] = [];

beforeAll(async () => {
  // A start still inside the client's retries is what a shutdown must not wait for: waiting for them takes longer than the bound.
  expect(BRIEF_RETRIES_MS).toBeGreaterThan(PROMPTLY_MS);
  // The groups' topics are each test's own: the bed makes none.
  bed = await openConsumerTestbed(names, []);
  ({ kafka: broker, publisher, dataSource } = bed);
  await dataSource.query(`CREATE TABLE ${schema}.sent (parcel_id text)`);
  down = await TcpRelay.to(`kafka://${runKafkaBrokers()[0]}`);
  await down.cut('refuse');
  // In the bed's namespace, as a member where Kafka is up reads the same group's topics.
  downKafka = settling(new PlatformKafka({ brokers: [`127.0.0.1:${down.port}`], clientId: `down-${run}`, retry: BRIEF_RETRY, logLevel: logLevel.NOTHING }, new KafkaNamespace(names.namespace)));
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  // The starts the tests abandoned are still inside their connect retries: nothing is left retrying after the suite.
  await downKafka.settled();
  await down.close();
  await bed.drop();
});

/** A hybrid Nest application whose handler records each parcel sent, served as consumer group `group` through `kafka`. */
async function serve(kafka: PlatformKafka, group: string, options: Partial<KafkaInboxTransportOptions> = {}): Promise<{ app: INestApplication; transport: KafkaInboxTransport }> {
  @Controller()
  class ParcelsController {
    @EventPattern(ParcelSent.type)
    async sent(@Payload() event: EventOf<typeof ParcelSent>, @Ctx() context: InboxContext): Promise<void> {
      await context.tx.query(`INSERT INTO ${schema}.sent VALUES ($1)`, [event.data.parcelId]);
    }
  }
  @Module({ controllers: [ParcelsController] })
  class ParcelsModule {}

  const transport = new KafkaInboxTransport(kafka, dataSource, publisher, { group, schema, maxAttempts: 3, initialBackoffMs: 50, contracts: [ParcelSent], ...options }, silent);
  const app = await NestFactory.create(ParcelsModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await startEventTransport(app, transport);
  return { app, transport };
}

async function sent(): Promise<string[]> {
  return ((await dataSource.query(`SELECT parcel_id FROM ${schema}.sent ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id);
}

describe('shutting down while Kafka is down', () => {
  it.each([
    ['joining the group', {}],
    ['creating its topics first', { provisionTopics: { partitions: 1, replicationFactor: 1 } }],
  ])('a consumer group still starting (%s) is abandoned: the application closes at once, and the group’s events wait for its next member', async (_, options) => {
    const group = `parcels-${Object.keys(options).length}-${run}`;
    await ensureTopics(broker, [topic, deadLetterTopic(group)].map((t) => ({ topic: t, partitions: 1, replicationFactor: 1 })));
    const parcels = [`a-${group}`, `b-${group}`];
    await publisher.publish(parcels.map((parcelId) => toKafkaRecord(topic, newEvent(ParcelSent, { source: '/test', subject: parcelId, data: { parcelId } }))));

    const { app, transport } = await serve(downKafka, group, options);
    const statuses: string[] = [];
    transport.status.subscribe((status) => statuses.push(status));
    expect(await settleWithin(app.close(), PROMPTLY_MS)).toBe(true);
    expect(statuses).toEqual(['connecting', 'disconnected']);

    // Nothing was read, nothing committed: the group's next member, where Kafka is up, handles every event.
    const next = await serve(broker, group);
    apps.push(next.app);
    await eventually(async () => expect(await sent()).toEqual(expect.arrayContaining(parcels)), 30_000);
  });

  it('an outbox relay still creating its topic is abandoned: the lifecycle stops at once, and the outbox keeps its events', async () => {
    const config = loadServiceConfig('tickets', { KAFKA_BROKERS: `127.0.0.1:${down.port}`, DATABASE_SCHEMA: schema, OUTBOX_POLL_INTERVAL_MS: '50' });
    expect(config.kafka.ensureTopics).toBe(true);
    const outbox = new OutboxWriter(schema, '/cs/test');
    const lifecycle = new MessagingLifecycle(config, downKafka, new KafkaRecordPublisher(downKafka), silent, new ServiceMetrics('down'), outbox, dataSource);
    await dataSource.transaction((tx) => outbox.append(tx, ParcelSent, `c-${run}`, { parcelId: `c-${run}` }));

    lifecycle.onApplicationBootstrap();
    expect(await settleWithin(lifecycle.beforeApplicationShutdown(), PROMPTLY_MS)).toBe(true);
    expect(await lifecycle.relay.pendingCount()).toBe(1);
  });

  it('the connects the abandoned starts left retrying end when the platform aborts the client’s connects, last in its shutdown, not when kafkajs’ retries run out', async () => {
    // Given a start abandoned just now, its topic's admin still inside kafkajs' retries
    const config = loadServiceConfig('tickets', { KAFKA_BROKERS: `127.0.0.1:${down.port}`, DATABASE_SCHEMA: schema, OUTBOX_POLL_INTERVAL_MS: '50' });
    const lifecycle = new MessagingLifecycle(config, downKafka, new KafkaRecordPublisher(downKafka), silent, new ServiceMetrics('down-aborted'), new OutboxWriter(schema, '/cs/test'), dataSource);
    lifecycle.onApplicationBootstrap();
    await lifecycle.beforeApplicationShutdown();

    // When the client's connects are aborted, as the platform's connections closer does
    downKafka.abortConnects();

    // Then nothing of it is left retrying
    expect(await settleWithin(downKafka.settled(), PROMPTLY_MS)).toBe(true);
  });
});
