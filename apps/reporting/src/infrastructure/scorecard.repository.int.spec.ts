import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
import { monthPeriod } from '../domain/period';
import { MIGRATIONS } from './migrations';
import { insertPraise, praiseIn } from './scorecard.repository';

const NOVEMBER = monthPeriod('2026-11', 'Asia/Shanghai');

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('reporting_scorecard_reads', MIGRATIONS);
  // Praise of several agents and months, the month read and those either side of it.
  for (const [n, receivedAt] of ['2026-10-20T02:00:00Z', '2026-11-03T02:00:00Z', '2026-11-18T09:00:00Z', '2026-12-02T02:00:00Z'].entries()) {
    await db.dataSource.transaction((tx) =>
      insertPraise(tx, { id: randomUUID(), agentId: `agent-${n % 2}`, reason: '业主来电表扬服务耐心', ticketId: null, projectCode: 'P001', receivedAt: new Date(receivedAt), recordedBy: 'quality-1' }),
    );
  }
});

afterAll(async () => {
  await db?.drop();
});

/** How Postgres would run the praise read, with sequential scans priced out: what is asked is whether an index bounds it by the period. */
async function planOfPraiseIn(agent: string | undefined, scope: readonly string[] | undefined): Promise<string> {
  const { db: recording, statements } = recordingQueries(db.dataSource);
  await praiseIn(recording, NOVEMBER, agent, scope);
  return planWithoutSequentialScans(db.dataSource, statements.at(-1)!);
}

describe('reading a month of praise', () => {
  it('given no agent named (scorecards, the praise list), then the month is read through the index by time, not every row nor every agent’s', async () => {
    expect((await praiseIn(db.dataSource.manager, NOVEMBER, undefined, undefined)).map((p) => p.receivedAt.toISOString())).toEqual([
      '2026-11-03T02:00:00.000Z',
      '2026-11-18T09:00:00.000Z',
    ]);
    for (const scope of [undefined, ['P001']]) {
      const plan = await planOfPraiseIn(undefined, scope);
      expect(plan).toMatch(/Index (Only )?Scan using praise_received_at_idx|Bitmap Index Scan on praise_received_at_idx/);
      expect(plan).toMatch(/Index Cond: \(\(received_at >= .*\) AND \(received_at < .*\)\)/);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });

  it('given an agent named, then their month is read through the index by agent', async () => {
    expect(await praiseIn(db.dataSource.manager, NOVEMBER, 'agent-1', undefined)).toHaveLength(1);
    expect(await planOfPraiseIn('agent-1', undefined)).toMatch(/Index Cond: \(\(agent_id = 'agent-1'::text\) AND \(received_at >= .*\)\)/);
  });
});
