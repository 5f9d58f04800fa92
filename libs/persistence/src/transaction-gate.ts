import { advisoryLockKey } from './advisory-locks';
import { type InTransaction, sendAhead } from './sent-ahead';

/**
 * A transaction-level advisory lock that many transactions hold shared and a rare one alone: the
 * one alone waits for every sharer in flight to commit and holds back those after it until it
 * commits, so under read committed each side sees what the other wrote. Released at commit.
 */
export interface TransactionGate {
  shared(tx: InTransaction): Promise<void>;
  alone(tx: InTransaction): Promise<void>;
  /**
   * Shared, or alone when `alone`: a transaction that will take the gate alone later (it also
   * merges or erases) takes it alone from the first, as two holding it shared while each waited
   * to hold it alone would deadlock.
   */
  hold(tx: InTransaction, alone: boolean): Promise<void>;
}

/**
 * The gate named `name`: its lock is the gates' class with `hashtext(name)` (ADR 0108), then the
 * one-number `hashtext(name)` the previous release took alone. A replica of that release still
 * running during a rollout takes only the latter, and a gate that skipped it would let its writes
 * pass a new replica's `alone`; the second lock goes once no such replica can be left.
 */
export function transactionGate(name: string): TransactionGate {
  const literal = `'${name.replaceAll("'", "''")}'`;
  const key = advisoryLockKey('transactionGate', literal);
  const previousKey = `hashtext(${literal})`;
  // Sent ahead (ADR 0189): the transaction's next statement runs once the lock is granted, and nothing else waits on it.
  const shared = (tx: InTransaction): Promise<void> => sendAhead(tx, `SELECT pg_advisory_xact_lock_shared(${key}), pg_advisory_xact_lock_shared(${previousKey})`);
  const alone = (tx: InTransaction): Promise<void> => sendAhead(tx, `SELECT pg_advisory_xact_lock(${key}), pg_advisory_xact_lock(${previousKey})`);
  return { shared, alone, hold: (tx, takeAlone) => (takeAlone ? alone(tx) : shared(tx)) };
}
