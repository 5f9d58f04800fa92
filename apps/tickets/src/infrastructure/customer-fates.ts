import { Type } from '@sinclair/typebox';
import { type Queryable, execute, rememberMergedCustomer, selectRows, transactionGate } from '@cs/persistence';

/** Opening contacts' tickets for their customers (shared) against a merge or an erasure of customers (alone). */
const CUSTOMER_FATES = transactionGate('tickets.customer-fates');

/**
 * Held, shared, before contacts' tickets are opened for their customers or followed up, and before
 * any ticket row is locked: a merge or an erasure takes it first too, then locks the customer's
 * tickets, so the two never wait on each other in opposite orders. A merge or an erasure
 * holds it alone, so it sees every ticket opened before it, and an opening after it sees the merge
 * or the erasure: under read committed, each side otherwise missed what the other had not
 * committed yet, leaving a ticket under a merged-away id or an erased customer's name.
 * Held alone instead when the transaction goes on to merge or erase customers (`mergingLater`):
 * it would take it alone then, and two transactions each holding it shared while waiting to hold
 * it alone deadlocked.
 */
export const holdToOpen = (tx: Queryable, mergingLater = false): Promise<void> => CUSTOMER_FATES.hold(tx, mergingLater);

/** Held alone by a merge or an erasure of customers, before it moves or wipes their tickets (see holdToOpen). */
export const holdToMergeOrErase = (tx: Queryable): Promise<void> => CUSTOMER_FATES.alone(tx);

/** 合并重复客户 — remembered for contacts of the duplicate arriving after the merge; returns whom its tickets go to. */
export function rememberMerged(tx: Queryable, duplicateId: string, survivorId: string, at: Date): Promise<string> {
  return rememberMergedCustomer(tx, duplicateId, survivorId, at);
}

/** PIPL erasure — remembered, with the pseudonym, for contacts of the customer arriving after it. */
export async function rememberErased(tx: Queryable, customerId: string, pseudonym: string, at: Date): Promise<void> {
  await execute(
    tx,
    'INSERT INTO erased_customers (customer_id, pseudonym, erased_at) VALUES ($1, $2, $3) ON CONFLICT (customer_id) DO UPDATE SET pseudonym = EXCLUDED.pseudonym',
    [customerId, pseudonym, at],
  );
}

/** A customer as they stand: the survivor of a merge, and the pseudonym when they were erased. */
export interface CustomerAsTheyStand {
  readonly customerId: string;
  readonly erasedAs?: string;
}

const FateRow = Type.Object({ named: Type.String(), customer_id: Type.String(), pseudonym: Type.Union([Type.String(), Type.Null()]) });

/**
 * Of these customers, those merged away or erased, by the id named (lower case): one statement
 * for a consumer transaction's contacts. The others are absent: they stand as named.
 */
export async function customersAsTheyStand(db: Queryable, customerIds: readonly string[]): Promise<Map<string, CustomerAsTheyStand>> {
  if (customerIds.length === 0) return new Map();
  const rows = await selectRows(
    db,
    FateRow,
    `SELECT named.id::text AS named, s.id::text AS customer_id, e.pseudonym
       FROM unnest($1::uuid[]) AS named(id)
       LEFT JOIN merged_customers m ON m.customer_id = named.id
       CROSS JOIN LATERAL (SELECT coalesce(m.survivor_id, named.id) AS id) s
       LEFT JOIN erased_customers e ON e.customer_id = s.id
      WHERE m.customer_id IS NOT NULL OR e.customer_id IS NOT NULL`,
    [[...new Set(customerIds)]],
  );
  return new Map(rows.map((r) => [r.named, { customerId: r.customer_id, ...(r.pseudonym !== null ? { erasedAs: r.pseudonym } : {}) }]));
}

/** The pseudonym the customer was erased under (reached through a merge too); undefined when they were not. */
export async function pseudonymIfErased(db: Queryable, customerId: string): Promise<string | undefined> {
  return (await customersAsTheyStand(db, [customerId])).get(customerId.toLowerCase())?.erasedAs;
}
