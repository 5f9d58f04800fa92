import type { DataSource, EntityManager } from 'typeorm';
import { isDependencyFailure } from '@cs/platform';

/** One item's work within a batch: in the batch's transaction, or in a savepoint of its own (undefined when it failed and was passed by). */
export type OneOfBatch<K> = <R>(item: K, run: (tx: EntityManager) => Promise<R>) => Promise<R | undefined>;

/**
 * A walk's batch in one transaction, its items run straight in it: a savepoint each would cost
 * every item two statements more (SAVEPOINT, RELEASE) on every sound pass. When the batch fails
 * with a fault (a bug, bad data: not a lost database, which fails the pass), it is rolled back and
 * run once more with each item in a savepoint: one that fails again is rolled back alone, told to
 * `passedBy` and left as it was for the next pass, and the items after it go on, which it would
 * otherwise hold up on every pass.
 */
export async function batchPassingFaultsBy<K, T>(
  dataSource: DataSource,
  work: (tx: EntityManager, one: OneOfBatch<K>) => Promise<T>,
  passedBy: (item: K, error: unknown) => void,
): Promise<T> {
  try {
    return await dataSource.transaction((tx) => work(tx, (_id, run) => run(tx)));
  } catch (error) {
    if (isDependencyFailure(error)) throw error;
  }
  return dataSource.transaction((tx) =>
    work(tx, async (item, run) => {
      try {
        return await tx.transaction(run);
      } catch (error) {
        if (isDependencyFailure(error)) throw error;
        passedBy(item, error);
        return undefined;
      }
    }),
  );
}
