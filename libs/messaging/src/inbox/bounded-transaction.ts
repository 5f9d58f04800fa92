import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { type Closable, cutOff } from '@cs/persistence';
import { settleWithin } from '../settle-within';

/** A consumer transaction whose handlers were still running when its time ran out. */
export class HandlerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the event's handlers did not finish within ${timeoutMs} ms (CONSUMER_HANDLER_TIMEOUT_MS)`);
    this.name = 'HandlerTimeoutError';
  }
}

/**
 * Runs `work` in a transaction that fails with {@link HandlerTimeoutError} once `timeoutMs` pass
 * before it finishes. Each statement has its own timeout, but a handler awaiting something else
 * (a promise that never settles, a slow call to another system) would hold the partition, and the
 * transaction, for ever. The work cannot be stopped, so its connection is: closed rather than
 * rolled back, Postgres rolls the transaction back, and whatever the work still sends on it later
 * fails instead of being written outside the transaction (a ROLLBACK would leave the connection
 * open, in the pool, for the late statements to autocommit). `onTimeout` is told as the time runs
 * out, before the wait for the connection to close, during which the work may still go on.
 */
export async function transactionWithin<T>(dataSource: DataSource, timeoutMs: number, work: (tx: EntityManager) => Promise<T>, onTimeout?: () => void): Promise<T> {
  const runner = dataSource.createQueryRunner();
  let timedOut = false;
  try {
    await runner.startTransaction();
    const working = work(runner.manager);
    if (!(await settleWithin(working, timeoutMs))) {
      timedOut = true;
      onTimeout?.();
      throw new HandlerTimeoutError(timeoutMs);
    }
    const result = await working;
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (!timedOut && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    if (timedOut) await closeConnection(runner);
    await runner.release();
  }
}

/** How long a timed-out transaction waits for its connection to close before going on. */
const CLOSE_WAIT_MS = 1_000;

/**
 * Closes the runner's connection, a statement still waited for cut off, which its pool then drops
 * when the runner is released instead of handing it out again.
 */
async function closeConnection(runner: QueryRunner): Promise<void> {
  const connection: unknown = await runner.connect();
  // Ending waits for the server to close its side, which a server that stopped answering never
  // does; the pool drops a connection being ended whether or not it has.
  if (isClosable(connection)) await settleWithin(cutOff(connection), CLOSE_WAIT_MS);
}

function isClosable(connection: unknown): connection is Closable {
  return typeof connection === 'object' && connection !== null && 'end' in connection && typeof connection.end === 'function';
}
