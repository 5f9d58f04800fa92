import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { findEventDefinition } from '@cs/contracts';
import { KafkaRecordPublisher, PlatformKafka, createKafka, dropNamespace, ensureTopics, toKafkaRecord } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, rejectionOf, runKafkaNamespace, throwawaySchema } from '@cs/testing';
import { DomainError } from '@cs/ddd';
import { MIGRATIONS } from '../infrastructure/migrations';
import { latestRebuild } from '../infrastructure/rebuild.repository';
import { novemberMonth } from '../testing/november';
import { RebuildProjections } from './rebuild-projections';

let db: ThrowawaySchema;
let kafka: PlatformKafka;
const TICKETS = 'tickets.events.v1';

beforeAll(async () => {
  db = await throwawaySchema('reporting_truncated', MIGRATIONS);
  // A namespace of the test's own: its tickets topic loses its oldest records as retention would delete them.
  kafka = createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','), clientId: 'truncated-test', topicPrefix: runKafkaNamespace(`truncated-${randomUUID().slice(0, 8)}`) });
  await ensureTopics(
    kafka,
    ['intake.events.v1', TICKETS, 'callbacks.events.v1'].map((topic) => ({ topic, partitions: 1, replicationFactor: 1 })),
  );
  const publisher = new KafkaRecordPublisher(kafka);
  const events = novemberMonth().events.filter((e) => findEventDefinition(e.type)?.topic === TICKETS);
  await publisher.publish(events.map((e) => toKafkaRecord(TICKETS, e)));
  await publisher.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = kafka.names.topic(TICKETS);
    // kafkajs deletes records only of a topic whose metadata the admin has loaded.
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '2' }] });
  } finally {
    await admin.disconnect();
  }
}, 60_000);

afterAll(async () => {
  await dropNamespace(kafka).catch(() => undefined);
  await db?.drop();
});

const config = loadServiceConfig('reporting', { NODE_ENV: 'test' });

describe('rebuilding from topics whose oldest events retention deleted', () => {
  it('refuses to start, naming the partitions and acceptTruncatedHistory, and starts nothing; asked to accept it, it rebuilds from the events left', async () => {
    const rebuilds = new RebuildProjections(db.dataSource, kafka, createLogger('reporting', 'silent'), config);
    try {
      const refusal = await rejectionOf(rebuilds.start('admin-1'), DomainError);
      expect(refusal).toMatchObject({
        code: 'PROJECTION.HISTORY_TRUNCATED',
        kind: 'conflict',
        field: 'acceptTruncatedHistory',
        details: { partitions: [{ topic: TICKETS, partition: 0, earliestOffset: 2 }] },
      });
      expect(await latestRebuild(db.dataSource.manager)).toBeUndefined();

      const started = await rebuilds.start('admin-1', { acceptTruncatedHistory: true });
      expect(started.positions.find((p) => p.topic === TICKETS)).toMatchObject({ nextOffset: 2n });
      await rebuilds.settled();
      expect(await latestRebuild(db.dataSource.manager)).toMatchObject({ status: 'completed' });
    } finally {
      await rebuilds.onApplicationShutdown();
    }
  });
});
