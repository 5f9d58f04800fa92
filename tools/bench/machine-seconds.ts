import { round } from './figures';

/**
 * What the machine did in one interval of a load (about a second): where its cores went, how
 * long tasks stalled waiting for a core or the disk, and what Postgres was doing. A load's slow
 * seconds are set beside these, so a stall names its cause (a checkpoint, an autovacuum, the
 * cores taken by one process) rather than leaving it to be guessed from logs afterwards.
 */
export interface MachineSecond {
  /** The interval, in seconds from the load's start. */
  readonly fromSeconds: number;
  readonly toSeconds: number;
  /** Percent of all the machine's cores (`/proc/stat`); `other` is nice, interrupts and steal. */
  readonly cpu: CpuShares;
  /** Percent of one core each process took (its user and system time), by the copy's name, `postgres`, `kafka` or `harness`. */
  readonly processes: Record<string, number>;
  /** Percent of the interval some task waited for a core, some for the disk, all for the disk (`/proc/pressure`); absent where the kernel keeps none. */
  readonly pressure?: Pressure;
  /** Absent when Postgres did not answer within the interval's sample. */
  readonly postgres?: PostgresActivity;
}

const CPU_STATES = ['user', 'system', 'iowait', 'idle', 'other'] as const;
export type CpuShares = Readonly<Record<(typeof CPU_STATES)[number], number>>;

const PRESSURES = ['cpuSome', 'ioSome', 'ioFull'] as const;
export type Pressure = Readonly<Record<(typeof PRESSURES)[number], number>>;

export interface PostgresActivity {
  /** WAL written per second over the interval. */
  readonly walMiBPerSecond: number;
  /**
   * The database's sessions that were busy at the sample, by what they waited on
   * (`IO:WALSync`, `Lock:transactionid`…): `CPU` for one running without a wait, and
   * `idle in transaction` for one waiting for its client (the service) mid-transaction.
   */
  readonly sessions: Record<string, number>;
  /** Postgres's own work under way at the sample: `checkpoint`, `autovacuum: VACUUM tickets.outbox`… */
  readonly background: readonly string[];
}

/** The first line of `/proc/stat`: the machine's time in each state, in clock ticks. */
export type CpuTicks = CpuShares;

export function cpuTicks(procStat: string): CpuTicks {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no cpu line');
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { user, system, iowait, idle, other: nice + irq + softirq + steal };
}

/** Each state's share of the ticks between two readings, in percent. */
export function cpuShares(before: CpuTicks, after: CpuTicks): CpuShares {
  const d = (k: keyof CpuTicks) => Math.max(0, after[k] - before[k]);
  const total = CPU_STATES.reduce((sum, k) => sum + d(k), 0);
  return Object.fromEntries(CPU_STATES.map((k) => [k, total > 0 ? round((d(k) / total) * 100) : 0])) as CpuShares;
}

/** A process's user and system time, in clock ticks, from its `/proc/<pid>/stat`. */
export function processTicks(procPidStat: string): number {
  // The command name, in parentheses, may hold spaces and parentheses itself: fields count from the last ')'.
  const fields = procPidStat.slice(procPidStat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are the stat's 14th and 15th fields; the slice starts at the 3rd.
  return Number(fields[11]) + Number(fields[12]);
}

/** A process's time in one reading, with the name its share is listed under. */
export interface ProcessTicks {
  readonly name: string;
  /** Of the system or the harness: listed whatever it took. Any other is listed from {@link OTHERS_LISTED_FROM} % of a core. */
  readonly known: boolean;
  readonly ticks: number;
}

/** A process outside the system listed only from this share of a core: the machine's idle kernel threads would fill every interval. */
export const OTHERS_LISTED_FROM = 1;

/**
 * Percent of one core each named group of processes took between two readings of their ticks
 * (by pid). A process first seen in the second reading started within the interval: all its
 * ticks are the interval's. One gone by the second reading is left out for its last part.
 */
export function processShares(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, ProcessTicks>,
  elapsedSeconds: number,
  ticksPerSecond: number,
): Record<string, number> {
  const ticks = new Map<string, { n: number; known: boolean }>();
  for (const [pid, { name, known, ticks: now }] of after) {
    const group = ticks.get(name) ?? { n: 0, known: false };
    ticks.set(name, { n: group.n + Math.max(0, now - (before.get(pid) ?? 0)), known: group.known || known });
  }
  return Object.fromEntries(
    [...ticks]
      .map(([name, { n, known }]) => [name, elapsedSeconds > 0 ? round((n / ticksPerSecond / elapsedSeconds) * 100) : 0, known] as const)
      .filter(([, share, known]) => known || share >= OTHERS_LISTED_FROM)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, share]) => [name, share]),
  );
}

/** Postgres's own processes, by the start of their titles; every other titled one is a client's backend. */
const POSTGRES_PROCESSES = [
  'autovacuum launcher',
  'autovacuum worker',
  'background writer',
  'background worker',
  'checkpointer',
  'logical replication launcher',
  'logical replication worker',
  'parallel worker',
  'archiver',
  'startup',
  'walreceiver',
  'walsender',
  'walwriter',
];

/**
 * A Postgres process's name from its title (`/proc/<pid>/cmdline`, which Postgres rewrites):
 * `postgres: checkpointer`, `postgres: autovacuum worker`…, a client's backend by its role
 * (`postgres: intake`: each service connects as a role of its own name), or undefined for one
 * without a title yet (the server itself, or a backend just forked), to be read again.
 */
export function postgresProcessName(cmdline: string): string | undefined {
  const title = (cmdline.split('\0')[0] ?? '').trim();
  if (!title.startsWith('postgres: ')) return undefined;
  const rest = title.slice('postgres: '.length);
  return `postgres: ${POSTGRES_PROCESSES.find((kind) => rest.startsWith(kind)) ?? rest.split(' ')[0]}`;
}

/** The `total=` stall times (µs) of a `/proc/pressure/<resource>` file's `some` and `full` lines. */
export function pressureTotals(text: string): { readonly some: number; readonly full: number } {
  const total = (kind: string) => Number(new RegExp(`^${kind} .*total=(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { some: total('some'), full: total('full') };
}

/** One session of `pg_stat_activity`, as the watch reads it. */
export interface SessionRow {
  readonly backendType: string | null;
  readonly state: string | null;
  readonly waitEventType: string | null;
  readonly waitEvent: string | null;
  readonly query: string | null;
}

/**
 * The busy sessions by what they wait on, and the background work under way. The checkpointer
 * waits on `CheckpointerMain` between checkpoints and on anything else (the write delay that
 * spreads one, a file's sync) inside one.
 */
export function activityOf(rows: readonly SessionRow[]): Pick<PostgresActivity, 'sessions' | 'background'> {
  const sessions: Record<string, number> = {};
  const background: string[] = [];
  for (const row of rows) {
    if (row.backendType === 'client backend') {
      const what =
        row.state === 'active'
          ? row.waitEventType && row.waitEvent
            ? `${row.waitEventType}:${row.waitEvent}`
            : 'CPU'
          : row.state?.startsWith('idle in transaction')
            ? 'idle in transaction'
            : undefined;
      if (what) sessions[what] = (sessions[what] ?? 0) + 1;
    } else if (row.backendType === 'checkpointer') {
      if (row.waitEvent !== 'CheckpointerMain') background.push('checkpoint');
    } else if (row.backendType === 'autovacuum worker' && row.query) {
      background.push(row.query);
    }
  }
  return { sessions: Object.fromEntries(Object.entries(sessions).sort(([a], [b]) => a.localeCompare(b))), background: background.sort() };
}

/** What the machine did over a span of a load, for a slow second to be read beside. */
export interface MachineSpan {
  readonly fromSeconds: number;
  readonly toSeconds: number;
  /** How many of the watch's intervals overlapped the span; the figures are their means. */
  readonly intervals: number;
  readonly cpu: CpuShares;
  /** Percent of one core each process took, most first. */
  readonly processes: Record<string, number>;
  readonly pressure?: Pressure;
  readonly walMiBPerSecond?: number;
  /** The mean number of busy sessions at each wait (those Postgres answered for). */
  readonly sessions?: Record<string, number>;
  /** Percent of Postgres's readings in which each of its own tasks was under way, most first. */
  readonly background: Record<string, number>;
}

/**
 * The intervals overlapping `from`..`to`, averaged: what the machine did while a slow request
 * waited for its answer. Undefined when the watch has no interval there.
 */
export function machineDuring(seconds: readonly MachineSecond[], from: number, to: number): MachineSpan | undefined {
  const during = seconds.filter((s) => s.toSeconds > from && s.fromSeconds < to);
  if (during.length === 0) return undefined;
  const processes = means(during.map((s) => s.processes));
  const mostFirst = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  const pressures = during.flatMap((s) => (s.pressure ? [s.pressure] : []));
  const postgres = during.flatMap((s) => (s.postgres ? [s.postgres] : []));
  return {
    fromSeconds: round(from),
    toSeconds: round(to),
    intervals: during.length,
    cpu: means(during.map((s) => s.cpu), CPU_STATES),
    processes: mostFirst(processes),
    ...(pressures.length ? { pressure: means(pressures, PRESSURES) } : {}),
    ...(postgres.length ? { walMiBPerSecond: mean(postgres.map((p) => p.walMiBPerSecond)), sessions: means(postgres.map((p) => p.sessions)) } : {}),
    background: mostFirst(
      postgres.length ? means(postgres.map((p) => Object.fromEntries(p.background.map((task): [string, number] => [task, 100])))) : {},
    ),
  };
}

function mean(values: readonly number[]): number {
  return round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

/** Each key's mean over the records, a record without it counting 0; by default every key any record has. */
function means<K extends string>(records: readonly Readonly<Partial<Record<K, number>>>[], keys?: readonly K[]): Record<K, number> {
  const all = keys ?? ([...new Set(records.flatMap((r) => Object.keys(r)))].sort() as K[]);
  return Object.fromEntries(all.map((k) => [k, mean(records.map((r) => r[k] ?? 0))])) as Record<K, number>;
}

/** One line for a person reading a soak's output: where the cores went, what stalled, what Postgres did. */
export function describeSpan(span: MachineSpan): string {
  const list = (entries: readonly (readonly [string, number])[]) => entries.map(([k, v]) => `${k} ${v}`).join(', ');
  const of = (record: Readonly<Record<string, number>>) => list(Object.entries(record));
  const some = (record: Readonly<Record<string, number>>, most = Infinity) =>
    list(
      Object.entries(record)
        .filter(([, v]) => v > 0)
        .slice(0, most),
    );
  return [
    `cores: ${of(span.cpu)} %`,
    `busiest (% of a core): ${some(span.processes, 5)}`,
    ...(span.pressure ? [`stalled (% of the time): ${of(span.pressure)}`] : []),
    ...(span.walMiBPerSecond !== undefined ? [`WAL ${span.walMiBPerSecond} MiB/s`] : []),
    ...(span.sessions ? [`busy sessions: ${some(span.sessions) || 'none'}`] : []),
    `under way (% of the time): ${some(span.background, 5) || 'nothing'}`,
  ].join('; ');
}
