import { IdRow, Queryable, execute, rememberMergedCustomer, selectRows, survivorsOf, transactionGate, whenCustomerErased } from '@cs/persistence';


/** Scheduling a callback (shared) against forgetting or moving a customer (alone). */
const CUSTOMER_COPIES = transactionGate('callbacks.customer-copies');

/**
 * Held, shared, before a transaction reads whether a customer may be called back and schedules
 * callbacks for them. An erasure or a merge holds it alone, so it sees every callback scheduled
 * before it, and a scheduling after it sees the erasure or the move: under read committed, each
 * side otherwise missed what the other had not committed yet, leaving an erased customer an open
 * callback, or a merged-away one a callback the merge did not move.
 * Held alone instead when the consumer transaction goes on to merge or erase customers
 * (`mergingLater`): it would take it alone then, and two transactions each holding it shared while
 * waiting to hold it alone deadlocked.
 */
export const holdToSchedule = (tx: Queryable, mergingLater = false): Promise<void> => CUSTOMER_COPIES.hold(tx, mergingLater);

/** Held alone by an erasure or a merge of customers, before it reads what to forget or move (see holdToSchedule). */
export const holdToForgetOrMove = (tx: Queryable): Promise<void> => CUSTOMER_COPIES.alone(tx);

/**
 * 合并重复客户 — the duplicate's callbacks, the tickets callbacks follow for it, its missed
 * callbacks, its birthday greetings and its callbacks held for their calendar (ADR 0116) are the
 * survivor's, as intake and tickets move theirs: one statement. A plan that greeted both in a year
 * keeps the survivor's greeting; the duplicate's stays under its id, which nothing selects again,
 * and its greeting held is dropped. The merge is remembered for what names the
 * duplicate later (customerAsTheyStand).
 */
export async function moveCustomerCopies(tx: Queryable, fromCustomerId: string, toCustomerId: string, at: Date): Promise<{ survivor: string; surplus: string[] }> {
  // To whom the survivor became, when that later merge was heard first (another partition).
  const survivor = await rememberMergedCustomer(tx, fromCustomerId, toCustomerId, at);
  // The duplicate's callbacks locked first, with the survivor's open ones of the same plans, in the
  // order a plan's stop and an erasure lock theirs (openTasks, openOfCustomer): the UPDATE alone
  // locks them in the order it finds them, so a stop holding one and waiting for another the merge
  // held was a deadlock, one of the two ended. Of each plan's open callbacks the person then has,
  // all but the one scheduled first (the survivor's at a tie) are surplus (ADR 0083, ADR 0103).
  const surplus = await selectRows(
    tx,
    IdRow,
    `WITH locked AS (
       SELECT id, customer_id, plan_id, status, created_at FROM callbacks
        WHERE customer_id = $1
           OR (customer_id = $2 AND status IN ('due', 'overdue')
               AND plan_id IN (SELECT plan_id FROM callbacks WHERE customer_id = $1 AND status IN ('due', 'overdue')))
        ORDER BY id FOR UPDATE)
     SELECT id::text FROM (
       SELECT id, row_number() OVER (PARTITION BY plan_id ORDER BY created_at, customer_id = $2 DESC, id) AS n
         FROM locked WHERE plan_id IS NOT NULL AND status IN ('due', 'overdue')) open
      WHERE n > 1 ORDER BY id`,
    [fromCustomerId, survivor],
  );
  await execute(
    tx,
    `WITH callbacks_moved AS (UPDATE callbacks SET customer_id = $2 WHERE customer_id = $1),
          tickets_moved AS (UPDATE followed_tickets SET customer_id = $2 WHERE customer_id = $1),
          birthdays_moved AS (
            UPDATE birthday_callbacks b SET customer_id = $2 WHERE b.customer_id = $1
               AND NOT EXISTS (SELECT 1 FROM birthday_callbacks s WHERE s.plan_id = b.plan_id AND s.customer_id = $2 AND s.year = b.year)
            RETURNING b.callback_id),
          held_moved AS (
            UPDATE held_callbacks SET customer_id = $2 WHERE customer_id = $1
               AND (plan_id IS NULL OR callback_id IN (SELECT callback_id FROM birthdays_moved))),
          held_dropped AS (
            DELETE FROM held_callbacks WHERE customer_id = $1
               AND plan_id IS NOT NULL AND callback_id NOT IN (SELECT callback_id FROM birthdays_moved))
     UPDATE missed_callbacks SET customer_id = $2 WHERE customer_id = $1`,
    [fromCustomerId, survivor],
  );
  return { survivor, surplus: surplus.map((r) => r.id) };
}

/**
 * PIPL erasure: what the customer said on every attempt of their callbacks — an agent's notes of
 * the call, the needs they raised, their questionnaire answers' comments — is wiped; outcomes,
 * verdicts and scores (no free text) stay for the statistics. Only rows still holding text are
 * written, so an erasure told again writes nothing.
 */
export async function forgetWhatCustomerSaid(tx: Queryable, customerId: string): Promise<void> {
  await execute(
    tx,
    `UPDATE callback_attempts a SET comment = NULL, new_needs = NULL FROM callbacks c
      WHERE c.id = a.callback_id AND c.customer_id = $1 AND (a.comment IS NOT NULL OR a.new_needs IS NOT NULL)`,
    [customerId],
  );
}

/** Whether the customer was erased: nothing is owed to them afterwards, whatever arrives late (a resolution published before the erasure). */
export async function isCustomerErased(db: Queryable, customerId: string): Promise<boolean> {
  return (await whenCustomerErased(db, customerId)) !== undefined;
}

/**
 * The customer an event names, as they stand: the survivor when they were merged away. An event of
 * tickets published before tickets saw the merge still names the duplicate (ADR 0084).
 */
export async function customerAsTheyStand(db: Queryable, customerId: string): Promise<string> {
  return (await survivorsOf(db, [customerId])).get(customerId.toLowerCase()) ?? customerId;
}
