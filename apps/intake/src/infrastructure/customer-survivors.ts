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
 * A merge points one way, so each seed row has one survivor.
 */
export function survivorsOf(name: string, seeds: string): string {
  const chain = `${name}_chain`;
  return `${chain}(start, id, merged_into, depth, key) AS (
       SELECT seed.id, seed.id, cu.merged_into, 0, seed.key FROM (${seeds}) AS seed(id, key) JOIN customers cu ON cu.id = seed.id
       UNION ALL
       SELECT ${chain}.start, cu.id, cu.merged_into, ${chain}.depth + 1, ${chain}.key
         FROM customers cu JOIN ${chain} ON cu.id = ${chain}.merged_into WHERE ${chain}.depth < ${MAX_MERGES}
     ),
     ${name}(start, id, key) AS (SELECT start, id, key FROM ${chain} WHERE merged_into IS NULL)`;
}
