/**
 * The rows of `table` among the ids of parameter `$1` that no one else holds, locked, at most `$2`,
 * in the order of the ids: a due-work pass never waits on a busy subject, and passes running at
 * once on several replicas take different ones. `columns` are read from the table as named (all of
 * them by default); the ids' own columns are `given.subject_id` and `given.n`, so an unqualified
 * `id` among `columns` is the table's.
 */
export function lockedInOrder(table: string, columns = `${table}.*`): string {
  return `SELECT ${columns} FROM unnest($1::uuid[]) WITH ORDINALITY AS given(subject_id, n) JOIN ${table} ON ${table}.id = given.subject_id
           ORDER BY given.n LIMIT $2 FOR UPDATE OF ${table} SKIP LOCKED`;
}
