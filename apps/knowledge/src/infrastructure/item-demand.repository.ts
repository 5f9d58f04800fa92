import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { projectCondition, Queryable, selectRow, selectRows, sendAhead } from '@cs/persistence';

export interface ItemDemand {
  readonly itemCode: string;
  readonly tickets: number;
  readonly lastSeenAt: Date;
}

const DemandRow = Type.Object({ item_code: Type.String(), tickets: Type.Integer(), last_seen_at: Type.Date() });

export interface DemandSeen {
  readonly itemCode: string;
  /** '' for a ticket tied to no project. */
  readonly projectCode: string;
  readonly seenAt: string;
}

/**
 * More tickets about items in projects, one appended row per item and project of `seen` (its
 * tickets counted, the latest seen): one statement for a consumer transaction's new tickets.
 * Appended, not added to the item's row: consumers of other partitions counting the same item
 * never wait on its lock (ADR 0044). {@link foldDemand} moves the appended rows into `item_demand`.
 */
export async function countDemand(tx: EntityManager, seen: readonly DemandSeen[]): Promise<void> {
  if (seen.length === 0) return;
  await sendAhead(
    tx,
    `INSERT INTO item_demand_appended (item_code, project_code, tickets, last_seen_at)
     SELECT item_code, project_code, count(*)::int, max(seen_at)
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS s(item_code, project_code, seen_at)
      GROUP BY item_code, project_code`,
    [seen.map((s) => s.itemCode), seen.map((s) => s.projectCode), seen.map((s) => s.seenAt)],
  );
}

/**
 * A ticket reclassified (补录): one ticket less for the item it was counted under, one more for
 * its new item, appended as new tickets are. The row taken away claims no time (-infinity), so
 * the old item's latest-seen time stays that of a ticket still counted there.
 */
export async function moveDemand(tx: EntityManager, move: { readonly from: string; readonly to: string; readonly projectCode: string; readonly at: string }): Promise<void> {
  await sendAhead(
    tx,
    `INSERT INTO item_demand_appended (item_code, project_code, tickets, last_seen_at)
     VALUES ($1, $3, -1, '-infinity'), ($2, $3, 1, $4)`,
    [move.from, move.to, move.projectCode, move.at],
  );
}

const FoldedRow = Type.Object({ rows: Type.Integer() });

/**
 * Moves up to `limit` appended rows into the one row of their item and project; returns how many
 * it moved. Rows another replica is folding are skipped (SKIP LOCKED), and the rows of
 * `item_demand` are updated in key order, so two folds at once neither wait long nor deadlock;
 * rows appended meanwhile are outside the statement's snapshot and wait for the next fold.
 */
export async function foldDemand(db: Queryable, limit: number): Promise<number> {
  const row = await selectRow(
    db,
    FoldedRow,
    `WITH taken AS (
       SELECT ctid FROM item_demand_appended LIMIT $1 FOR UPDATE SKIP LOCKED
     ), gone AS (
       DELETE FROM item_demand_appended a USING taken t WHERE a.ctid = t.ctid
       RETURNING a.item_code, a.project_code, a.tickets, a.last_seen_at
     ), folded AS (
       INSERT INTO item_demand (item_code, project_code, tickets, last_seen_at)
       SELECT item_code, project_code, sum(tickets), max(last_seen_at) FROM gone GROUP BY item_code, project_code ORDER BY item_code, project_code
       ON CONFLICT (item_code, project_code) DO UPDATE
         SET tickets = item_demand.tickets + excluded.tickets, last_seen_at = greatest(item_demand.last_seen_at, excluded.last_seen_at)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM gone)::int AS rows`,
    [limit],
  );
  return row?.rows ?? 0;
}

/** Items by tickets in the given projects (undefined: all) and those of no project, most asked first. */
export async function mostAskedItems(db: Queryable, projects: readonly string[] | undefined, limit: number): Promise<ItemDemand[]> {
  const params: unknown[] = [limit];
  const rows = await selectRows(
    db,
    DemandRow,
    `SELECT item_code, sum(tickets)::int AS tickets, max(last_seen_at) AS last_seen_at
       FROM (SELECT item_code, project_code, tickets, last_seen_at FROM item_demand
             UNION ALL SELECT item_code, project_code, tickets, last_seen_at FROM item_demand_appended) d
      WHERE ${projectCondition("NULLIF(project_code, '')", projects, params)}
      GROUP BY item_code HAVING sum(tickets) > 0 ORDER BY 2 DESC, item_code LIMIT $1`,
    params,
  );
  return rows.map((r) => ({ itemCode: r.item_code, tickets: r.tickets, lastSeenAt: r.last_seen_at }));
}
