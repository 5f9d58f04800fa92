/**
 * What Postgres was doing at a reading, from `pg_stat_activity`: its busy sessions by what they
 * waited on, its own tasks under way, and a name for each of its processes.
 */

export interface PostgresActivity {
  /** WAL written per second over the interval. */
  readonly walMiBPerSecond: number;
  /**
   * The watched database's sessions that were busy at the reading, by the role they serve and
   * what they waited on (`intake: IO:WALSync`, `tickets: Lock:transactionid`…): `CPU` for one
   * running without a wait, `idle in transaction` for one waiting for its client mid-transaction.
   */
  readonly sessions: Record<string, number>;
  /** Postgres's own work under way at the reading: `checkpoint`, `autovacuum: VACUUM tickets.outbox`… */
  readonly background: readonly string[];
}

/** One row of `pg_stat_activity`, as the watch reads it. */
export interface SessionRow {
  readonly pid: number;
  readonly role: string | null;
  /** Of the watched database, or of no database (Postgres's own processes). */
  readonly ours: boolean;
  readonly backendType: string | null;
  readonly state: string | null;
  readonly waitEventType: string | null;
  readonly waitEvent: string | null;
  /** Kept for autovacuum workers alone (the table they work on); a client's statement is never read. */
  readonly query: string | null;
}

/** The rows as Postgres's JSON gave them, checked: a row of another shape is an error, not a guess. */
export function sessionRows(value: unknown): SessionRow[] {
  if (!Array.isArray(value)) throw new Error('pg_stat_activity: expected an array of sessions');
  return value.map((row: unknown, i) => {
    if (typeof row !== 'object' || row === null) throw new Error(`pg_stat_activity: session ${i} is not an object`);
    const get = (key: string): unknown => Reflect.get(row, key);
    const text = (key: string): string | null => {
      const v = get(key);
      if (v === null || typeof v === 'string') return v;
      throw new Error(`pg_stat_activity: session ${i}'s ${key} is not text`);
    };
    const pid = get('pid');
    const ours = get('ours');
    if (typeof pid !== 'number' || typeof ours !== 'boolean') throw new Error(`pg_stat_activity: session ${i} has no pid or ours`);
    return {
      pid,
      ours,
      role: text('role'),
      backendType: text('backendType'),
      state: text('state'),
      waitEventType: text('waitEventType'),
      waitEvent: text('waitEvent'),
      query: text('query'),
    };
  });
}

/**
 * The watched database's busy sessions by role and wait, and the background work under way.
 * The checkpointer waits on `CheckpointerMain` between checkpoints and on anything else (the write
 * delay that spreads one, a file's sync) inside one.
 */
export function activityOf(rows: readonly SessionRow[]): Pick<PostgresActivity, 'sessions' | 'background'> {
  const sessions: Record<string, number> = {};
  const background: string[] = [];
  for (const row of rows.filter((r) => r.ours)) {
    if (row.backendType === 'client backend') {
      const what =
        row.state === 'active'
          ? row.waitEventType && row.waitEvent
            ? `${row.waitEventType}:${row.waitEvent}`
            : 'CPU'
          : row.state?.startsWith('idle in transaction')
            ? 'idle in transaction'
            : undefined;
      if (what) {
        const key = `${row.role ?? '?'}: ${what}`;
        sessions[key] = (sessions[key] ?? 0) + 1;
      }
    } else if (row.backendType === 'checkpointer') {
      if (row.waitEvent !== 'CheckpointerMain') background.push('checkpoint');
    } else if (row.backendType === 'autovacuum worker' && row.query) {
      background.push(row.query);
    }
  }
  return { sessions: Object.fromEntries(Object.entries(sessions).sort(([a], [b]) => a.localeCompare(b))), background: background.sort() };
}

/**
 * A name for each Postgres process the view shows, by pid: a client's backend by the role it
 * serves (each service connects as a role of its own name, so `postgres: intake`), Postgres's own
 * processes by their kind (`postgres: checkpointer`, `postgres: autovacuum worker`), and any
 * process of another database as `postgres: other databases`. The server itself and its logger are
 * not in the view.
 */
export function backendNames(rows: readonly SessionRow[]): Map<number, string> {
  return new Map(
    rows.map((row) => [
      row.pid,
      !row.ours ? 'postgres: other databases' : row.backendType === 'client backend' ? `postgres: ${row.role ?? '?'}` : `postgres: ${row.backendType ?? '?'}`,
    ]),
  );
}
