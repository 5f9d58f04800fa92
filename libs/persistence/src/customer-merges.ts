import { Type } from '@sinclair/typebox';
import { type Queryable, execute, selectRows } from './typed-query';

const SurvivorRow = Type.Object({ customer_id: Type.String(), survivor_id: Type.String() });

/**
 * A service's memory of intake's merges (合并重复客户), in its own `merged_customers (customer_id
 * uuid PRIMARY KEY, survivor_id uuid NOT NULL, merged_at timestamptz NOT NULL)` indexed by survivor.
 * An event naming a duplicate can arrive after the merge — it was published before, under another
 * key, so in no order with it — and is then taken as the survivor's.
 *
 * Remembers whom the duplicate became; a duplicate merged earlier into this one now points at the
 * survivor too, so one lookup finds the customer as they stand. Told again, nothing changes.
 */
export async function rememberMergedCustomer(tx: Queryable, duplicateId: string, survivorId: string, at: Date): Promise<void> {
  await execute(
    tx,
    `WITH chained AS (UPDATE merged_customers SET survivor_id = $2 WHERE survivor_id = $1)
     INSERT INTO merged_customers (customer_id, survivor_id, merged_at) VALUES ($1, $2, $3) ON CONFLICT (customer_id) DO NOTHING`,
    [duplicateId, survivorId, at],
  );
}

/** The survivor of each of these customers that was merged away, by the id named (lower case); the others are absent. */
export async function survivorsOf(db: Queryable, customerIds: readonly string[]): Promise<Map<string, string>> {
  if (customerIds.length === 0) return new Map();
  const rows = await selectRows(
    db,
    SurvivorRow,
    'SELECT customer_id::text, survivor_id::text FROM merged_customers WHERE customer_id = ANY($1::uuid[])',
    [[...new Set(customerIds)]],
  );
  return new Map(rows.map((r) => [r.customer_id, r.survivor_id]));
}
