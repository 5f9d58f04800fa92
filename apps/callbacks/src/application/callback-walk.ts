import type { DataSource, EntityManager } from 'typeorm';
import type { TellOnCommit } from '@cs/messaging';
import type { Queryable } from '@cs/persistence';
import type { CallbackTask } from '../domain/callback-task';
import type { CallbackRepository } from '../infrastructure/callback.repository';
import { batchPassingFaultsBy } from './batch-passing-faults-by';

/** Callbacks taken per transaction: a crash loses at most one batch's work, which the next pass redoes. */
const BATCH = 50;

/**
 * Walks the callbacks `find` reads (at most `limit`, in id order after `after`), a batch per
 * transaction, each locked and skipped while a user holds it (taken on the next pass), so a walk
 * over thousands of callbacks never holds one long transaction nor waits on a person. One that
 * fails (a fault, not a lost database) is rolled back alone and told to `passedBy`, left as it was
 * for the next pass, and the walk goes on to the callbacks after it (batchPassingFaultsBy).
 * What `each` tells `onCommit` is told once its batch committed. Returns how many `each` says it changed.
 */
export async function walkCallbacks(
  dataSource: DataSource,
  callbacks: CallbackRepository,
  find: (db: Queryable, limit: number, after?: string) => Promise<string[]>,
  each: (tx: EntityManager, task: CallbackTask, onCommit: TellOnCommit) => Promise<boolean>,
  passedBy: (callbackId: string, error: unknown) => void,
): Promise<number> {
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const ids = await find(dataSource.manager, BATCH, after);
    if (ids.length === 0) return changed;
    changed += await batchPassingFaultsBy<string, number>(
      dataSource,
      async (_tx, one) => {
        let changedHere = 0;
        for (const id of ids) {
          const changedOne = await one(id, async (tx, onCommit) => {
            const task = await callbacks.lock(tx, id, undefined, true);
            return task !== undefined && (await each(tx, task, onCommit));
          });
          if (changedOne === true) changedHere += 1;
        }
        return changedHere;
      },
      passedBy,
    );
    if (ids.length < BATCH) return changed;
    after = ids[ids.length - 1];
  }
}
