import type { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '@cs/persistence';
import { isDependencyFailure } from '@cs/platform';
import type { CallbackTask } from '../domain/callback-task';
import type { CallbackRepository } from '../infrastructure/callback.repository';

/** Callbacks taken per transaction: a crash loses at most one batch's work, which the next pass redoes. */
const BATCH = 50;

/**
 * Walks the callbacks `find` reads (at most `limit`, in id order after `after`), a batch per
 * transaction, each locked and skipped while a user holds it (taken on the next pass), so a walk
 * over thousands of callbacks never holds one long transaction nor waits on a person. Each in a
 * savepoint: one that fails (a fault, not a lost database) is rolled back alone and told to
 * `passedBy`, left as it was for the next pass, and the walk goes on to the callbacks after it,
 * which it would otherwise hold up on every pass. Returns how many `each` says it changed.
 */
export async function walkCallbacks(
  dataSource: DataSource,
  callbacks: CallbackRepository,
  find: (db: Queryable, limit: number, after?: string) => Promise<string[]>,
  each: (tx: EntityManager, task: CallbackTask) => Promise<boolean>,
  passedBy: (callbackId: string, error: unknown) => void,
): Promise<number> {
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const ids = await find(dataSource.manager, BATCH, after);
    if (ids.length === 0) return changed;
    changed += await dataSource.transaction(async (tx) => {
      let changedHere = 0;
      for (const id of ids) {
        try {
          const changed = await tx.transaction(async (savepoint) => {
            const task = await callbacks.lock(savepoint, id, undefined, true);
            return task !== undefined && (await each(savepoint, task));
          });
          if (changed) changedHere += 1;
        } catch (error) {
          if (isDependencyFailure(error)) throw error;
          passedBy(id, error);
        }
      }
      return changedHere;
    });
    if (ids.length < BATCH) return changed;
    after = ids[ids.length - 1];
  }
}
