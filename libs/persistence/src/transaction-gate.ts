import { type Queryable, execute } from './typed-query';

/**
 * A transaction-level advisory lock that many transactions hold shared and a rare one alone: the
 * one alone waits for every sharer in flight to commit and holds back those after it until it
 * commits, so under read committed each side sees what the other wrote. Released at commit.
 */
export interface TransactionGate {
  shared(tx: Queryable): Promise<void>;
  alone(tx: Queryable): Promise<void>;
}

/** The gate named `name` (its lock number is `hashtext(name)`, shared with no other gate's name). */
export function transactionGate(name: string): TransactionGate {
  const key = `hashtext('${name.replaceAll("'", "''")}')`;
  return {
    shared: (tx) => execute(tx, `SELECT pg_advisory_xact_lock_shared(${key})`),
    alone: (tx) => execute(tx, `SELECT pg_advisory_xact_lock(${key})`),
  };
}
