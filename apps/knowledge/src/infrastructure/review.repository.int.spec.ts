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

describe('the open reviews of a page of change notices', () => {
  it('are read in one statement from their index, not the whole table', async () => {
    const recording = recordingQueries(db.dataSource);
    await new ReviewRepository().openOfNotices(recording.db, [randomUUID(), randomUUID()], ['P001'], 500);
    expect(recording.statements).toHaveLength(1);
    expect(await planWithoutSequentialScans(db.dataSource, recording.statements[0]!)).toMatch(/Index Scan using answer_reviews_open_by_notice/);
  });
});

describe('the overdue timer’s round', () => {
  it('finds the versions in force past their review-by date by the date’s index, not by reading every answer in force with its content', async () => {
    const recording = recordingQueries(db.dataSource);
    await new ReviewRepository().flagPastReviewBy(recording.db, new Date());
    const plan = await planWithoutSequentialScans(db.dataSource, recording.statements[0]!);
    expect(plan).toMatch(/answer_versions_review_by_idx/);
    expect(recording.statements[0]!.sql).not.toMatch(/content/);
  });
});
