import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { TicketDispatchedV1, TicketRecordAmendedV1, TicketReopenedV1, TicketResolvedV1, TicketValidityDecidedV1, findEventDefinition } from '@cs/contracts';
import { KafkaRecordPublisher, PlatformKafka, createKafka, dropNamespace, ensureTopics, toKafkaRecord, type DomainEvent } from '@cs/messaging';
import { CalendarReplicaModule, KafkaInboxTransport, PlatformModule, startEventTransport } from '@cs/platform';
import { ThrowawaySchema, adminUrl, eventually, runServiceKafkaNamespace, throwawaySchema } from '@cs/testing';
import { KpiQuery } from '../application/kpi-query';
import { LiveProjection } from '../application/live-projection';
import { RebuildProjections } from '../application/rebuild-projections';
import { WorkingCalendar } from '../application/working-calendar';
import { monthPeriod } from '../domain/period';
import { MIGRATIONS } from '../infrastructure/migrations';
import { TicketSketch, created, ticket, ticketEvent } from '../testing/event-builders';
import { sh } from '../testing/november';
import { ProjectionEventsController } from './projection-events.controller';

/**
 * ADR 0081, 0163: a matter judged invalid or out of scope and reopened is pending again; a
 * dispatch then takes it as valid, and the dispatch says so (`takenAsValid`). Reporting counts it
 * valid — live through its consumer group, and the same after a rebuild from the topics. A
 * suggestion's validity is not judged: its dispatch is no valid decision, and it counts in none of
 * the three figures. ADR 0166: a consultation dispatched and reclassified a repair counts its
 * dispatch as its valid decision from the amendment on, and a reopening that withdrew a judgement
 * leaves the matter in none of the three until it is judged again or dispatched.
 */
let db: ThrowawaySchema;
let kafka: PlatformKafka;
let app: INestApplication;

const topics = ['intake.events.v1', 'tickets.events.v1', 'callbacks.events.v1'];
const november = monthPeriod('2026-11', 'Asia/Shanghai');

/** Each matter under a project of its own, so the project grouping reads each one's validity. */
const matter = (projectCode: string) => ticket({ itemCode: 'repair.public_area', projectCode, channel: 'phone', ownerId: 'agent-a', openedAt: sh(2, '09:00') });
const invalidThenDispatched = matter('P-DISPATCHED');
const outOfScopeThenDispatched = matter('P-REDIRECTED');
const invalidAgain = matter('P-INVALID-AGAIN');
const dispatchedBeforeTheField = matter('P-EARLIER-RELEASE');
const reopenedUnjudged = matter('P-REOPENED');
const reopenedUnjudgedBeforeTheField = matter('P-REOPENED-EARLIER');
const forwardedSuggestion = ticket({ itemCode: 'suggestion.general', projectCode: 'P-SUGGESTION', channel: 'phone', ownerId: 'agent-a', openedAt: sh(2, '09:00') });
const consultation = (projectCode: string) => ticket({ itemCode: 'consultation.property_service', projectCode, channel: 'phone', ownerId: 'agent-a', openedAt: sh(2, '09:00') });
const reclassifiedAfterDispatch = consultation('P-RECLASSIFIED');
const reclassifiedBeforeTheField = consultation('P-RECLASSIFIED-EARLIER');

/** A consultation dispatched (no judged decision), then reclassified a repair (补录). */
function dispatchedThenReclassified(t: TicketSketch, told: { takenAsValid?: boolean }): DomainEvent[] {
  const asRepair = { ...t, itemCode: 'repair.public_area' };
  return [
    created(t),
    ticketEvent(TicketDispatchedV1, t, sh(2, '09:30'), { department: 'engineering', takenAsValid: false }),
    ticketEvent(TicketRecordAmendedV1, asRepair, sh(3, '09:00'), {
      sectionCode: 'repair',
      amended: { itemCode: 'repair.public_area' },
      previous: { itemCode: t.itemCode },
      ...told,
    }),
  ];
}

/**
 * Judged (invalid or out of scope), which resolves it, then reopened by the customer disputing it;
 * the reopening says it withdrew the judgement (ADR 0166), unless sent as a release before it did.
 */
function judgedAndReopened(t: TicketSketch, judgement: 'invalid' | 'out_of_scope', withdrawn: { validityWithdrawn?: boolean } = { validityWithdrawn: true }): DomainEvent[] {
  return [
    created(t),
    ticketEvent(
      TicketValidityDecidedV1,
      t,
      sh(2, '09:10'),
      judgement === 'invalid' ? { decision: 'invalid', reason: '不属于报修' } : { decision: 'out_of_scope', redirectTo: '供电局' },
    ),
    ticketEvent(TicketResolvedV1, t, sh(2, '09:10'), { resolution: '已解释', reopenCount: 0, breached: false }),
    ticketEvent(TicketReopenedV1, t, sh(3, '10:00'), { reason: '客户不认可', reopenCount: 1, ...withdrawn }),
  ];
}

const events: DomainEvent[] = [
  ...judgedAndReopened(invalidThenDispatched, 'invalid'),
  ticketEvent(TicketDispatchedV1, invalidThenDispatched, sh(3, '10:30'), { department: 'engineering', breached: false, takenAsValid: true }),
  ...judgedAndReopened(outOfScopeThenDispatched, 'out_of_scope'),
  ticketEvent(TicketDispatchedV1, outOfScopeThenDispatched, sh(3, '10:30'), { department: 'engineering', takenAsValid: true }),
  ...judgedAndReopened(invalidAgain, 'invalid'),
  ticketEvent(TicketValidityDecidedV1, invalidAgain, sh(3, '11:00'), { decision: 'invalid', reason: '仍不属于报修' }),
  ticketEvent(TicketResolvedV1, invalidAgain, sh(3, '11:00'), { resolution: '已再次解释', reopenCount: 1, breached: false }),
  // A release before the fields: its dispatch cannot tell a pending matter from a judged one, and counts as it always did.
  ...judgedAndReopened(dispatchedBeforeTheField, 'invalid', {}),
  // Reopened and neither judged again nor dispatched: pending on the desk, counted in none of the three (ADR 0166).
  ...judgedAndReopened(reopenedUnjudged, 'invalid'),
  ...judgedAndReopened(reopenedUnjudgedBeforeTheField, 'out_of_scope', {}),
  ticketEvent(TicketDispatchedV1, dispatchedBeforeTheField, sh(3, '10:30'), { department: 'engineering' }),
  // Forwarded to a department, a suggestion shows valid on its ticket, but the dispatch is no judged decision.
  created(forwardedSuggestion),
  ticketEvent(TicketDispatchedV1, forwardedSuggestion, sh(3, '10:30'), { department: 'property', takenAsValid: false }),
  ...dispatchedThenReclassified(reclassifiedAfterDispatch, { takenAsValid: true }),
  // An amendment of a release before the field: the matter stays counted in none of the three.
  ...dispatchedThenReclassified(reclassifiedBeforeTheField, {}),
];

/** Reporting as it runs: the platform's event transport serving the read model's handlers as its consumer group. */
async function reportingConsumers(prefix: string): Promise<INestApplication> {
  @Module({
    imports: [
      PlatformModule.forService({
        service: 'reporting',
        migrations: MIGRATIONS,
        planEachExecution: true,
        env: {
          NODE_ENV: 'test',
          DATABASE_URL: adminUrl(),
          DATABASE_SCHEMA: db.schema,
          KAFKA_BROKERS: process.env['KAFKA_BROKERS'],
          KAFKA_TOPIC_PREFIX: prefix,
          KAFKA_TOPIC_PARTITIONS: '2',
          REDIS_URL: process.env['REDIS_URL'],
          LOG_LEVEL: 'silent',
        },
      }),
      CalendarReplicaModule,
    ],
    controllers: [ProjectionEventsController],
    providers: [LiveProjection, RebuildProjections, KpiQuery, WorkingCalendar],
  })
  class ReportingConsumersModule {}
  // As createServiceApp starts them, without the HTTP routes this test does not use.
  const consumers = await NestFactory.create(ReportingConsumersModule, new FastifyAdapter(), { logger: false });
  await consumers.init();
  await startEventTransport(consumers, consumers.get(KafkaInboxTransport));
  return consumers;
}

beforeAll(async () => {
  db = await throwawaySchema('reporting_reopened_validity', MIGRATIONS);
  // The service's KAFKA_TOPIC_PREFIX too.
  const prefix = runServiceKafkaNamespace();
  kafka = createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','), clientId: 'reopened-validity-test', topicPrefix: prefix });
  await ensureTopics(
    kafka,
    topics.map((topic) => ({ topic, partitions: 2, replicationFactor: 1 })),
  );
  app = await reportingConsumers(prefix);
  const publisher = new KafkaRecordPublisher(kafka);
  await publisher.publish(events.map((e) => toKafkaRecord(findEventDefinition(e.type)?.topic ?? 'unknown', e)));
  await publisher.disconnect();
}, 90_000);

afterAll(async () => {
  await app?.close();
  await dropNamespace(kafka).catch(() => undefined);
  await db?.drop();
});

const monthly = () => app.get(KpiQuery).kpis({ period: november, projects: [], scope: undefined }, 'project');

/** The validity figures of each matter's project. */
async function validities(): Promise<Record<string, { valid: number; invalid: number; outOfScope: number; dispatched: number }>> {
  const report = await monthly();
  return Object.fromEntries(report.groups.map((g) => [g.key, { valid: g.valid, invalid: g.invalid, outOfScope: g.outOfScope, dispatched: g.dispatched }]));
}

const expected = {
  'P-DISPATCHED': { valid: 1, invalid: 0, outOfScope: 0, dispatched: 1 },
  'P-REDIRECTED': { valid: 1, invalid: 0, outOfScope: 0, dispatched: 1 },
  'P-INVALID-AGAIN': { valid: 0, invalid: 1, outOfScope: 0, dispatched: 0 },
  'P-EARLIER-RELEASE': { valid: 0, invalid: 1, outOfScope: 0, dispatched: 1 },
  'P-REOPENED': { valid: 0, invalid: 0, outOfScope: 0, dispatched: 0 },
  'P-REOPENED-EARLIER': { valid: 0, invalid: 0, outOfScope: 1, dispatched: 0 },
  'P-SUGGESTION': { valid: 0, invalid: 0, outOfScope: 0, dispatched: 1 },
  'P-RECLASSIFIED': { valid: 1, invalid: 0, outOfScope: 0, dispatched: 1 },
  'P-RECLASSIFIED-EARLIER': { valid: 0, invalid: 0, outOfScope: 0, dispatched: 1 },
};

describe('a matter judged invalid or out of scope, reopened, then dispatched without a new judgement', () => {
  it('given the events consumed live, then the monthly KPIs count it valid; one judged invalid again stays invalid; a dispatch without the field counts as before; a forwarded suggestion is not counted valid; a consultation dispatched and reclassified a repair counts valid; one reopened and neither judged again nor dispatched counts in none of the three', async () => {
    await eventually(async () => expect(await validities()).toEqual(expected), 60_000);
    expect((await monthly()).total).toMatchObject({ received: 9, valid: 3, invalid: 2, outOfScope: 1, reopened: 6 });
  }, 90_000);

  it('given the read model rebuilt from the topics, then every figure is what live consumption gave', async () => {
    const live = await eventually(async () => {
      expect(await validities()).toEqual(expected);
      return monthly();
    }, 60_000);
    const rebuilds = app.get(RebuildProjections);
    await rebuilds.start('admin-1');
    await rebuilds.settled();
    expect(await rebuilds.progress()).toMatchObject({ status: 'completed', eventsApplied: BigInt(events.length) });
    expect(await validities()).toEqual(expected);
    expect(await monthly()).toEqual(live);
  }, 90_000);
});
