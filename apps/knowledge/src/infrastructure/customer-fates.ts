import { type Queryable, execute, transactionGate } from '@cs/persistence';
import { WORDLESS_CONSULTATION } from '../domain/gap';

/** Keeping what a customer asked (shared) against a merge or an erasure of customers (alone). */
const CUSTOMER_FATES = transactionGate('knowledge.customer-fates');

/**
 * Held, shared, before a transaction writes a ticket's demand or a gap's sample from it, and before
 * it reads the demand to do so: an erasure or a merge holds it alone, so it sees every demand and
 * gap written before it, and a write after it sees the erasure or the merge. Under read committed,
 * each side otherwise missed what the other had not committed yet, keeping an erased customer's
 * words. Taken before any of the tickets' rows, as an erasure takes it before it wipes them.
 * Held alone instead when the consumer transaction goes on to merge or erase customers
 * (`mergingLater`): it would take it alone then, and two transactions each holding it shared while
 * waiting to hold it alone deadlocked.
 */
export const holdToKeepWords = (tx: Queryable, mergingLater = false): Promise<void> => CUSTOMER_FATES.hold(tx, mergingLater);

/** Held alone by a merge or an erasure of customers, before it moves or wipes what they asked (see holdToKeepWords). */
export const holdToMergeOrErase = (tx: Queryable): Promise<void> => CUSTOMER_FATES.alone(tx);

/**
 * SQL of a ticket's customer as they stand, from the customer `named` by its event: the survivor
 * when they were merged away (an event published before the merge names the duplicate).
 */
export const customerAsTheyStand = (named: string): string => `coalesce((SELECT m.survivor_id FROM merged_customers m WHERE m.customer_id = ${named}), ${named})`;

/** SQL: whether the customer (as they stand) was erased. */
export const customerErased = (customer: string): string => `EXISTS (SELECT 1 FROM erased_customers e WHERE e.customer_id = ${customer})`;

/** The duplicate's tickets are the survivor's: an erasure of the survivor then reaches them. */
export async function moveTicketsOfCustomer(tx: Queryable, fromCustomerId: string, toCustomerId: string): Promise<void> {
  await execute(tx, 'UPDATE ticket_suggestions SET customer_id = $2 WHERE customer_id = $1', [fromCustomerId, toCustomerId]);
}

/**
 * PIPL erasure: what the customer asked on each of their tickets (the demand, redacted of numbers
 * only, names and rooms left) is wiped, and so is the sample of a gap their question opened, with
 * the words it was matched by: it reads as a consultation whose question is not known. Counts,
 * items and the answers suggested (no words) stay. Only rows still holding words are written, so
 * an erasure told again writes nothing.
 */
export async function forgetWhatCustomerAsked(tx: Queryable, customerId: string): Promise<void> {
  await execute(
    tx,
    `WITH asked AS (SELECT ticket_id FROM ticket_suggestions WHERE customer_id = $1),
          samples AS (
            UPDATE knowledge_gaps g SET sample = coalesce(g.item_code, $2), tokens = '{}'
             WHERE g.sample_ticket_id IN (SELECT ticket_id FROM asked) AND (g.sample IS DISTINCT FROM coalesce(g.item_code, $2) OR cardinality(g.tokens) > 0))
     UPDATE ticket_suggestions SET demand = NULL WHERE customer_id = $1 AND demand IS NOT NULL`,
    [customerId, WORDLESS_CONSULTATION],
  );
}
