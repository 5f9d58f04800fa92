import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from './migrations';
import { ReviewRepository } from './review.repository';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('knowledge_review_repository', MIGRATIONS);
});
afterAll(async () => {
  await db?.drop();
});

describe('settling the reviews of an answer', () => {
  it('reads its open reviews from their index, not the whole table', async () => {
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const recording = {
      query: (sql: string, parameters: unknown[] = []) => {
        statements.push({ sql, parameters });
        return db.dataSource.query(sql, parameters);
      },
    };
    await new ReviewRepository().resolve(recording as unknown as EntityManager, randomUUID(), new Date());
    const [update] = statements;
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // An empty table: without this the planner rightly reads the table itself.
      await runner.query('SET LOCAL enable_seqscan = off');
      const plan = ((await runner.query(`EXPLAIN (COSTS OFF) ${update!.sql}`, update!.parameters)) as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan using answer_reviews_open_by_answer/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
