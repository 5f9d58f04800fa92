import { sqlStateOf } from './sql-state';

/** SQLSTATE in_failed_sql_transaction: what Postgres answers a statement sent after one that aborted its transaction. */
const IN_FAILED_TRANSACTION = '25P02';

/** The values of `T`'s promises, as Promise.all gives them. */
export type Answers<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };

/**
 * Awaits statements of one transaction that were issued together because none needs another's
 * answer: the pool's clients pipeline them, so they leave before the first is answered and cost
 * one round trip instead of one each (ADR 0191). Postgres still runs them one after the other,
 * in the order sent, as if each had been awaited.
 *
 * When one fails, those sent after it fail too, as the transaction is aborted (25P02). Their
 * failure can reach here first, since callers' wrappers take their own time to pass an error on,
 * and Promise.all would report whichever came first; this waits for every answer (all come in
 * the same round trip) and fails with one that is not 25P02, the cause rather than its echo.
 *
 * None of the statements may open a savepoint: one issued while a savepoint stands runs inside
 * it, and its locks and writes would go with the savepoint were it rolled back.
 */
export async function answeredTogether<T extends readonly unknown[] | []>(statements: T): Promise<Answers<T>> {
  const settled = await Promise.allSettled(statements);
  const failures = settled.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((failure) => sqlStateOf(failure) !== IN_FAILED_TRANSACTION) ?? failures[0];
  return settled.map((answer) => (answer as PromiseFulfilledResult<unknown>).value) as Answers<T>;
}
