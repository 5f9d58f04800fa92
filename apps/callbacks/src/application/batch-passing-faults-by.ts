import type { DataSource, EntityManager } from 'typeorm';
import type { TellOnCommit } from '@cs/messaging';
import { inSavepoint } from '@cs/persistence';
import { isDependencyFailure } from '@cs/platform';

/**
 * One item's work within a batch: in the batch's transaction, or in a savepoint of its own
 * (undefined when it failed and was passed by). What it tells `onCommit` is told once the batch
 * committed, dropped when the batch or the item's savepoint is rolled back.
 */
export type OneOfBatch<K> = <R>(item: K, run: (tx: EntityManager, onCommit: TellOnCommit) => Promise<R>) => Promise<R | undefined>;

/**
 * A walk's batch in one transaction, its items run straight in it: a savepoint each would cost
 * every item two statements more (SAVEPOINT, RELEASE) on every sound pass. When the batch fails
 * with a fault (a bug, bad data: not a lost database, which fails the pass), it is rolled back and
 * run once more with each item in a savepoint: one that fails again is rolled back alone, told to
 * `passedBy` and left as it was for the next pass, and the items after it go on, which it would
 * otherwise hold up on every pass. What the items tell `onCommit` is told once the batch committed,
 * of the run that did.
 */
export async function batchPassingFaultsBy<K, T>(
  dataSource: DataSource,
  work: (tx: EntityManager, one: OneOfBatch<K>) => Promise<T>,
  passedBy: (item: K, error: unknown) => void,
): Promise<T> {
  const straight: (() => void)[] = [];
  let done: T;
  try {
    done = await dataSource.transaction((tx) => work(tx, (_item, run) => run(tx, (tell) => straight.push(tell))));
  } catch (error) {
    if (isDependencyFailure(error)) throw error;
    return oneByOne(dataSource, work, passedBy);
  }
  for (const tell of straight) tell();
  return done;
}

async function oneByOne<K, T>(dataSource: DataSource, work: (tx: EntityManager, one: OneOfBatch<K>) => Promise<T>, passedBy: (item: K, error: unknown) => void): Promise<T> {
  const kept: (() => void)[] = [];
  const done = await dataSource.transaction((tx) =>
    work(tx, async (item, run) => {
      const told: (() => void)[] = [];
      try {
        const result = await inSavepoint(tx, (savepoint) => run(savepoint, (tell) => told.push(tell)));
        kept.push(...told);
        return result;
      } catch (error) {
        if (isDependencyFailure(error)) throw error;
        passedBy(item, error);
        return undefined;
      }
    }),
  );
  for (const tell of kept) tell();
  return done;
}
