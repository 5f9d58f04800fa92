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
    const got = await Promise.all([1, 2, 3, 4, 5].map(() => dictionary.of(seen)));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(got.map((d) => d.version)).toEqual(Array(5).fill(seen));
    expect(got[0]?.synonyms.get('毛孩子')).toEqual(['毛孩子', '宠物']);
    expect(analyzer.words('我家毛孩子')).toContain('毛孩子');
    await dictionary.of(seen);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
  });

  it('given the version row deleted by hand, then the groups still read (version 0) and the next write makes the row again, which a process holding a later version follows', async () => {
    const dictionary = new SynonymDictionary(db.dataSource, repository, analyzer);
    const held = await dictionary.current();
    expect(held.version).toBeGreaterThan(1n);
    await db.dataSource.query('DELETE FROM synonym_dictionary');
    const withoutRow = await repository.dictionary(db.dataSource.manager);
    expect(withoutRow.version).toBe(0n);
    expect(withoutRow.groups).toContainEqual(['毛孩子', '宠物']);
    await addGroup(['垃圾房', '垃圾站']);
    const reset = await dictionary.of(1n);
    expect(reset.version).toBe(1n);
    expect(reset.synonyms.get('垃圾站')).toEqual(['垃圾房', '垃圾站']);
  });

  it('given the read failing, then every search waiting on it fails with the error, and the next read succeeds', async () => {
    const dictionary = new SynonymDictionary(db.dataSource, repository, analyzer);
    const held = await dictionary.current();
    await db.dataSource.query('ALTER TABLE synonym_groups RENAME TO synonym_groups_away');
    try {
      const results = await Promise.allSettled([1, 2, 3].map(() => dictionary.of(held.version + 1n)));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toContain('synonym_groups');
    } finally {
      await db.dataSource.query('ALTER TABLE synonym_groups_away RENAME TO synonym_groups');
    }
    await addGroup(['快递', '包裹']);
    const recovered = await dictionary.of(held.version + 1n);
    expect(recovered.synonyms.get('包裹')).toEqual(['快递', '包裹']);
  });
});
