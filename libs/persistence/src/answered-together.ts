import { holdWrites, type InTransaction } from './sent-ahead';
import { IN_FAILED_SQL_TRANSACTION, sqlStateOf } from './sql-state';

/** The values of `T`'s promises, as Promise.all gives them. */
export type Answers<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/**
 * Issues statements of the transaction of `db` together, because none needs another's answer,
 * and awaits them: the pool's clients pipeline them, so they leave before the first is answered
 * and share a round trip where each had its own (ADR 0191); the connection holds its writes while
 * `issue` sends them, so that they leave in one socket write (ADR 0192). Postgres still runs them
 * one after the other, in the order they reached the connection, which is not always the order
 * given: a caller's wrapper may take a turn longer than another's to send its statement. Its
 * values are in the order given, as Promise.all's.
 *
 * When one fails, those sent after it fail too, as the transaction is aborted (25P02). Their
 * failure can reach here first, since callers' wrappers take their own time to pass an error on,
 * and Promise.all would report whichever came first. This waits for every one to settle (a
 * caller that sends a second statement after its first answer settles a round trip later) and
 * fails with a failure that is not 25P02: the cause rather than its echo.
 *
 * None of the statements may open a savepoint: one issued while a savepoint stands runs inside
 * it, and its locks and writes would go with the savepoint were it rolled back.
 */
export async function answeredTogether<T extends readonly unknown[] | []>(db: InTransaction, issue: () => T): Promise<Answers<T>> {
  holdWrites(db);
  const settled = await Promise.allSettled(issue());
  const failures = settled.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((failure) => sqlStateOf(failure) !== IN_FAILED_SQL_TRANSACTION) ?? failures[0];
  return settled.map((answer) => (answer as PromiseFulfilledResult<unknown>).value) as Answers<T>;
}
