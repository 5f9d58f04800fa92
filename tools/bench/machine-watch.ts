import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Pool } from 'pg';
import { copyPids, sleep } from './copy';
import { round } from './figures';
import { MachineSecond, MachineSpan, PostgresActivity, ProcessTicks, machineDuring, Pressure, SessionRow, activityOf, cpuShares, cpuTicks, postgresProcessName, pressureTotals, processShares, processTicks } from './machine-seconds';

/** Clock ticks a second in `/proc`'s times (USER_HZ): 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** What one reading of `/proc` and Postgres found; the next reading's differences make an interval. */
interface Reading {
  readonly atMs: number;
  readonly cpu: ReturnType<typeof cpuTicks>;
  readonly ticks: Map<number, ProcessTicks>;
  readonly pressure?: { readonly cpu: ReturnType<typeof pressureTotals>; readonly io: ReturnType<typeof pressureTotals> };
  readonly wal?: { readonly atMs: number; readonly bytes: number };
  readonly activity?: Pick<PostgresActivity, 'sessions' | 'background'>;
}

/**
 * Reads, about every second while a load runs, where the machine's cores went (`/proc/stat`, and
 * each process's times: the copy's services by their pid files, Postgres's backends by the role
 * they serve and its own processes by their kind, Kafka's JVM, the harness itself, and any other
 * process taking a hundredth of a core or more), how long tasks stalled (`/proc/pressure`), and what Postgres was
 * doing (`pg_stat_activity`, the WAL's position). Times are in seconds from `originMs`
 * (`performance.now()`), the clock the load's own seconds are counted on.
 */
export class MachineWatch {
  private readonly seconds: MachineSecond[] = [];
  /** The name of each process not of the copy, by pid, read once. */
  private readonly names = new Map<number, { readonly name: string; readonly known: boolean; readonly cached: boolean }>();
  private watching = true;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly pidsDir: string,
    private readonly pool: Pool,
    private readonly originMs: number,
    everyMs: number,
  ) {
    this.loop = this.run(everyMs);
  }

  /** `databaseUrl` must see the other sessions' waits: a superuser or a member of `pg_read_all_stats`. */
  static start(pidsDir: string, databaseUrl: string, originMs: number, everyMs = 1_000): MachineWatch {
    // A sample Postgres cannot answer within 2 s is left out rather than holding up the next.
    const pool = new Pool({ connectionString: databaseUrl, max: 1, options: '-c statement_timeout=2000', application_name: 'machine-watch' });
    pool.on('error', () => undefined);
    return new MachineWatch(pidsDir, pool, originMs, everyMs);
  }

  /** Runs `work` with the machine watched, and adds to the figure it gives what the machine did over the whole of it. */
  static async around<T extends { readonly machine?: MachineSpan }>(pidsDir: string, databaseUrl: string, work: () => Promise<T>): Promise<T> {
    const originMs = performance.now();
    const watch = MachineWatch.start(pidsDir, databaseUrl, originMs);
    let figure: T;
    try {
      figure = await work();
    } catch (error) {
      await watch.stop();
      throw error;
    }
    const seconds = await watch.stop();
    const machine = machineDuring(seconds, 0, (performance.now() - originMs) / 1000);
    return machine ? { ...figure, machine } : figure;
  }

  /** Stops reading and gives every interval read, oldest first. */
  async stop(): Promise<MachineSecond[]> {
    this.watching = false;
    await this.loop;
    await this.pool.end();
    return this.seconds;
  }

  private async run(everyMs: number): Promise<void> {
    let last: Reading | undefined;
    while (this.watching) {
      const startedMs = performance.now();
      // A reading that fails (a file /proc lost mid-read) leaves its intervals out; the next one starts again.
      const next = await this.read().catch(() => undefined);
      if (last && next) this.seconds.push(this.interval(last, next));
      last = next;
      await sleep(Math.max(0, everyMs - (performance.now() - startedMs)));
    }
  }

  private async read(): Promise<Reading> {
    const atMs = performance.now();
    const cpu = cpuTicks(readFileSync('/proc/stat', 'utf8'));
    const ticks = this.processTicks();
    const pressure = existsSync('/proc/pressure/io')
      ? { cpu: pressureTotals(readFileSync('/proc/pressure/cpu', 'utf8')), io: pressureTotals(readFileSync('/proc/pressure/io', 'utf8')) }
      : undefined;
    const postgres = await this.postgres().catch(() => undefined);
    return { atMs, cpu, ticks, ...(pressure ? { pressure } : {}), ...(postgres ?? {}) };
  }

  private interval(before: Reading, after: Reading): MachineSecond {
    const elapsedSeconds = (after.atMs - before.atMs) / 1000;
    const stalled = (a: number, b: number): number => (elapsedSeconds > 0 ? round(((b - a) / 1e6 / elapsedSeconds) * 100) : 0);
    const pressure: Pressure | undefined =
      before.pressure && after.pressure
        ? {
            cpuSome: stalled(before.pressure.cpu.some, after.pressure.cpu.some),
            ioSome: stalled(before.pressure.io.some, after.pressure.io.some),
            ioFull: stalled(before.pressure.io.full, after.pressure.io.full),
          }
        : undefined;
    const walSeconds = before.wal && after.wal ? (after.wal.atMs - before.wal.atMs) / 1000 : 0;
    const postgres: PostgresActivity | undefined =
      after.activity && before.wal && after.wal && walSeconds > 0
        ? { walMiBPerSecond: round((after.wal.bytes - before.wal.bytes) / 1024 / 1024 / walSeconds), ...after.activity }
        : undefined;
    return {
      fromSeconds: round((before.atMs - this.originMs) / 1000),
      toSeconds: round((after.atMs - this.originMs) / 1000),
      cpu: cpuShares(before.cpu, after.cpu),
      processes: processShares(new Map([...before.ticks].map(([pid, { ticks }]) => [pid, ticks])), after.ticks, elapsedSeconds, TICKS_PER_SECOND),
      ...(pressure ? { pressure } : {}),
      ...(postgres ? { postgres } : {}),
    };
  }

  /**
   * The times of every process, by pid, each with its name: the copy's by their pid files, the
   * harness, the servers' (known), and any other by its command, so that a core taken by
   * something outside the system shows too. A process gone between listing and reading is left out.
   */
  private processTicks(): Map<number, ProcessTicks> {
    const named = new Map<number, { readonly name: string; readonly known: boolean }>([[process.pid, { name: 'harness', known: true }]]);
    for (const [name, pid] of copyPids(this.pidsDir)) named.set(pid, { name, known: true });
    const seen = new Set<number>();
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      seen.add(pid);
      if (named.has(pid)) continue;
      const name = this.names.get(pid) ?? processName(pid);
      if (!name) continue;
      if (name.cached) this.names.set(pid, name);
      named.set(pid, name);
    }
    for (const pid of this.names.keys()) if (!seen.has(pid)) this.names.delete(pid);
    const ticks = new Map<number, ProcessTicks>();
    for (const [pid, name] of named) {
      const stat = readIfThere(`/proc/${pid}/stat`);
      if (stat) ticks.set(pid, { name: name.name, known: name.known, ticks: processTicks(stat) });
    }
    return ticks;
  }

  private async postgres(): Promise<Required<Pick<Reading, 'wal' | 'activity'>>> {
    const { rows } = await this.pool.query<{ wal: number; sessions: SessionRow[] }>(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal,
              (SELECT coalesce(json_agg(json_build_object('backendType', backend_type, 'state', state, 'waitEventType', wait_event_type,
                                                          'waitEvent', wait_event, 'query', CASE WHEN backend_type = 'autovacuum worker' THEN left(query, 80) END)), '[]')
                 FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND (datname = current_database() OR backend_type <> 'client backend')) AS sessions`,
    );
    const row = rows[0];
    if (!row) throw new Error('pg_stat_activity answered no row');
    return { wal: { atMs: performance.now(), bytes: row.wal }, activity: activityOf(row.sessions) };
  }
}

/**
 * A Postgres process by its title (`postgres: intake`, `postgres: checkpointer`…, `postgres`
 * for the server and a backend not yet titled), Kafka's JVM as `kafka`, any other by its
 * command's name (a kernel thread's without its instance, `kworker`); undefined for a process
 * gone. `cached` is false for a name that may still change.
 */
function processName(pid: number): { readonly name: string; readonly known: boolean; readonly cached: boolean } | undefined {
  const comm = readIfThere(`/proc/${pid}/comm`)?.trim();
  if (comm === undefined) return undefined;
  if (comm === 'postgres') {
    const name = postgresProcessName(readIfThere(`/proc/${pid}/cmdline`) ?? '');
    return { name: name ?? 'postgres', known: true, cached: name !== undefined };
  }
  if (comm === 'java' && readIfThere(`/proc/${pid}/cmdline`)?.includes('kafka.Kafka')) return { name: 'kafka', known: true, cached: true };
  return { name: comm.split('/')[0] ?? comm, known: false, cached: true };
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
