import type { DataSource, EntityManager } from 'typeorm';
import { type TellOnCommit, ToldOnCommit } from '@cs/messaging';

/**
 * Runs `work` in one transaction of `dataSource` and tells what it gave `onCommit` once that
 * committed, dropping it if it rolled back: as a consumer runs a handler (InboxContext.tellOnCommit).
 */
export async function transactionTellingOnCommit<T>(dataSource: DataSource, work: (tx: EntityManager, onCommit: TellOnCommit) => Promise<T>): Promise<T> {
  const told = new ToldOnCommit();
  const done = await dataSource.transaction((tx) => work(tx, told.add));
  told.tell();
  return done;
}
