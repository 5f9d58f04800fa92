import { randomUUID } from 'node:crypto';
import { loadServiceConfig } from '@cs/config';
import { createKafka } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { advance, startRebuild } from '../infrastructure/rebuild.repository';
import { created, ticket } from '../testing/event-builders';
import { RebuildProjections } from './rebuild-projections';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_rebuild_offsets', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

/** One rebuild runs at a time: each test starts its own. */
const endRunning = () => db.dataSource.query(`UPDATE projection_rebuilds SET status = 'completed', finished_at = now() WHERE status = 'running'`);

/** Neither asking about live records nor reading progress talks to Kafka. */
const rebuilder = () =>
  new RebuildProjections(
    db.dataSource,
    createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(','), clientId: 'rebuild-offsets-test' }),
    createLogger('reporting', 'silent'),
    loadServiceConfig('reporting', { NODE_ENV: 'test' }),
  );

describe('a rebuild of topics whose offsets are past 2^31', () => {
  it('given a rebuild running, then live transactions still learn which of their records go to the shadow tables, and its progress reads', async () => {
    // Years of a busy topic: offsets past what a 32-bit integer holds, and more records to replay than it holds too.
    const finished = { topic: 'tickets.events.v1', partition: 0, nextOffset: 3_000_000_000n, endOffset: 3_000_000_000n };
    const replaying = { topic: 'tickets.events.v1', partition: 1, nextOffset: 0n, endOffset: 2_500_000_000n };
    const id = randomUUID();
    await endRunning();
    await db.dataSource.transaction((tx) => startRebuild(tx, id, 'admin-1', [finished, replaying]));
    const rebuilds = rebuilder();
    const event = created(ticket({ itemCode: 'repair.water', projectCode: 'P001', channel: 'phone', ownerId: 'agent-1', openedAt: '2026-11-02T02:00:00.000Z' }));
    const at = (p: typeof finished, offset: string) => ({ topic: p.topic, partition: p.partition, offset, event });

    const now = await db.dataSource.transaction((tx) =>
      rebuilds.forShadow(tx, [at(finished, '2999999999'), at(finished, '3000000000'), at(replaying, '2499999999'), at(replaying, '2500000000')]),
    );

    expect(now.map((e) => [e.partition, e.offset])).toEqual([[0, '3000000000']]);
    expect(await db.dataSource.query('SELECT partition, "offset"::text AS "offset" FROM projection_rebuild_held_events')).toEqual([{ partition: 1, offset: '2500000000' }]);
    expect(await rebuilds.progress()).toMatchObject({ id, status: 'running', eventsTotal: 2_500_000_000n, eventsApplied: 0n, positions: [finished, replaying] });
  });
});

describe('a rebuild of topics whose offsets are past 2^53', () => {
  it('given a partition whose offsets a number cannot hold, then its position is stored, moved, compared and shown exactly', async () => {
    // 2^53 + 1, the first offset a number rounds (to 2^53); the end is the last offset Kafka and a bigint column hold (2^63 − 1).
    const replaying = { topic: 'tickets.events.v1', partition: 2, nextOffset: 9_007_199_254_740_993n, endOffset: 9_223_372_036_854_775_807n };
    const id = randomUUID();
    await endRunning();
    await db.dataSource.transaction((tx) => startRebuild(tx, id, 'admin-1', [replaying]));
    const rebuilds = rebuilder();
    expect(await rebuilds.progress()).toMatchObject({ id, eventsTotal: 9_214_364_837_600_034_814n, eventsApplied: 0n, positions: [replaying] });

    await db.dataSource.transaction((tx) => advance(tx, id, replaying.topic, replaying.partition, replaying.nextOffset));
    const event = created(ticket({ itemCode: 'repair.water', projectCode: 'P001', channel: 'phone', ownerId: 'agent-1', openedAt: '2026-11-02T02:00:00.000Z' }));
    const at = (offset: string) => ({ topic: replaying.topic, partition: replaying.partition, offset, event });
    const held = await db.dataSource.transaction(async (tx) => {
      await rebuilds.forShadow(tx, [at('9223372036854775806'), at('9223372036854775807')]);
      return tx.query(`SELECT "offset"::text AS "offset" FROM projection_rebuild_held_events WHERE rebuild_id = $1`, [id]);
    });

    expect(held).toEqual([{ offset: '9223372036854775807' }]);
    expect(await rebuilds.progress()).toMatchObject({ eventsApplied: 1n, positions: [{ ...replaying, nextOffset: 9_007_199_254_740_994n }] });
  });
});
