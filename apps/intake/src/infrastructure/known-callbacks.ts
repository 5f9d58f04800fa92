import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Nullable, SelectPart, execute, selectPart } from '@cs/persistence';

/** 回访 — a completed callback as the caller desk shows it. */
export interface KnownCallback {
  readonly callbackId: string;
  readonly ticketId: string;
  readonly customerId: string;
  readonly satisfied: boolean;
  readonly score?: number;
  /** Redacted before it is kept. */
  readonly comment?: string;
  readonly completedAt: Date;
  readonly completedBy: string;
}

const CallbackRow = Type.Object({
  callback_id: Type.String(),
  ticket_id: Type.String(),
  customer_id: Type.String(),
  satisfied: Type.Boolean(),
  score: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  completed_at: Type.Date(),
  completed_by: Type.String(),
});

/** Keeps a completed callback; a redelivered one changes nothing. */
export async function rememberCallback(tx: EntityManager, c: KnownCallback): Promise<void> {
  await execute(
    tx,
    // Kept under the customer the record was merged into, if it was (a callback scheduled before
    // the merge completes after it); one completed after its customer was erased keeps none of
    // what they said.
    `WITH RECURSIVE chain(id, merged_into, erased) AS (
       SELECT id, merged_into, erased_at IS NOT NULL FROM customers WHERE id = $3
       UNION ALL
       SELECT c.id, c.merged_into, c.erased_at IS NOT NULL FROM customers c JOIN chain ON c.id = chain.merged_into
     ), holder AS (
       SELECT coalesce((SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1), $3::uuid) AS id,
              coalesce((SELECT bool_or(erased) FROM chain), false) AS erased
     )
     INSERT INTO known_callbacks (callback_id, ticket_id, customer_id, satisfied, score, comment, completed_at, completed_by)
     SELECT $1, $2, holder.id, $4, $5, CASE WHEN holder.erased THEN NULL ELSE $6 END, $7, $8 FROM holder
     ON CONFLICT (callback_id) DO NOTHING`,
    [c.callbackId, c.ticketId, c.customerId, c.satisfied, c.score ?? null, c.comment ?? null, c.completedAt, c.completedBy],
  );
}

/** PIPL erasure: what the customer said on their callbacks goes with the rest. */
export async function wipeCallbackComments(tx: EntityManager, customerId: string): Promise<void> {
  await execute(tx, 'UPDATE known_callbacks SET comment = NULL WHERE customer_id = $1 AND comment IS NOT NULL', [customerId]);
}

/**
 * The latest callbacks of each customer, about tickets of the given projects (or of none), newest
 * first; a callback about a ticket intake has not heard of is shown only to users serving every
 * project. A part of the caller desk's one read (`selectTogether`).
 */
export function latestCallbacksOf(
  params: unknown[],
  customerIds: readonly string[],
  projects: readonly string[] | undefined,
  perCustomer: number,
): SelectPart<KnownCallback> {
  const [ids, scope, limit] = [`$${params.push(customerIds)}`, `$${params.push(projects ? [...projects] : null)}`, `$${params.push(perCustomer)}`];
  return selectPart(
    CallbackRow,
    `SELECT k.callback_id::text, k.ticket_id::text, k.customer_id::text, k.satisfied, k.score, k.comment, k.completed_at, k.completed_by
       FROM unnest(${ids}::uuid[]) AS owner(id)
       CROSS JOIN LATERAL (
         SELECT cb.callback_id, cb.ticket_id, cb.customer_id, cb.satisfied, cb.score, cb.comment, cb.completed_at, cb.completed_by
           FROM known_callbacks cb LEFT JOIN known_tickets t ON t.ticket_id = cb.ticket_id
          WHERE cb.customer_id = owner.id
            AND (${scope}::text[] IS NULL OR (t.ticket_id IS NOT NULL AND (t.project_code IS NULL OR t.project_code = ANY(${scope}::text[]))))
          ORDER BY cb.completed_at DESC, cb.callback_id DESC LIMIT ${limit}
       ) k`,
    'completed_at DESC, callback_id DESC',
    (r) => ({
      callbackId: r.callback_id,
      ticketId: r.ticket_id,
      customerId: r.customer_id,
      satisfied: r.satisfied,
      ...(r.score !== null ? { score: r.score } : {}),
      ...(r.comment !== null ? { comment: r.comment } : {}),
      completedAt: r.completed_at,
      completedBy: r.completed_by,
    }),
  );
}

/** A merged duplicate's callbacks are the survivor's. */
export async function moveCallbacksToCustomer(tx: EntityManager, fromCustomerId: string, toCustomerId: string): Promise<void> {
  await execute(tx, 'UPDATE known_callbacks SET customer_id = $2 WHERE customer_id = $1', [fromCustomerId, toCustomerId]);
}
