import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { IdRow, Nullable, Queryable, changedRows, execute, selectRow, selectRows } from '@cs/persistence';
import type { WebhookKind } from '../domain/outbound-message';

const ListeningRow = Type.Object({ id: Type.String(), event_types: Type.Array(Type.Unsafe<WebhookKind>(Type.String())), project_code: Nullable(Type.String()) });

/** An outgoing webhook a company points at its WeCom / DingTalk / SMS gateway. */
export interface WebhookSubscription {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly eventTypes: readonly WebhookKind[];
  readonly projectCode?: string;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface SubscriptionChanges {
  readonly name?: string;
  readonly url?: string;
  readonly eventTypes?: readonly WebhookKind[];
  readonly active?: boolean;
}

const SubscriptionRow = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  event_types: Type.Array(Type.Unsafe<WebhookKind>(Type.String())),
  project_code: Nullable(Type.String()),
  active: Type.Boolean(),
  created_by: Type.String(),
  created_at: Type.Date(),
  updated_at: Type.Date(),
});

const COLUMNS = 'id::text, name, url, event_types, project_code, active, created_by, created_at, updated_at';

function subscriptionOf(row: typeof SubscriptionRow.static): WebhookSubscription {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    eventTypes: row.event_types,
    ...(row.project_code ? { projectCode: row.project_code } : {}),
    active: row.active,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Unlike other project-scoped data, a subscription of no project is not visible to a user
 * limited to projects: it receives every project's notifications, so whoever may change its
 * URL could read them all.
 */
function subscriptionScope(projects: readonly string[] | undefined, params: unknown[]): string {
  // A deleted subscription whose log is still being purged exists for no one.
  if (projects === undefined) return 'deleted_at IS NULL';
  params.push([...projects]);
  return `deleted_at IS NULL AND project_code = ANY($${params.length}::text[])`;
}

@Injectable()
export class WebhookSubscriptionRepository {
  async insert(tx: EntityManager, s: WebhookSubscription, secret: string): Promise<void> {
    await execute(
      tx,
      `INSERT INTO webhook_subscriptions (id, name, url, secret, event_types, project_code, active, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [s.id, s.name, s.url, secret, [...s.eventTypes], s.projectCode ?? null, s.active, s.createdBy, s.createdAt, s.updatedAt],
    );
  }

  async list(db: Queryable, projects: readonly string[] | undefined): Promise<WebhookSubscription[]> {
    const params: unknown[] = [];
    const rows = await selectRows(db, SubscriptionRow, `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE ${subscriptionScope(projects, params)} ORDER BY created_at, id`, params);
    return rows.map(subscriptionOf);
  }

  async find(db: Queryable, id: string, projects: readonly string[] | undefined): Promise<WebhookSubscription | undefined> {
    const params: unknown[] = [id];
    const row = await selectRow(db, SubscriptionRow, `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1 AND ${subscriptionScope(projects, params)}`, params);
    return row ? subscriptionOf(row) : undefined;
  }

  async update(tx: EntityManager, id: string, changes: SubscriptionChanges, projects: readonly string[] | undefined, at: Date): Promise<WebhookSubscription | undefined> {
    const params: unknown[] = [id, at, changes.name ?? null, changes.url ?? null, changes.eventTypes ? [...changes.eventTypes] : null, changes.active ?? null];
    const rows = await changedRows(
      tx,
      SubscriptionRow,
      `UPDATE webhook_subscriptions SET updated_at = $2, name = coalesce($3, name), url = coalesce($4, url),
              event_types = coalesce($5::text[], event_types), active = coalesce($6, active)
        WHERE id = $1 AND ${subscriptionScope(projects, params)} RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] ? subscriptionOf(rows[0]) : undefined;
  }

  /**
   * Gone for its admins and paused for the delivery worker at once; its delivery log, however
   * long, is purged afterwards in batches (`purgeOfDeletedSubscriptions`, then `forgetPurged`),
   * so the request neither deletes nor locks it.
   */
  async delete(tx: EntityManager, id: string, projects: readonly string[] | undefined, at: Date): Promise<boolean> {
    const params: unknown[] = [id, at];
    const rows = await changedRows(
      tx,
      IdRow,
      `UPDATE webhook_subscriptions SET deleted_at = $2, active = false WHERE id = $1 AND ${subscriptionScope(projects, params)} RETURNING id::text`,
      params,
    );
    return rows.length > 0;
  }

  /** Removes the deleted subscriptions whose delivery log is purged, but those another replica is removing; how many. */
  async forgetPurged(db: Queryable): Promise<number> {
    const rows = await changedRows(
      db,
      IdRow,
      `DELETE FROM webhook_subscriptions WHERE id IN (
         SELECT s.id FROM webhook_subscriptions s
          WHERE s.deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id)
            FOR UPDATE OF s SKIP LOCKED)
       RETURNING id::text`,
      [],
    );
    return rows.length;
  }

  /** The active subscriptions wanting any of `kinds`: what each wants, to match many notifications at once (`wants`). */
  async wantingAny(tx: EntityManager, kinds: readonly WebhookKind[]): Promise<WantedKinds[]> {
    const rows = await selectRows(
      tx,
      ListeningRow,
      'SELECT id::text, event_types, project_code FROM webhook_subscriptions WHERE active AND deleted_at IS NULL AND event_types && $1::text[]',
      [[...kinds]],
    );
    return rows.map((r) => ({ id: r.id, kinds: r.event_types, ...(r.project_code !== null ? { projectCode: r.project_code } : {}) }));
  }
}

/** What an active subscription wants: its kinds, from its project or (none named) from every project. */
export interface WantedKinds {
  readonly id: string;
  readonly kinds: readonly WebhookKind[];
  readonly projectCode?: string;
}

export function wants(subscription: WantedKinds, kind: WebhookKind, projectCode: string | undefined): boolean {
  return subscription.kinds.includes(kind) && (subscription.projectCode === undefined || subscription.projectCode === projectCode);
}
