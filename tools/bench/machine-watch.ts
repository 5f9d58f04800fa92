import { readFileSync, readdirSync } from 'node:fs';
import { Pool } from 'pg';
import { copyPids, readIfThere, sleep } from './copy';
import { round } from './figures';
import { MachineSecond, MachineSpan, Pressure, machineDuring } from './machine-seconds';
import { PostgresActivity, SessionRow, activityOf, backendNames, sessionRows } from './postgres-activity';
import { CpuTicks, ProcessReading, cpuShares, cpuTicks, pressureTotals, processKey, processShares, processStat } from './proc-times';

/** Clock ticks a second in `/proc`'s times (USER_HZ): 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** How long a reading waits for Postgres: a server that stops answering must not stop the watch. */
const POSTGRES_WAIT_MS = 2_000;

/** What one reading of `/proc` and Postgres found; the next reading's differences make an interval. */
interface Reading {
  readonly atMs: number;
  readonly cpu: CpuTicks;
  readonly processes: Map<string, ProcessReading>;
  readonly pressure?: { readonly cpu: ReturnType<typeof pressureTotals>; readonly io: ReturnType<typeof pressureTotals> };
  readonly postgres?: { readonly walBytes: number; readonly activity: Pick<PostgresActivity, 'sessions' | 'background'> };
}

/** What the watch read, and what it could not: a part that failed is named with how often and its last error. */
export interface MachineRecord {
  readonly seconds: MachineSecond[];
  readonly failures: Record<string, { readonly times: number; readonly last: string }>;
}

/**
 * Reads, about every second while a load runs, where the machine's cores went (`/proc/stat`, and
 * every process's times), how long tasks stalled (`/proc/pressure`), and what Postgres was doing
 * (`pg_stat_activity`, the WAL's position). Times are in seconds from `originMs`
 * (`performance.now()`), the clock the load's own seconds are counted on.
 */
export class MachineWatch {
  private readonly seconds: MachineSecond[] = [];
  private readonly failures = new Map<string, { times: number; last: string }>();
  /** Each Postgres process's name as the last answer gave it, by process key: kept through a reading Postgres did not answer. */
  private readonly postgresNames = new Map<string, string>();
  /** Which processes are Kafka's JVM, by process key: a JVM does not become another program. */
  private readonly kafka = new Map<string, boolean>();
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
    const pool = new Pool({
      connectionString: databaseUrl,
      max: 1,
      application_name: 'machine-watch',
      connectionTimeoutMillis: POSTGRES_WAIT_MS,
      query_timeout: POSTGRES_WAIT_MS,
      options: `-c statement_timeout=${POSTGRES_WAIT_MS}`,
    });
    // An idle connection Postgres drops is only the next reading's failure, counted there.
    pool.on('error', () => undefined);
    return new MachineWatch(pidsDir, pool, originMs, everyMs);
  }

  /** Runs `work` with the machine watched, and adds to the figure it gives what the machine did over the whole of it. */
  static async around<T extends { readonly machine?: MachineSpan; readonly note?: string }>(pidsDir: string, databaseUrl: string, work: () => Promise<T>): Promise<T> {
    const originMs = performance.now();
    const watch = MachineWatch.start(pidsDir, databaseUrl, originMs);
    let figure: T;
    try {
      figure = await work();
    } catch (error) {
      await watch.stop();
      throw error;
    }
    const record = await watch.stop();
    const machine = machineDuring(record.seconds, 0, (performance.now() - originMs) / 1000);
    const failed = describeFailures(record.failures);
    return {
      ...figure,
      ...(machine ? { machine } : {}),
      ...(failed ? { note: [figure.note, `the machine not read: ${failed}`].filter(Boolean).join('; ') } : {}),
    };
  }

  /** Stops reading and gives every interval read, oldest first, and what failed. */
  async stop(): Promise<MachineRecord> {
    this.watching = false;
    await this.loop;
    await this.pool.end();
    return { seconds: this.seconds, failures: Object.fromEntries(this.failures) };
  }

  private async run(everyMs: number): Promise<void> {
    let last: Reading | undefined;
    while (this.watching) {
      const startedMs = performance.now();
      const next = await this.read();
      if (last && next) this.seconds.push(this.interval(last, next));
      last = next;
      await sleep(Math.max(0, everyMs - (performance.now() - startedMs)));
    }
  }

  private failed(part: string, error: unknown): undefined {
    const was = this.failures.get(part);
    this.failures.set(part, { times: (was?.times ?? 0) + 1, last: error instanceof Error ? error.message : String(error) });
    return undefined;
  }

  /** One reading; undefined when `/proc` could not be read (the intervals on either side are left out). */
  private async read(): Promise<Reading | undefined> {
    const atMs = performance.now();
    let cpu: CpuTicks;
    let processes: Map<string, ProcessReading>;
    try {
      cpu = cpuTicks(readFileSync('/proc/stat', 'utf8'));
      processes = this.readProcesses();
    } catch (error) {
      return this.failed('/proc', error);
    }
    // Absent where the kernel keeps no pressure stall information.
    const [cpuPressure, ioPressure] = [readIfThere('/proc/pressure/cpu'), readIfThere('/proc/pressure/io')];
    const pressure = cpuPressure && ioPressure ? { cpu: pressureTotals(cpuPressure), io: pressureTotals(ioPressure) } : undefined;
    const postgres = await this.readPostgres(processes).catch((error: unknown) => this.failed('postgres', error));
    return { atMs, cpu, processes: this.withPostgresNames(processes), ...(pressure ? { pressure } : {}), ...(postgres ? { postgres } : {}) };
  }

  private interval(before: Reading, after: Reading): MachineSecond {
    const elapsedSeconds = (after.atMs - before.atMs) / 1000;
    const percentOf = (micros: number): number => (elapsedSeconds > 0 ? round((micros / 1e6 / elapsedSeconds) * 100) : 0);
    const pressure: Pressure | undefined =
      before.pressure && after.pressure
        ? {
            cpuSome: percentOf(after.pressure.cpu.some - before.pressure.cpu.some),
            ioSome: percentOf(after.pressure.io.some - before.pressure.io.some),
            ioFull: percentOf(after.pressure.io.full - before.pressure.io.full),
          }
        : undefined;
    // The WAL's position is read just after /proc, so two readings' positions lie as far apart as the interval.
    const postgres: PostgresActivity | undefined =
      before.postgres && after.postgres && elapsedSeconds > 0
        ? { walMiBPerSecond: round((after.postgres.walBytes - before.postgres.walBytes) / 1024 / 1024 / elapsedSeconds), ...after.postgres.activity }
        : undefined;
    return {
      fromSeconds: round((before.atMs - this.originMs) / 1000, 3),
      toSeconds: round((after.atMs - this.originMs) / 1000, 3),
      cpu: cpuShares(before.cpu, after.cpu),
      processes: processShares(before.processes, after.processes, elapsedSeconds, TICKS_PER_SECOND),
      ...(pressure ? { pressure } : {}),
      ...(postgres ? { postgres } : {}),
    };
  }

  /**
   * Every process's times, keyed by pid and start, each with its name: the copy's by their pid
   * files, the harness, Kafka's JVM, Redis, Postgres's (named by {@link withPostgresNames}), and
   * any other by its command as `other: <command>`, so that a core taken by something outside the
   * system shows too. A command is read at every reading (a process forked and not yet exec'd
   * carries its parent's). A process gone between listing and reading is left out.
   */
  private readProcesses(): Map<string, ProcessReading> {
    const copy = new Map<number, string>([[process.pid, 'harness']]);
    for (const [name, pid] of copyPids(this.pidsDir)) copy.set(pid, name);
    const processes = new Map<string, ProcessReading>();
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const text = readIfThere(`/proc/${pid}/stat`);
      if (!text) continue;
      const stat = processStat(text);
      const key = processKey(pid, stat);
      const ofCopy = copy.get(pid);
      const comm = ofCopy === undefined ? readIfThere(`/proc/${pid}/comm`)?.trim() : undefined;
      if (ofCopy === undefined && comm === undefined) continue;
      const name = ofCopy !== undefined ? { name: ofCopy, known: true } : this.commandName(key, pid, comm ?? '');
      processes.set(key, { pid, stat, ...name });
    }
    for (const key of this.kafka.keys()) if (!processes.has(key)) this.kafka.delete(key);
    for (const key of this.postgresNames.keys()) if (!processes.has(key)) this.postgresNames.delete(key);
    return processes;
  }

  private commandName(key: string, pid: number, comm: string): { readonly name: string; readonly known: boolean } {
    if (comm === 'postgres') return { name: 'postgres', known: true };
    if (comm === 'redis-server') return { name: 'redis', known: true };
    if (comm === 'java') {
      const isKafka = this.kafka.get(key) ?? readIfThere(`/proc/${pid}/cmdline`)?.includes('kafka.Kafka') === true;
      this.kafka.set(key, isKafka);
      if (isKafka) return { name: 'kafka', known: true };
    }
    return { name: `other: ${comm.split('/')[0] ?? comm}`, known: false };
  }

  /** Postgres's processes under the names its last answer gave them; the server itself, and any the view does not show, stay `postgres`. */
  private withPostgresNames(processes: Map<string, ProcessReading>): Map<string, ProcessReading> {
    for (const [key, p] of processes) {
      const name = p.name === 'postgres' ? this.postgresNames.get(key) : undefined;
      if (name) processes.set(key, { ...p, name });
    }
    return processes;
  }

  private async readPostgres(processes: ReadonlyMap<string, ProcessReading>): Promise<Reading['postgres']> {
    const { rows } = await this.pool.query<{ wal: number; sessions: unknown }>(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal,
              coalesce(json_agg(json_build_object(
                'pid', pid, 'role', usename, 'ours', coalesce(datname = current_database(), true), 'backendType', backend_type,
                'state', state, 'waitEventType', wait_event_type, 'waitEvent', wait_event,
                'query', CASE WHEN backend_type = 'autovacuum worker' THEN left(query, 80) END))
                FILTER (WHERE pid <> pg_backend_pid()), '[]') AS sessions
         FROM pg_stat_activity`,
    );
    const row = rows[0];
    if (!row) throw new Error('pg_stat_activity answered no row');
    const sessions: SessionRow[] = sessionRows(row.sessions);
    const keyOfPid = new Map([...processes].map(([key, p]) => [p.pid, key]));
    for (const [pid, name] of backendNames(sessions)) {
      const key = keyOfPid.get(pid);
      if (key) this.postgresNames.set(key, name);
    }
    return { walBytes: row.wal, activity: activityOf(sessions) };
  }
}

/** `postgres: 3 times (connection timeout)`…, or undefined when nothing failed. */
export function describeFailures(failures: MachineRecord['failures']): string | undefined {
  const parts = Object.entries(failures).map(([part, { times, last }]) => `${part}: ${times} times (${last})`);
  return parts.length ? parts.join('; ') : undefined;
}
