import { ThrowawaySchema, applyMigration, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '.';
import { publishedAnswerReviewedBy } from './published-answer.support.spec';
import { VersionReviewBy1766630000000, VersionReviewByFilled1766635000000 } from './1766630000000-version-review-by';

let db: ThrowawaySchema;

beforeAll(async () => {
  db = await throwawaySchema('knowledge_version_review_by', MIGRATIONS.slice(0, MIGRATIONS.indexOf(VersionReviewBy1766630000000)));
});

afterAll(async () => {
  await db?.drop();
});

const versionReviewedBy = (reviewBy: string | undefined): Promise<string> => publishedAnswerReviewedBy(db, reviewBy);

const reviewByOf = async (ids: readonly string[]): Promise<(string | null)[]> => {
  const rows = (await db.dataSource.query(`SELECT answer_id::text AS id, to_char(review_by, 'YYYY-MM-DD') AS review_by FROM answer_versions`)) as { id: string; review_by: string | null }[];
  const byId = new Map(rows.map((r) => [r.id, r.review_by]));
  return ids.map((id) => byId.get(id) ?? null);
};

describe('migrations 1766630000000 and 1766635000000 (a version’s review-by date in a column)', () => {
  it('given versions published before, then each holds its review-by date once filled, one that is no date none; a version published after holds its own as it is written', async () => {
    const before = await Promise.all(['2027-06-30', '2028-02-29', '2027-02-30', undefined].map(versionReviewedBy));
    await applyMigration(db, VersionReviewBy1766630000000);
    await applyMigration(db, VersionReviewByFilled1766635000000);
    expect(await reviewByOf(before)).toEqual(['2027-06-30', '2028-02-29', null, null]);

    const after = await Promise.all(['2027-09-01', '2027-04-31'].map(versionReviewedBy));
    expect(await reviewByOf(after)).toEqual(['2027-09-01', null]);
  });
});
