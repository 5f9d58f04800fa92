/** The kinds of work that come due on a ticket or an incident, each fired by its own loop. */
export const DUE_WORKS = ['sla_timers', 'opinion_deadlines', 'incident_resolutions', 'incident_sla_timers'] as const;
export type DueWork = (typeof DUE_WORKS)[number];

/**
 * The rows of `table` among `ids` (parameter `$1`) that no one else holds, locked, at most
 * `$2`, in the order of `ids`: a due-work pass never waits on a busy subject, and passes running
 * at once on several replicas take different ones.
 */
export function lockedInOrder(table: 'tickets' | 'incidents'): string {
  return `SELECT s.* FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n) JOIN ${table} s ON s.id = c.id
           ORDER BY c.n LIMIT $2 FOR UPDATE OF s SKIP LOCKED`;
}
