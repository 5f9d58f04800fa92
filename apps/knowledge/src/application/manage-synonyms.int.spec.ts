import { DomainError } from '@cs/ddd';
import { ThrowawaySchema, eventually, statementsWaitingForLocks, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { ChineseAnalyzer } from '../infrastructure/search/chinese-analyzer';
import { SynonymRepository } from '../infrastructure/synonym.repository';
import { ManageSynonyms } from './manage-synonyms';

let db: ThrowawaySchema;
let synonyms: ManageSynonyms;

beforeAll(async () => {
  db = await throwawaySchema('knowledge_manage_synonyms', MIGRATIONS);
  synonyms = new ManageSynonyms(db.dataSource, new SynonymRepository(), new ChineseAnalyzer());
});
afterAll(async () => {
  await db?.drop();
});

describe('two admins adding groups that share a term at once', () => {
  it('given both read the groups before either wrote, then one group is added and the other is 409, never the term in two groups', async () => {
    // Writes of the groups wait while reads go on: both additions read the groups, then wait to write.
    const holder = db.dataSource.createQueryRunner();
    await holder.startTransaction();
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      await holder.query('LOCK TABLE synonym_groups IN EXCLUSIVE MODE');
      const both = Promise.allSettled([synonyms.save(undefined, ['电瓶车', '电动车'], 'admin-1'), synonyms.save(undefined, ['电动车', '电单车'], 'admin-2')]);
      await eventually(async () => expect(await statementsWaitingForLocks(db.dataSource)).toBeGreaterThanOrEqual(2));
      await holder.commitTransaction();
      outcomes = await both;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!.reason as unknown;
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('SYNONYM.TERM_IN_OTHER_GROUP');
    const holding = (await synonyms.list()).filter((g) => g.terms.includes('电动车'));
    expect(holding).toHaveLength(1);
  });
});
