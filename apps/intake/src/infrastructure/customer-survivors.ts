/**
 * Far more merges than people make of one person's records: a longer chain is a loop written by
 * hand into the table, and following it stops there rather than running forever.
 */
export const MAX_MERGES = 20;

/**
 * SQL for a `WITH RECURSIVE` list: two queries following customers through their merges to the
 * record that carries them now (ADR 0006). `seeds` selects two columns, a customer id and a key
 * to carry along (what orders or picks among survivors); `name` then holds one row per seed,
 * `(start, id, key)`: the seed's id, its survivor's (itself when never merged), and the key.
 * A merge points one way, so each seed row has one survivor at most: none for an id no customer
 * has, nor for a loop of merges written by hand into the table.
 *
 * The seeds, and at each step the records a merge points to, are looked up by id one by one (the
 * `OFFSET 0` keeps the planner from turning a lookup back into a join). As joins, the planner
 * guessed the rows from a recordset's hundred (ten times that for a step) and hashed every
 * customer to meet them, twice: intake's copy of a consumer transaction's new tickets read the
 * whole table each time, 11 of its 15 ms over 40,000 customers, though almost no record is
 * merged (ADR 0184).
 */
export function survivorsOf(name: string, seeds: string): string {
  const chain = `${name}_chain`;
  return `${chain}(start, id, merged_into, depth, key) AS (
       SELECT seed.id, seed.id, cu.merged_into, 0, seed.key
         FROM (${seeds}) AS seed(id, key) CROSS JOIN LATERAL (SELECT m.merged_into FROM customers m WHERE m.id = seed.id OFFSET 0) cu
       UNION ALL
       SELECT ${chain}.start, cu.id, cu.merged_into, ${chain}.depth + 1, ${chain}.key
         FROM ${chain} CROSS JOIN LATERAL (SELECT m.id, m.merged_into FROM customers m WHERE m.id = ${chain}.merged_into OFFSET 0) cu
        WHERE ${chain}.merged_into IS NOT NULL AND ${chain}.depth < ${MAX_MERGES}
     ),
     ${name}(start, id, key) AS (SELECT start, id, key FROM ${chain} WHERE merged_into IS NULL)`;
}
