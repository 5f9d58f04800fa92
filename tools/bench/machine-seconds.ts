import { round } from './figures';
import type { PostgresActivity } from './postgres-activity';
import { CPU_STATES, CpuShares } from './proc-times';

/**
 * What the machine did in one interval of a load (about a second): where its cores went, how
 * long tasks stalled waiting for a core or the disk, and what Postgres was doing. A load's slow
 * seconds are set beside these, so a stall names its cause (an autovacuum, the cores taken by
 * one process, the disk) rather than leaving it to be guessed from logs afterwards.
 */
export interface MachineSecond {
  /** The interval, in seconds from the load's start. */
  readonly fromSeconds: number;
  readonly toSeconds: number;
  /** Percent of all the machine's cores (`/proc/stat`); `other` is nice, interrupts and steal. */
  readonly cpu: CpuShares;
  /**
   * Percent of one core each process took (its user and system time): the copy's services by their
   * names, `harness`, Postgres's by role or kind (`postgres: intake`, `postgres: checkpointer`),
   * `kafka`, `redis`, and any other from a hundredth of a core as `other: <command>`.
   */
  readonly processes: Record<string, number>;
  /** Percent of the interval some task waited for a core, some for the disk, all for the disk (`/proc/pressure`); absent where the kernel keeps none. */
  readonly pressure?: Pressure;
  /** Absent when Postgres did not answer the interval's reading. */
  readonly postgres?: PostgresActivity;
}

export type Pressure = Readonly<Record<'cpuSome' | 'ioSome' | 'ioFull', number>>;

/** What the machine did over a span of a load, for a slow request or a whole load to be read beside. */
export interface MachineSpan {
  readonly fromSeconds: number;
  readonly toSeconds: number;
  /** How many of the watch's intervals overlapped the span; the figures are their means, each weighted by its overlap. */
  readonly intervals: number;
  /** How many of those Postgres answered for: the sessions and tasks are theirs alone. */
  readonly postgresIntervals: number;
  readonly cpu: CpuShares;
  /** Percent of one core each process took, most first. */
  readonly processes: Record<string, number>;
  readonly pressure?: Pressure;
  readonly walMiBPerSecond?: number;
  /** The mean number of busy sessions at each role and wait. */
  readonly sessions?: Record<string, number>;
  /** Percent of Postgres's readings in which each of its own tasks was under way, most first. */
  readonly background: Record<string, number>;
}

/** The intervals overlapping `from`..`to`, averaged by how much of each falls in it; undefined when the watch has none there. */
export function machineDuring(seconds: readonly MachineSecond[], from: number, to: number): MachineSpan | undefined {
  const during = seconds.flatMap((s) => {
    const overlap = Math.min(s.toSeconds, to) - Math.max(s.fromSeconds, from);
    return overlap > 0 ? [{ s, weight: overlap }] : [];
  });
  if (during.length === 0) return undefined;
  const pressures = during.flatMap(({ s, weight }) => (s.pressure ? [{ values: s.pressure, weight }] : []));
  const postgres = during.flatMap(({ s, weight }) => (s.postgres ? [{ p: s.postgres, weight }] : []));
  const cpu = weightedMeans(during.map(({ s, weight }) => ({ values: s.cpu, weight })));
  return {
    fromSeconds: round(from),
    toSeconds: round(to),
    intervals: during.length,
    postgresIntervals: postgres.length,
    cpu: { user: cpu['user'] ?? 0, system: cpu['system'] ?? 0, iowait: cpu['iowait'] ?? 0, idle: cpu['idle'] ?? 0, other: cpu['other'] ?? 0 },
    processes: mostFirst(weightedMeans(during.map(({ s, weight }) => ({ values: s.processes, weight })))),
    ...(pressures.length ? { pressure: pressureOf(weightedMeans(pressures)) } : {}),
    ...(postgres.length
      ? {
          walMiBPerSecond: weightedMeans(postgres.map(({ p, weight }) => ({ values: { wal: p.walMiBPerSecond }, weight })))['wal'] ?? 0,
          sessions: weightedMeans(postgres.map(({ p, weight }) => ({ values: p.sessions, weight }))),
        }
      : {}),
    background: mostFirst(weightedMeans(postgres.map(({ p, weight }) => ({ values: Object.fromEntries(p.background.map((task) => [task, 100])), weight })))),
  };
}

function pressureOf(means: Readonly<Record<string, number>>): Pressure {
  return { cpuSome: means['cpuSome'] ?? 0, ioSome: means['ioSome'] ?? 0, ioFull: means['ioFull'] ?? 0 };
}

/** Each key's mean over the records, weighted; a record without the key counts 0 (a process that took nothing, a task not under way). */
function weightedMeans(records: readonly { readonly values: Readonly<Record<string, number>>; readonly weight: number }[]): Record<string, number> {
  const total = records.reduce((sum, r) => sum + r.weight, 0);
  const keys = [...new Set(records.flatMap((r) => Object.keys(r.values)))].sort();
  return Object.fromEntries(keys.map((k) => [k, total > 0 ? round(records.reduce((sum, r) => sum + (r.values[k] ?? 0) * r.weight, 0) / total) : 0]));
}

function mostFirst(record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** One line for a person reading a soak's output: where the cores went, what stalled, what Postgres did. */
export function describeSpan(span: MachineSpan): string {
  const list = (entries: readonly (readonly [string, number])[]) => entries.map(([k, v]) => `${k} ${v}`).join(', ');
  const some = (record: Readonly<Record<string, number>>, most = Infinity) =>
    list(
      Object.entries(record)
        .filter(([, v]) => v > 0)
        .slice(0, most),
    );
  const ofPostgres = span.postgresIntervals < span.intervals ? ` (Postgres answered ${span.postgresIntervals} of ${span.intervals} readings)` : '';
  return [
    `cores: ${list(CPU_STATES.map((k) => [k, span.cpu[k]]))} %`,
    `busiest (% of a core): ${some(span.processes, 5)}`,
    ...(span.pressure ? [`stalled (% of the time): ${list(Object.entries(span.pressure))}`] : []),
    ...(span.walMiBPerSecond !== undefined ? [`WAL ${span.walMiBPerSecond} MiB/s`] : []),
    ...(span.sessions ? [`busy sessions: ${some(mostFirst(span.sessions), 5) || 'none'}`] : []),
    `under way (% of the time): ${some(span.background, 5) || 'nothing'}${ofPostgres}`,
  ].join('; ');
}
