import { randomUUID } from 'node:crypto';
import { findEventDefinition } from '@cs/contracts';
import { KafkaRecordPublisher, PlatformKafka, createKafka, dropNamespace, ensureTopics, toKafkaRecord } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NOVEMBER_P001, NOVEMBER_TOTAL, novemberMonth } from '../testing/november';
import { monthPeriod } from '../domain/period';
import { KpiQuery } from './kpi-query';
import { projectEvent } from './project-event';
import { RebuildProjections } from './rebuild-projections';
import { WorkingCalendar } from './working-calendar';

let db: ThrowawaySchema;
let kafka: PlatformKafka;
const month = novemberMonth();
const november = monthPeriod('2026-11', 'Asia/Shanghai');

beforeAll(async () => {
  db = await throwawaySchema('reporting_rebuild', MIGRATIONS);
  // A namespace of the test's own on the shared brokers: its topics hold exactly the month's events.
  kafka = createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','), clientId: 'rebuild-test', topicPrefix: `rebuild-${randomUUID().slice(0, 8)}` });
  await ensureTopics(
    kafka,
    ['intake.events.v1', 'tickets.events.v1', 'callbacks.events.v1'].map((topic) => ({ topic, partitions: 2, replicationFactor: 1 })),
  );
  const publisher = new KafkaRecordPublisher(kafka);
  await publisher.publish(month.events.map((e) => toKafkaRecord(findEventDefinition(e.type)?.topic ?? 'unknown', e)));
  await publisher.disconnect();
  for (const event of month.events) await db.dataSource.transaction((tx) => projectEvent(event, tx));
}, 60_000);

afterAll(async () => {
  await dropNamespace(kafka).catch(() => undefined);
  await db?.drop();
});

const kpis = () => new KpiQuery(db.dataSource, new WorkingCalendar(new CalendarReplica(db.dataSource))).kpis({ period: november, projects: [], scope: undefined }, 'project');

describe('rebuilding the read model from the start of the topics', () => {
  it('given live tables that lost rows, when rebuilt, then every figure equals the hand-computed month again and progress is complete', async () => {
    const before = await kpis();
    expect(before.total).toEqual(NOVEMBER_TOTAL);
    await db.dataSource.query('DELETE FROM callback_facts');
    await db.dataSource.query('DELETE FROM ticket_facts WHERE project_code = $1', ['P001']);
    expect((await kpis()).total.received).toBe(1);

    const rebuilds = new RebuildProjections(db.dataSource, kafka, createLogger('reporting', 'silent'));
    const started = await rebuilds.start('admin-1');
    expect(started).toMatchObject({ status: 'running', requestedBy: 'admin-1', eventsTotal: month.events.length, eventsApplied: 0 });
    await expect(rebuilds.start('admin-2')).rejects.toMatchObject({ code: 'PROJECTION.REBUILD_RUNNING' });
    await rebuilds.settled();

    const done = await rebuilds.progress();
    expect(done).toMatchObject({ status: 'completed', eventsApplied: month.events.length });
    expect(done?.positions.every((p) => p.nextOffset === p.endOffset)).toBe(true);
    expect(done?.positions.map((p) => p.topic)).toEqual(['callbacks.events.v1', 'callbacks.events.v1', 'intake.events.v1', 'intake.events.v1', 'tickets.events.v1', 'tickets.events.v1']);
    const after = await kpis();
    expect(after).toEqual(before);
    expect(after.groups.find((g) => g.key === 'P001')).toMatchObject(NOVEMBER_P001);
  }, 90_000);
});
