import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Ledger, Queryable, execute, foldLedger, projectCondition, selectRows } from '@cs/persistence';

export interface ItemDemand {
  readonly itemCode: string;
  readonly tickets: number;
  readonly lastSeenAt: Date;
}

const DemandRow = Type.Object({ item_code: Type.String(), tickets: Type.Integer(), last_seen_at: Type.Date() });

/** Demand is a ledger: a row appended per ticket, folded into one per item and project (ADR 0044). */
const DEMAND: Ledger = { table: 'item_demand', keys: ['item_code', 'project_code'], sums: ['tickets'], greatest: ['last_seen_at'] };

/** One more ticket about the item in the project ('' — tied to no project): appended, so no ticket waits on another's lock. */
export async function countDemand(tx: EntityManager, demand: { itemCode: string; projectCode: string; seenAt: string }): Promise<void> {
  await execute(tx, 'INSERT INTO item_demand (item_code, project_code, tickets, last_seen_at) VALUES ($1, $2, 1, $3)', [demand.itemCode, demand.projectCode, demand.seenAt]);
}

/** Folds the appended rows of up to `limit` items of a project into one row each; returns how many were folded. */
export function foldDemand(db: Queryable, limit: number): Promise<number> {
  return foldLedger(db, DEMAND, limit);
}

/** Items by tickets in the given projects (undefined: all) and those of no project, most asked first. */
export async function mostAskedItems(db: Queryable, projects: readonly string[] | undefined, limit: number): Promise<ItemDemand[]> {
  const params: unknown[] = [limit];
  const rows = await selectRows(
    db,
    DemandRow,
    `SELECT item_code, sum(tickets)::int AS tickets, max(last_seen_at) AS last_seen_at FROM item_demand
      WHERE ${projectCondition("NULLIF(project_code, '')", projects, params)}
      GROUP BY item_code ORDER BY 2 DESC, item_code LIMIT $1`,
    params,
  );
  return rows.map((r) => ({ itemCode: r.item_code, tickets: r.tickets, lastSeenAt: r.last_seen_at }));
}
