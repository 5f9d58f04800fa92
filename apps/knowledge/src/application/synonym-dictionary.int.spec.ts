import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { SynonymRepository } from '../infrastructure/synonym.repository';
import { SynonymDictionary } from './synonym-dictionary';

let db: ThrowawaySchema;
const repository = new SynonymRepository();
const analyzer = new ChineseAnalyzer();

beforeAll(async () => {
  db = await throwawaySchema('knowledge_synonym_dictionary', MIGRATIONS);
});
afterAll(async () => {
  await db?.drop();
});

const addGroup = (terms: readonly string[]) =>
  db.dataSource.query(`INSERT INTO synonym_groups (id, terms, updated_by, updated_at) VALUES (gen_random_uuid(), $1, 'ops', now())`, [terms]);

describe('the synonym groups a process expands queries with', () => {
  it('given any statement writing the groups, then their version rises once per statement, TRUNCATE included', async () => {
    const { version: before } = await repository.dictionary(db.dataSource.manager);
    await addGroup(['信报箱', '信箱']);
    await db.dataSource.query(`UPDATE synonym_groups SET updated_by = 'ops-2'`);
    const { version: after, groups } = await repository.dictionary(db.dataSource.manager);
    expect(after).toBe(before + 2n);
    expect(groups).toContainEqual(['信报箱', '信箱']);
    // Emptied in a transaction rolled back after, so the groups stay for the next test.
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('TRUNCATE synonym_groups');
      const { version, groups: emptied } = await repository.dictionary(runner.manager);
      expect({ version, emptied }).toEqual({ version: after + 1n, emptied: [] });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('given searches that saw a newer version at the same moment, then the groups are read once and every one gets them', async () => {
    const dictionary = new SynonymDictionary(db.dataSource, repository, analyzer);
    const held = await dictionary.current();
    await addGroup(['毛孩子', '宠物']);
    const reads = jest.spyOn(repository, 'dictionary');
    const seen = held.version + 1n;
    const got = await Promise.all([1, 2, 3, 4, 5].map(() => dictionary.atLeast(seen)));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(got.map((d) => d.version)).toEqual(Array(5).fill(seen));
    expect(got[0]?.synonyms.get('毛孩子')).toEqual(['毛孩子', '宠物']);
    expect(analyzer.words('我家毛孩子')).toContain('毛孩子');
    await dictionary.atLeast(seen);
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
