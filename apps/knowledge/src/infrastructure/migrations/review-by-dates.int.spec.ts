import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { publishedAnswerReviewedBy } from './published-answer.support.spec';
import { ReviewByDatesThatExist1766500000000 } from './1766500000000-review-by-dates-that-exist';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('knowledge_review_by_dates', MIGRATIONS.filter((m) => m !== ReviewByDatesThatExist1766500000000));
});

afterAll(async () => {
  await db?.drop();
});

const answerReviewedBy = (reviewBy: string | undefined): Promise<string> => publishedAnswerReviewedBy(db, reviewBy);

describe('migration 1766500000000 (review-by dates that exist)', () => {
  it('given review-by dates that are no dates, then they are cleared from working copies and versions; real ones, leap days included, stay', async () => {
    const values = ['2027-02-30', '2027-13-45', '2027-04-31', '2027-02-29', '0000-01-01', '2027-06-30', '2028-02-29', undefined];
    const ids = await Promise.all(values.map(answerReviewedBy));
    await applyMigration(db, ReviewByDatesThatExist1766500000000);
    const kept = async (table: 'answers' | 'answer_versions', key: 'id' | 'answer_id') => {
      const rows = (await db.dataSource.query(`SELECT ${key}::text AS id, content->>'reviewBy' AS review_by FROM ${table}`)) as { id: string; review_by: string | null }[];
      const byId = new Map(rows.map((r) => [r.id, r.review_by]));
      return ids.map((id) => byId.get(id));
    };
    const expected = [null, null, null, null, null, '2027-06-30', '2028-02-29', null];
    expect(await kept('answers', 'id')).toEqual(expected);
    expect(await kept('answer_versions', 'answer_id')).toEqual(expected);
  });
});
