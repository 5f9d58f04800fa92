import { Type } from '@sinclair/typebox';
import { type Queryable, selectRows } from './typed-query';

const SurvivorRow = Type.Object({ customer_id: Type.String(), survivor_id: Type.String() });
const FinalRow = Type.Object({ id: Type.String() });

/**
 * A service's memory of intake's merges (合并重复客户), in its own `merged_customers (customer_id
 * uuid PRIMARY KEY, survivor_id uuid NOT NULL, merged_at timestamptz NOT NULL)` indexed by survivor.
 * An event naming a duplicate can arrive after the merge — it was published before, under another
 * key, so in no order with it — and is then taken as the survivor's.
 *
 * Remembers whom the duplicate became, and returns whom to give its records to: the survivor, or
 * whom the survivor became when that merge was heard first (merges are keyed by their survivors,
 * so two of a chain come in no order). A duplicate merged earlier into this one now points there
 * too, so one lookup finds the customer as they stand. Told again, nothing changes.
 */
export async function rememberMergedCustomer(tx: Queryable, duplicateId: string, survivorId: string, at: Date): Promise<string> {
  const [row] = await selectRows(
    tx,
    FinalRow,
    `WITH final AS (SELECT coalesce((SELECT survivor_id FROM merged_customers WHERE customer_id = $2::uuid), $2::uuid) AS id),
          chained AS (UPDATE merged_customers SET survivor_id = (SELECT id FROM final) WHERE survivor_id = $1::uuid),
          remembered AS (INSERT INTO merged_customers (customer_id, survivor_id, merged_at) SELECT $1::uuid, id, $3 FROM final ON CONFLICT (customer_id) DO NOTHING)
     SELECT id::text FROM final`,
    [duplicateId, survivorId, at],
  );
  return row?.id ?? survivorId;
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
