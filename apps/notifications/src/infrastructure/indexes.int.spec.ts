import { randomUUID } from 'node:crypto';
import type { Queryable } from '@cs/persistence';
import { ThrowawaySchema, recordingQueries, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from './migrations';
import { NotificationRepository } from './notification.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('notifications_indexes', MIGRATIONS);
});

afterAll(async () => {
  await db?.drop();
});

/**
 * How Postgres would run the statement `run` sends with sequential scans and sorts priced out: a
 * test's table holds a handful of rows, which the planner rightly reads whole and sorts. What is
 * asked is whether an index can hand a page over in its order at all.
 */
async function planInIndexOrder(run: (db: Queryable) => Promise<unknown>): Promise<string> {
  const { db: recording, statements } = recordingQueries(db.dataSource);
  await run(recording);
  const [statement] = statements;
  if (!statement) throw new Error('no statement');
  const runner = db.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    await runner.query('SET LOCAL enable_sort = off');
    const rows = (await runner.query(`EXPLAIN (COSTS OFF) ${statement.sql}`, statement.parameters)) as { 'QUERY PLAN': string }[];
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

describe('a subscription’s delivery log', () => {
  it('Given months of deliveries, When a page is read (the first, a later one, the failed ones), Then an index of the subscription’s deliveries hands it over in order, not every delivery read and sorted', async () => {
    const log = new WebhookDeliveryRepository();
    const subscriptionId = randomUUID();
    for (const query of [{ limit: 51 }, { limit: 51, beforeSeq: 1_000 }, { limit: 51, status: 'failed' as const }]) {
      const plan = await planInIndexOrder((q) => log.page(q, subscriptionId, query));
      expect({ query, plan }).toEqual({ query, plan: expect.stringMatching(/Index Scan Backward using \w+ on webhook_deliveries\n\s+Index Cond: \(\(?subscription_id = /) });
      expect({ query, plan }).toEqual({ query, plan: expect.not.stringMatching(/Sort/) });
    }
  });
});

describe('a reader’s unread count', () => {
  it('Given read marks of many readers, When one reader’s unread notifications are counted, Then their own marks are read by the index of a reader’s marks, not every reader’s marks read', async () => {
    const reader = { sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] };
    const plan = await planInIndexOrder((q) => new NotificationRepository().unreadCount(q, reader, [], 1_000));
    expect(plan).toMatch(/(using|on) notification_reads_user_idx( on notification_reads r)?\n\s+Index Cond: \(user_id = /);
  });
});
