import { type Queryable, transactionGate } from '@cs/persistence';

/** Writing what follows a customer as they stand (shared) against a merge or an erasure of customers (alone). */
const CUSTOMER_COPIES = transactionGate('intake.customer-copies');

/**
 * Held, shared, before a consumer transaction writes anything under the customer an event names,
 * as that customer stands (a completed callback or a ticket under the survivor of a merged record,
 * a need raised on a callback as a contact of theirs), and before it locks any row of intake's
 * copies. A merge or an erasure holds it alone, first, so it moves or wipes everything written
 * before it, and what is written after it sees the merge or the erasure: under read committed,
 * each side otherwise missed what the other had not committed yet, leaving a callback, a need or
 * a ticket under a record merged away (the survivor's desk and next call missed them) or what an
 * erased customer said on a callback.
 */
export const holdToFollow = (tx: Queryable): Promise<void> => CUSTOMER_COPIES.shared(tx);

/** Held alone by a merge or an erasure of customers, before any phone or customer it locks (see holdToFollow). */
export const holdToMergeOrErase = (tx: Queryable): Promise<void> => CUSTOMER_COPIES.alone(tx);
