import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { loadServiceConfig } from '@cs/config';
import { TicketResolvedV1, findEventDefinition } from '@cs/contracts';
import { KafkaRecordPublisher, PlatformKafka, createKafka, dropNamespace, ensureTopics, toKafkaRecord } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica } from '@cs/platform';
import { ThrowawaySchema, backendPid, eventually, runKafkaNamespace, sessionsWaitingOn, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { SHADOW_TABLES } from '../infrastructure/projection-tables';
import { advance, startRebuild } from '../infrastructure/rebuild.repository';
import { lockTickets } from '../infrastructure/ticket-facts.repository';
import { ticketEvent } from '../testing/event-builders';
import { liveTableCatalog } from '../testing/live-table-catalog';
import { NOVEMBER_P001, NOVEMBER_TOTAL, novemberMonth } from '../testing/november';
import { monthPeriod } from '../domain/period';
import { KpiQuery } from './kpi-query';
import { projectEvent, projectEvents } from './project-event';
import { RebuildProjections } from './rebuild-projections';
import { WorkingCalendar } from './working-calendar';

let db: ThrowawaySchema;
let kafka: PlatformKafka;
const month = novemberMonth();
const november = monthPeriod('2026-11', 'Asia/Shanghai');

beforeAll(async () => {
  db = await throwawaySchema('reporting_rebuild', MIGRATIONS);
  // A namespace of the test's own on the shared brokers: its topics hold exactly the month's events.
  kafka = createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','), clientId: 'rebuild-test', topicPrefix: runKafkaNamespace(`rebuild-${randomUUID().slice(0, 8)}`) });
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

/** A session of its own, so the test sees it reach the replay's consumer. */
const config = loadServiceConfig('reporting', { NODE_ENV: 'test', CONSUMER_SESSION_TIMEOUT_MS: '12000' });
const rebuilder = () => new RebuildProjections(db.dataSource, kafka, createLogger('reporting', 'silent'), config);

const kpis = () => new KpiQuery(db.dataSource, new WorkingCalendar(new CalendarReplica(db.dataSource))).kpis({ period: november, projects: [], scope: undefined }, 'project');

/** The names of the live tables' indexes, constraints and statistics objects, as migrations name them. */
const catalogNames = async (): Promise<string[]> => (await liveTableCatalog(db.dataSource)).names;

describe('rebuilding the read model from the start of the topics', () => {
  it('given live tables that lost rows, when rebuilt, then every figure equals the hand-computed month again and progress is complete', async () => {
    const names = await catalogNames();
    expect(names).toEqual(expect.arrayContaining(['ticket_facts: ticket_facts_pkey', 'ticket_facts: ticket_facts_escalation_order_idx', 'ticket_duration_rollups: ticket_duration_rollups_cells']));
    const before = await kpis();
    expect(before.total).toEqual(NOVEMBER_TOTAL);
    await db.dataSource.query('DELETE FROM callback_facts');
    await db.dataSource.query('DELETE FROM ticket_facts WHERE project_code = $1', ['P001']);
    expect((await kpis()).total.received).toBe(1);

    const rebuilds = rebuilder();
    const consumers = jest.spyOn(kafka, 'consumer');
    const started = await rebuilds.start('admin-1');
    expect(started).toMatchObject({ status: 'running', requestedBy: 'admin-1', eventsTotal: BigInt(month.events.length), eventsApplied: 0n });
    await expect(rebuilds.start('admin-2')).rejects.toMatchObject({ code: 'PROJECTION.REBUILD_RUNNING' });
    await rebuilds.settled();
    // The replay holds its group membership as the live consumers do (ADR 0052), not kafkajs's 30 s.
    expect(consumers.mock.calls.map(([options]) => options)).toEqual([
      expect.objectContaining({ sessionTimeout: 12_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 3_000 }),
    ]);
    consumers.mockRestore();

    const done = await rebuilds.progress();
    expect(done).toMatchObject({ status: 'completed', eventsApplied: BigInt(month.events.length) });
    expect(done?.positions.every((p) => p.nextOffset === p.endOffset)).toBe(true);
    expect(done?.positions.map((p) => p.topic)).toEqual(['callbacks.events.v1', 'callbacks.events.v1', 'intake.events.v1', 'intake.events.v1', 'tickets.events.v1', 'tickets.events.v1']);
    const after = await kpis();
    expect(after).toEqual(before);
    expect(after.groups.find((g) => g.key === 'P001')).toMatchObject(NOVEMBER_P001);
    // The swapped-in tables' indexes, constraints and statistics keep the live names migrations use.
    expect(await catalogNames()).toEqual(names);
  }, 90_000);

  it('given a rebuild stopped after the callbacks topic, when the service starts again, then it resumes from the stored positions', async () => {
    const positions = await topicEnds();
    const callbackEvents = month.events.filter((e) => e.type.startsWith('callback.'));
    await db.dataSource.transaction(async (tx) => {
      expect(await startRebuild(tx, STOPPED, 'admin-1', positions)).toBe(true);
      // What the stopped run had committed: every callback event, each with its partition's position.
      for (const event of callbackEvents) await projectEvent(event, tx, SHADOW_TABLES);
      for (const p of positions.filter((p) => p.topic === 'callbacks.events.v1')) {
        for (let offset = p.nextOffset; offset < p.endOffset; offset += 1n) await advance(tx, STOPPED, p.topic, p.partition, offset);
      }
    });
    await db.dataSource.query('DELETE FROM ticket_facts');

    const restarted = rebuilder();
    // Live traffic meanwhile: a record past a partition's end goes to the shadow tables too, one before it does not.
    // A partition the stopped run has records of still to replay: the month's six tickets are keyed by random ids, and may all fall on one partition.
    const unreplayed = positions.find((p) => p.topic === 'tickets.events.v1' && p.nextOffset < p.endOffset)!;
    const past = (offset: bigint) => pastItsEnd(restarted, unreplayed.topic, unreplayed.partition, offset);
    expect(await past(unreplayed.endOffset)).toBe(true);
    expect(await past(unreplayed.endOffset - 1n)).toBe(false);
    // A transaction's events of several partitions, asked together: each against its own partition's end.
    const other = positions.find((p) => p.topic !== unreplayed.topic || p.partition !== unreplayed.partition)!;
    const at = (p: typeof other, offset: bigint) => ({ topic: p.topic, partition: p.partition, offset: String(offset) });
    const mixed = [at(unreplayed, unreplayed.endOffset), at(other, other.endOffset - 1n), at(unreplayed, unreplayed.endOffset - 1n), at(other, other.endOffset)];
    expect(await db.dataSource.transaction((tx) => restarted.pastItsEnd(tx, mixed))).toEqual([mixed[0], mixed[3]]);
    // Past the end of a partition replayed to it (the callbacks topic's), a live record goes to the shadow tables now; of one still replaying, it is held.
    const callbacks0 = positions.find((p) => p.topic === 'callbacks.events.v1' && p.partition === 0)!;
    const again = month.events.find((e) => e.type === 'ticket.closed.v1')!; // applied again, it changes nothing
    const split = await db.dataSource.transaction((tx) =>
      restarted.forShadow(tx, [
        { ...at(callbacks0, callbacks0.endOffset), event: again },
        { ...at(unreplayed, unreplayed.endOffset), event: again },
      ]),
    );
    expect(split.map((e) => e.topic)).toEqual(['callbacks.events.v1']);
    expect(await db.dataSource.query('SELECT topic, partition FROM projection_rebuild_held_events')).toEqual([{ topic: unreplayed.topic, partition: unreplayed.partition }]);
    await restarted.onApplicationBootstrap();
    await restarted.settled();

    expect(await restarted.progress()).toMatchObject({ id: STOPPED, status: 'completed', eventsApplied: BigInt(month.events.length), eventsTotal: BigInt(month.events.length) });
    expect(await db.dataSource.query('SELECT 1 FROM projection_rebuild_held_events')).toEqual([]);
    expect((await kpis()).total).toEqual(NOVEMBER_TOTAL);
    expect(await past(unreplayed.endOffset)).toBe(false);
  }, 90_000);

  it('given a live change to a ticket the replay has not reached, when the rebuild swaps in, then the change is there, after the ticket’s replayed records', async () => {
    const positions = await topicEnds();
    const id = randomUUID();
    await db.dataSource.transaction((tx) => startRebuild(tx, id, 'admin-1', positions));
    // t3, never resolved in the month, is resolved live: its record lands past the end of its partition, which the replay has not read yet.
    const { partition, end, resolved } = t3ResolvedPastTheEnd(positions);
    const rebuilds = rebuilder();
    await db.dataSource.transaction(async (tx) => {
      // As the live projection does: the live tables, then what goes to the shadow tables now.
      await projectEvents(tx, [resolved]);
      const now = await rebuilds.forShadow(tx, [{ topic: 'tickets.events.v1', partition, offset: String(end), event: resolved }]);
      await projectEvents(tx, now.map((g) => g.event), SHADOW_TABLES);
    });
    expect((await kpis()).total).toMatchObject({ resolved: NOVEMBER_TOTAL.resolved + 1 });

    await rebuilds.onApplicationBootstrap();
    await rebuilds.settled();
    expect(await rebuilds.progress()).toMatchObject({ id, status: 'completed' });
    expect((await kpis()).total).toMatchObject({ resolved: NOVEMBER_TOTAL.resolved + 1 });
    expect(await db.dataSource.query('SELECT 1 FROM projection_rebuild_held_events')).toEqual([]);
  }, 90_000);

  it('given a live transaction holding a ticket the replay’s chunk waits for, when it then holds back events of that partition, then it does not wait for the chunk', async () => {
    const positions = await topicEnds();
    const id = randomUUID();
    await db.dataSource.transaction((tx) => startRebuild(tx, id, 'admin-1', positions));
    const { t3, partition, end, resolved } = t3ResolvedPastTheEnd(positions);
    const live = db.dataSource.createQueryRunner();
    await live.connect();
    await live.startTransaction();
    const rebuilds = rebuilder();
    try {
      // As the live projection does for a batch that opens a ticket: the batch's tickets locked first.
      await lockTickets(live.manager, [t3.id]);
      const holder = await backendPid(live);
      await rebuilds.onApplicationBootstrap();
      // The replay's chunk of t3's partition waits for t3, and has waited past Postgres's deadlock check (1 s).
      await eventually(async () => expect(await sessionsWaitingOn(db.dataSource, holder)).toBeGreaterThan(0), 30_000, 50);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // Short of Postgres's deadlock check: waiting for the chunk, the question fails instead of answering.
      await live.query("SET LOCAL lock_timeout = '800ms'");
      expect(await rebuilds.forShadow(live.manager, [{ topic: 'tickets.events.v1', partition, offset: String(end), event: resolved }])).toEqual([]);
      await live.query('SET LOCAL lock_timeout = 0');
      await projectEvents(live.manager, [resolved]);
      await live.commitTransaction();
    } finally {
      if (live.isTransactionActive) await live.rollbackTransaction();
      await live.release();
    }
    await rebuilds.settled();
    expect(await rebuilds.progress()).toMatchObject({ id, status: 'completed' });
    expect((await kpis()).total).toMatchObject({ resolved: NOVEMBER_TOTAL.resolved + 1 });
  }, 90_000);

  it('a rebuild starts only once the live transactions that found none running have committed, and those after it find it', async () => {
    const rebuilds = rebuilder();
    const live = await db.dataSource.createQueryRunner();
    await live.connect();
    await live.startTransaction();
    let starting: Promise<unknown> | undefined;
    try {
      // A live transaction asked, found no rebuild, and has not committed its events yet.
      expect(await rebuilds.pastItsEnd(live.manager, [{ topic: 'tickets.events.v1', partition: 0, offset: '0' }])).toEqual([]);
      let started = false;
      starting = rebuilds.start('admin-1').then(() => {
        started = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(started).toBe(false);
      await live.commitTransaction();
      await starting;
      expect(started).toBe(true);
    } finally {
      if (live.isTransactionActive) await live.rollbackTransaction();
      await live.release();
      await starting?.catch(() => undefined);
    }
    const running = await rebuilds.progress();
    const end = running?.positions.find((p) => p.topic === 'tickets.events.v1' && p.partition === 0)?.endOffset ?? 0n;
    if (running?.status === 'running') expect(await pastItsEnd(rebuilds, 'tickets.events.v1', 0, end)).toBe(true);
    await rebuilds.settled();
    expect((await rebuilds.progress())?.status).toBe('completed');
  }, 90_000);

  it('given two replicas starting while a rebuild runs, then one replays it and the other waits: it swaps in once, each record applied once, and neither fails', async () => {
    const id = randomUUID();
    await db.dataSource.transaction(async (tx) => startRebuild(tx, id, 'admin-1', await topicEnds()));
    const logger = createLogger('reporting', 'silent');
    const errors = jest.spyOn(logger, 'error');
    // A rolling restart, or a replica the autoscaler adds: each finds the rebuild running.
    const replicas = [0, 1].map(() => new RebuildProjections(db.dataSource, kafka, logger, config));
    try {
      await Promise.all(replicas.map((r) => r.onApplicationBootstrap()));
      await eventually(async () => expect(await replicas[0]!.progress()).toMatchObject({ id, status: 'completed' }), 60_000);
      expect(await replicas[0]!.progress()).toMatchObject({ eventsApplied: BigInt(month.events.length), eventsTotal: BigInt(month.events.length) });
      await Promise.all(replicas.map((r) => r.settled()));
    } finally {
      await Promise.all(replicas.map((r) => r.onApplicationShutdown()));
    }
    expect(errors).not.toHaveBeenCalled();
    expect((await kpis()).total).toEqual(NOVEMBER_TOTAL);
  }, 90_000);
});

/** t3 (never resolved in the month) resolved live: its record, its partition and that partition's end, where the record lands. */
function t3ResolvedPastTheEnd(positions: readonly { topic: string; partition: number; endOffset: bigint }[]) {
  const t3 = month.tickets.t3;
  const partition = Partitioners.DefaultPartitioner()({
    topic: 'tickets.events.v1',
    partitionMetadata: [0, 1].map((partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] })),
    message: { key: t3.id, value: null },
  });
  const end = positions.find((p) => p.topic === 'tickets.events.v1' && p.partition === partition)!.endOffset;
  const resolved = ticketEvent(TicketResolvedV1, t3, '2026-11-06T02:00:00.000Z', { resolution: '已答复并致歉', reopenCount: 0, breached: true });
  return { t3, partition, end, resolved };
}

/** Each partition of the test's topics from its first record to its end, as a rebuild starting now reads it. */
async function topicEnds(): Promise<{ topic: string; partition: number; nextOffset: bigint; endOffset: bigint }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await Promise.all(
      ['callbacks.events.v1', 'intake.events.v1', 'tickets.events.v1'].map(async (topic) =>
        (await admin.fetchTopicOffsets(kafka.names.topic(topic))).map((o) => ({ topic, partition: o.partition, nextOffset: BigInt(o.low), endOffset: BigInt(o.high) })),
      ),
    );
    return ends.flat();
  } finally {
    await admin.disconnect();
  }
}

/** Whether a live record of `topic` at `offset` also goes to the running rebuild's shadow tables. */
async function pastItsEnd(rebuilds: RebuildProjections, topic: string, partition: number, offset: bigint): Promise<boolean> {
  const past = await db.dataSource.transaction((tx) => rebuilds.pastItsEnd(tx, [{ topic, partition, offset: String(offset) }]));
  return past.length === 1;
}

const STOPPED = randomUUID();
