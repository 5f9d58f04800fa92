import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { Queryable, execute, selectRows } from '@cs/persistence';

export interface CustomerMerge {
  readonly mergedId: string;
  readonly mergedBy: string;
  readonly reason: string;
  readonly mergedAt: string;
}

const MergeRow = Type.Object({ merged_id: Type.String(), merged_by: Type.String(), reason: Type.String(), merged_at: Type.Date() });

/** 合并记录 — which duplicate went into which survivor, who did it and why; kept for good. */
export async function recordMerge(tx: EntityManager, merge: { survivorId: string; duplicateId: string; by: string; reason: string; at: Date }): Promise<void> {
  await execute(tx, 'INSERT INTO customer_merges (id, survivor_id, merged_id, merged_by, reason, merged_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    merge.survivorId,
    merge.duplicateId,
    merge.by,
    merge.reason,
    merge.at,
  ]);
}

export async function mergesInto(db: Queryable, survivorId: string): Promise<CustomerMerge[]> {
  const rows = await selectRows(
    db,
    MergeRow,
    'SELECT merged_id::text, merged_by, reason, merged_at FROM customer_merges WHERE survivor_id = $1 ORDER BY merged_at',
    [survivorId],
  );
  return rows.map((r) => ({ mergedId: r.merged_id, mergedBy: r.merged_by, reason: r.reason, mergedAt: r.merged_at.toISOString() }));
}

const IdRow = Type.Object({ id: Type.String() });

/** Every record merged into the customer, and into those, however long the chain. */
export async function mergedAway(db: Queryable, survivorId: string): Promise<string[]> {
  const rows = await selectRows(
    db,
    IdRow,
    `WITH RECURSIVE away(id) AS (
       SELECT merged_id FROM customer_merges WHERE survivor_id = $1
       UNION
       SELECT m.merged_id FROM customer_merges m JOIN away a ON m.survivor_id = a.id
     )
     SELECT id::text FROM away ORDER BY id`,
    [survivorId],
  );
  return rows.map((r) => r.id);
}

/** The reasons given for merging these customers: free text about the person, wiped with them. */
export async function wipeMergeReasons(tx: Queryable, customerIds: readonly string[]): Promise<void> {
  await execute(tx, `UPDATE customer_merges SET reason = '' WHERE survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])`, [[...customerIds]]);
}
