import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { IdRow, Nullable, Queryable, changedRows, execute, selectRows } from '@cs/persistence';
import type { DeliveryOutcome } from '../domain/delivery-schedule';
import type { WebhookKind } from '../domain/outbound-message';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One entry of a subscription's delivery log. */
export interface WebhookDelivery {
  readonly id: string;
  readonly seq: number;
  readonly notificationId: string;
  readonly eventType: WebhookKind;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt?: Date;
  readonly lastAttemptAt?: Date;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly deliveredAt?: Date;
  readonly createdAt: Date;
}

/** A delivery taken by one worker for one attempt, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly attempt: number;
  readonly eventType: string;
  readonly payload: string;
  readonly url: string;
  readonly secret: string;
}

const DeliveryRow = Type.Object({
  id: Type.String(),
  seq: Type.String(),
  notification_id: Type.String(),
  event_type: Type.Unsafe<WebhookKind>(Type.String()),
  status: Type.Unsafe<DeliveryStatus>(Type.String()),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Type.Date()),
  last_attempt_at: Nullable(Type.Date()),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  delivered_at: Nullable(Type.Date()),
  created_at: Type.Date(),
});

const ClaimedRow = Type.Object({
  id: Type.String(),
  subscription_id: Type.String(),
  attempts: Type.Integer(),
  event_type: Type.String(),
  payload: Type.String(),
  url: Type.String(),
  secret: Type.String(),
});

function deliveryOf(row: typeof DeliveryRow.static): WebhookDelivery {
  return {
    id: row.id,
    seq: Number(row.seq),
    notificationId: row.notification_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    ...(row.next_attempt_at ? { nextAttemptAt: row.next_attempt_at } : {}),
    ...(row.last_attempt_at ? { lastAttemptAt: row.last_attempt_at } : {}),
    ...(row.last_status_code !== null ? { lastStatusCode: row.last_status_code } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.delivered_at ? { deliveredAt: row.delivered_at } : {}),
    createdAt: row.created_at,
  };
}

/**
 * What one round of the delivery worker claims. What is due and how long a lease lasts are read
 * on the database's clock, one for every replica: a replica whose own clock ran ahead of the
 * others' by more than a lease would otherwise take a delivery still in flight elsewhere.
 */
export interface DueClaim {
  readonly limit: number;
  readonly perSubscription: number;
  /** How long a claimed delivery stays with its worker, from the database's now. */
  readonly leaseMs: number;
  /** A delivery with this many attempts made is not attempted again. */
  readonly maxAttempts: number;
  /** Subscriptions whose share of the worker's slots is taken already: none of theirs this round. */
  readonly busy: readonly string[];
}

export interface DeliveryLogQuery {
  readonly status?: DeliveryStatus;
  readonly beforeSeq?: number;
  readonly limit: number;
}

@Injectable()
export class WebhookDeliveryRepository {
  /**
   * Pending deliveries in one statement: one per notification and subscription that wants it,
   * written in the notification's transaction, so a notification never lacks its deliveries. Due
   * at once on the database's clock, as the worker reads what is due: `now`, the replica's clock,
   * is only when they were recorded, and one running ahead would hold its first attempts back.
   */
  async enqueueAll(
    tx: EntityManager,
    deliveries: readonly { readonly notificationId: string; readonly subscriptionId: string; readonly eventType: WebhookKind; readonly payload: string }[],
    now: Date,
  ): Promise<void> {
    if (deliveries.length === 0) return;
    await execute(
      tx,
      `INSERT INTO webhook_deliveries (id, subscription_id, notification_id, event_type, payload, next_attempt_at, created_at)
       SELECT d.id, d.subscription_id, d.notification_id, d.event_type, d.payload, now(), $2
         FROM jsonb_to_recordset($1::jsonb) AS d (id uuid, subscription_id uuid, notification_id uuid, event_type text, payload text)
       ON CONFLICT (subscription_id, notification_id) DO NOTHING`,
      [
        JSON.stringify(
          deliveries.map((d) => ({ id: randomUUID(), subscription_id: d.subscriptionId, notification_id: d.notificationId, event_type: d.eventType, payload: d.payload })),
        ),
        now,
      ],
    );
  }

  /**
   * Takes due deliveries for one attempt each, each subscription's oldest first and in turns (every
   * subscription's first, then their second, …), at most `perSubscription` of any one and none of
   * the `busy` ones, skipping rows another worker holds, and leases them for `leaseMs`: a
   * worker that dies mid-attempt leaves the delivery to be tried again once the lease runs out.
   * Read per active subscription from its own due rows, so a paused subscription's backlog costs
   * a round nothing. A delivery whose last allowed attempt was cut off (its lease ran out with
   * `maxAttempts` made) is failed instead of attempted again.
   */
  async claimDue(tx: EntityManager, claim: DueClaim): Promise<ClaimedDelivery[]> {
    const rows = await selectRows(
      tx,
      ClaimedRow,
      `WITH due AS MATERIALIZED (
         SELECT id, attempts FROM (
           SELECT d.id, d.attempts, d.next_attempt_at,
                  row_number() OVER (PARTITION BY s.id ORDER BY d.next_attempt_at) AS turn
             FROM webhook_subscriptions s
            CROSS JOIN LATERAL (
              SELECT d.id, d.attempts, d.next_attempt_at FROM webhook_deliveries d
               WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= now()
               ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED) d
            WHERE s.active AND s.deleted_at IS NULL AND s.id <> ALL($5::uuid[])) taken
          -- Round-robin: every subscription's oldest due first, then their second, …
          ORDER BY turn, next_attempt_at LIMIT $1),
       cut_off AS (
         UPDATE webhook_deliveries d SET status = 'failed', next_attempt_at = NULL,
                last_error = COALESCE(d.last_error, 'the last attempt was cut off (its worker stopped)')
           FROM due WHERE d.id = due.id AND due.attempts >= $4),
       claimed AS (
         UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + $3 * interval '1 millisecond', last_attempt_at = now()
           FROM due WHERE d.id = due.id AND due.attempts < $4 RETURNING d.id, d.attempts, d.event_type, d.payload, d.subscription_id)
       SELECT c.id::text, c.subscription_id::text, c.attempts, c.event_type, c.payload, s.url, s.secret
         FROM claimed c JOIN webhook_subscriptions s ON s.id = c.subscription_id`,
      [claim.limit, claim.perSubscription, claim.leaseMs, claim.maxAttempts, claim.busy],
    );
    return rows.map((r) => ({ id: r.id, subscriptionId: r.subscription_id, attempt: r.attempts, eventType: r.event_type, payload: r.payload, url: r.url, secret: r.secret }));
  }

  /**
   * Records an attempt's outcome, unless the lease ran out and another worker took the delivery
   * meanwhile. The next attempt is the backoff after `at` on the database's clock, as leases are.
   */
  async record(db: Queryable, id: string, attempt: number, outcome: DeliveryOutcome, response: { statusCode?: number; error?: string }, at: Date): Promise<void> {
    await execute(
      db,
      `UPDATE webhook_deliveries SET status = $3, next_attempt_at = now() + ($4::timestamptz - $7::timestamptz), last_status_code = $5, last_error = $6,
              delivered_at = CASE WHEN $3 = 'delivered' THEN $7::timestamptz END
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [id, attempt, outcome.status, outcome.status === 'pending' ? outcome.nextAttemptAt : null, response.statusCode ?? null, response.error ?? null, at],
    );
  }

  /**
   * Deletes up to `limit` deliveries of deleted subscriptions, each read from the index by
   * subscription; how many went. A short statement, whatever the length of a log. It takes only
   * deliveries no one holds and never waits for one: another replica's retention deletes the same
   * rows through its notifications' cascade, in their order, and a purge waiting for one of them
   * while holding another was a deadlock. What it skips, that cascade or the next round deletes.
   */
  async purgeOfDeletedSubscriptions(db: Queryable, limit: number): Promise<number> {
    const rows = await changedRows(
      db,
      IdRow,
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT d.id FROM webhook_subscriptions s
          CROSS JOIN LATERAL (SELECT id FROM webhook_deliveries d WHERE d.subscription_id = s.id LIMIT $1 FOR UPDATE SKIP LOCKED) d
          WHERE s.deleted_at IS NOT NULL LIMIT $1)
       RETURNING id::text`,
      [limit],
    );
    return rows.length;
  }

  /**
   * A subscription's delivery log, newest first. Ordered by the bigint column, not the text the
   * select names `seq`: as text, delivery 99 would come before 100.
   */
  async page(db: Queryable, subscriptionId: string, query: DeliveryLogQuery): Promise<WebhookDelivery[]> {
    const params: unknown[] = [subscriptionId];
    const conditions = ['subscription_id = $1'];
    if (query.status) {
      params.push(query.status);
      conditions.push(`status = $${params.length}`);
    }
    if (query.beforeSeq !== undefined) {
      params.push(query.beforeSeq);
      conditions.push(`seq < $${params.length}`);
    }
    params.push(query.limit);
    const rows = await selectRows(
      db,
      DeliveryRow,
      `SELECT id::text, seq::text, notification_id::text, event_type, status, attempts, next_attempt_at, last_attempt_at, last_status_code,
              last_error, delivered_at, created_at
         FROM webhook_deliveries WHERE ${conditions.join(' AND ')} ORDER BY webhook_deliveries.seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(deliveryOf);
  }
}
