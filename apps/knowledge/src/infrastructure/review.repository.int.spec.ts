import { randomUUID } from 'node:crypto';
import { ThrowawaySchema, planWithoutSequentialScans, recordingQueries, throwawaySchema } from '@cs/testing';
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
    const recording = recordingQueries(db.dataSource);
    await new ReviewRepository().resolve(recording.db, randomUUID(), new Date());
    expect(await planWithoutSequentialScans(db.dataSource, recording.statements[0]!)).toMatch(/Index Scan using answer_reviews_open_by_answer/);
  });
});
