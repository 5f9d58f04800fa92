/** The measured figures of a benchmark run, and how they are put into words and tables. */

import type { MachineSpan } from './machine-seconds';
import { TARGETS } from './targets';

export type Percentile = 'p50' | 'p95' | 'p99';

export interface Latency {
  readonly p50: number;
  readonly p95?: number;
  readonly p99: number;
  /** Percentiles known only to be at least their value: what they fall on had not happened when watching stopped. */
  readonly atLeast?: readonly Percentile[];
}

/** One scenario's result: a rate per second and, where it has them, latencies in milliseconds. */
export interface Figure {
  readonly name: string;
  readonly rate?: number;
  readonly unit: string;
  readonly latencyMs?: Latency;
  /** The scenario's rate as a fraction of the baseline measured in the same run. */
  readonly ofBaseline?: { readonly baseline: string; readonly ratio: number };
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
  /** What the machine did while the load ran: where its cores went, by process. */
  readonly machine?: MachineSpan;
}

/** A backlog of events (an outbox's unpublished rows, a consumer group's uncommitted records) over a scenario, sampled every second. */
export interface LagSummary {
  readonly start: number;
  readonly middle: number;
  readonly end: number;
  readonly max: number;
  /** Least-squares growth while the load ran, events per second: about 0 for a relay or consumer that keeps up. */
  readonly growthPerSecond: number;
  /** When watching stopped, after the load. */
  readonly last: number;
  /** Seconds from the load's end to the first sample from which it stayed at 0; absent when it never did. */
  readonly drainedAfterSeconds?: number;
}

export interface LagSample {
  readonly atSeconds: number;
  readonly lag: Readonly<Record<string, number>>;
}

export interface BenchRun {
  readonly at: string;
  readonly durationSeconds: number;
  readonly connections: number;
  readonly machine: { readonly cpus: number; readonly memoryGiB: number; readonly node: string };
  /** The sizes and rates the scenarios ran with, and which scenarios ran. */
  readonly settings?: Readonly<Record<string, number | string>>;
  readonly figures: readonly Figure[];
  readonly memoryMiB: Readonly<Record<string, { readonly idle: number; readonly underLoad: number }>>;
  /** Each outbox's and consumer group's backlog during the pipeline scenario. */
  readonly backlog?: { readonly scenario: string; readonly series: Readonly<Record<string, LagSummary>> };
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

export function latencyOf(samples: readonly number[]): Latency {
  return { p50: round(percentile(samples, 0.5)), p95: round(percentile(samples, 0.95)), p99: round(percentile(samples, 0.99)) };
}

/**
 * Percentiles of `total` waits of which only `observed` ended while they were watched, for
 * `watchedMs`: the others lasted longer than that. A percentile that falls among them is
 * `watchedMs`, marked as a lower bound.
 */
export function censoredLatency(observed: readonly number[], total: number, watchedMs: number): Latency {
  const sorted = [...observed].sort((a, b) => a - b);
  const atLeast: Percentile[] = [];
  const at = (name: Percentile, fraction: number): number => {
    const rank = Math.max(1, Math.ceil(fraction * total));
    if (rank <= sorted.length) return round(sorted[rank - 1] as number);
    atLeast.push(name);
    return round(watchedMs);
  };
  const latency = { p50: at('p50', 0.5), p95: at('p95', 0.95), p99: at('p99', 0.99) };
  return atLeast.length > 0 ? { ...latency, atLeast } : latency;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Least-squares slope of y over x: growth per unit of x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * Pairs grow with the square of the points: a day's soak has some 17,000 memory floors, 145 million
 * pairs. Past this many points, as many are taken evenly spaced, first and last included.
 */
const MEDIAN_SLOPE_POINTS = 1_000;

function evenlySpaced<T>(points: readonly T[], most: number): readonly T[] {
  if (points.length <= most) return points;
  return Array.from({ length: most }, (_, i) => points[Math.round((i * (points.length - 1)) / (most - 1))]);
}

/**
 * The median of the slopes between every pair of points (Theil–Sen): growth per unit of x that a
 * stretch of points off the line moves far less than it moves a least-squares fit. Up to about
 * three in ten points may lie anywhere before the median follows them; a steady climb gives its
 * rate exactly, as the least-squares slope does.
 */
export function medianSlope(all: readonly (readonly [number, number])[]): number {
  const points = evenlySpaced(all, MEDIAN_SLOPE_POINTS);
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (xj !== xi) slopes.push((yj - yi) / (xj - xi));
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const middle = Math.floor(slopes.length / 2);
  return slopes.length % 2 === 1 ? slopes[middle] : (slopes[middle - 1] + slopes[middle]) / 2;
}

/**
 * Each series' backlog at the start, middle and end of the load (the samples taken up to
 * `loadEndsAtSeconds`), its maximum and growth over them, and the last sample taken.
 */
export function summarizeLag(samples: readonly LagSample[], loadEndsAtSeconds: number): Record<string, LagSummary> {
  const groups = [...new Set(samples.flatMap((s) => Object.keys(s.lag)))].sort();
  const during = samples.filter((s) => s.atSeconds <= loadEndsAtSeconds);
  return Object.fromEntries(
    groups.map((group) => {
      const series = during.map((s): [number, number] => [s.atSeconds, s.lag[group] ?? 0]);
      const lagAt = (i: number) => series[i]?.[1] ?? 0;
      const after = samples.filter((s) => s.atSeconds >= loadEndsAtSeconds);
      const stillBehind = after.findLastIndex((s) => (s.lag[group] ?? 0) > 0);
      const drainedAt = after[stillBehind + 1]?.atSeconds;
      return [
        group,
        {
          start: lagAt(0),
          middle: lagAt(Math.floor((series.length - 1) / 2)),
          end: lagAt(series.length - 1),
          max: Math.max(0, ...samples.map((s) => s.lag[group] ?? 0)),
          growthPerSecond: round(slope(series)),
          last: samples.at(-1)?.lag[group] ?? 0,
          ...(drainedAt === undefined ? {} : { drainedAfterSeconds: round(drainedAt - loadEndsAtSeconds) }),
        },
      ];
    }),
  );
}

/**
 * The scenarios to run: all of `known`, or those BENCH_ONLY names, less those BENCH_SKIP names
 * (both comma-separated). A name the harness does not know is an error, not a silent no-op.
 */
export function chosenScenarios(known: readonly string[], only: string | undefined, skip: string | undefined): string[] {
  const names = (list: string | undefined) => (list ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = [...names(only), ...names(skip)].filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; the scenarios are ${known.join(', ')}`);
  const wanted = names(only);
  return known.filter((n) => (wanted.length === 0 || wanted.includes(n)) && !names(skip).includes(n));
}

/** `rate` as a fraction of `baseline`'s, when both were measured. */
export function ratio(rate: number | undefined, baseline: Figure | undefined): Figure['ofBaseline'] {
  if (rate === undefined || baseline?.rate === undefined || baseline.rate === 0) return undefined;
  return { baseline: baseline.name, ratio: round(rate / baseline.rate, 3) };
}

// A process's name or a note may hold a '|', which would split the row.
const cell = (value: string | number | undefined) => (value === undefined ? '—' : String(value).replaceAll('|', '\\|'));

function percentileCell(latency: Latency | undefined, name: Percentile): string | undefined {
  const value = latency?.[name];
  if (value === undefined) return undefined;
  return latency?.atLeast?.includes(name) ? `≥ ${value}` : String(value);
}

const row = (cells: readonly (string | number | undefined)[]) => `| ${cells.map(cell).join(' | ')} |`;

/** The run as the markdown table docs/performance.md shows. */
export function markdownTable(run: BenchRun): string {
  const lines = [
    `Measured ${run.at} on ${run.machine.cpus} cores, ${run.machine.memoryGiB} GiB, Node ${run.machine.node}; ${run.connections} connections, ${run.durationSeconds} s per scenario.`,
    '',
    '| scenario | rate | p50 ms | p95 ms | p99 ms | of baseline | target | met | note |',
    '|---|---|---|---|---|---|---|---|---|',
    ...run.figures.map((f) =>
      row([
        f.name,
        f.rate === undefined ? undefined : `${round(f.rate)} ${f.unit}`,
        percentileCell(f.latencyMs, 'p50'),
        percentileCell(f.latencyMs, 'p95'),
        percentileCell(f.latencyMs, 'p99'),
        f.ofBaseline ? `${round(f.ofBaseline.ratio * 100)} % of ${f.ofBaseline.baseline}` : undefined,
        f.target,
        f.met === undefined ? undefined : f.met ? 'yes' : 'no',
        f.note,
      ]),
    ),
    '',
    '| service | RSS idle MiB | RSS under load MiB |',
    '|---|---|---|',
    ...Object.entries(run.memoryMiB).map(([service, m]) => `| ${service} | ${m.idle} | ${m.underLoad} |`),
    ...machineTable(run.figures, run.machine.cpus),
  ];
  if (run.backlog) {
    lines.push(
      '',
      `Events waiting during ${run.backlog.scenario}, sampled every second: rows of each outbox not yet published, records past each consumer group's committed offsets.`,
      '',
      '| backlog | start | middle | end | max | growth /s | after the load | drained after s |',
      '|---|---|---|---|---|---|---|---|',
      ...Object.entries(run.backlog.series).map(([name, l]) =>
        row([name, l.start, l.middle, l.end, l.max, l.growthPerSecond, l.last, l.drainedAfterSeconds ?? 'not drained']),
      ),
    );
  }
  return lines.join('\n');
}

/** A process that took less than this share of a core in every watched load is left out of the table. */
const MACHINE_TABLE_FROM = 0.5;

/**
 * Where the cores went while each watched load ran: one row per process (the copy's services,
 * Postgres's backends by the role they serve and its own processes, Kafka, the harness sending
 * the load, anything else busy), the busiest of any load first, one column per load, and what the
 * machine left idle or waiting for the disk. Nothing when no load was watched.
 */
export function machineTable(figures: readonly Figure[], cpus: number): string[] {
  const watched = figures.flatMap((f) => (f.machine ? [{ name: f.name, machine: f.machine }] : []));
  if (watched.length === 0) return [];
  const most = new Map<string, number>();
  for (const { machine } of watched) {
    for (const [process, share] of Object.entries(machine.processes)) most.set(process, Math.max(most.get(process) ?? 0, share));
  }
  const processes = [...most].filter(([, share]) => share >= MACHINE_TABLE_FROM).sort(([, a], [, b]) => b - a);
  return [
    '',
    `Where the cores went while each load ran: percent of one core each process took (the machine's ${cpus} cores make ${cpus * 100}; a process under ${MACHINE_TABLE_FROM} in every load is left out), and the percent of the machine left idle or waiting for the disk.`,
    '',
    `| process | ${watched.map(({ name }) => name).join(' | ')} |`,
    `|---|${watched.map(() => '---|').join('')}`,
    ...processes.map(([process]) => row([process, ...watched.map(({ machine }) => machine.processes[process] ?? 0)])),
    row(['idle (% of the machine)', ...watched.map(({ machine }) => machine.cpu.idle)]),
    row(['waiting for the disk (% of the machine)', ...watched.map(({ machine }) => machine.cpu.iowait)]),
  ];
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** The document with the table between its markers replaced (or appended when it has none). */
export function withTable(document: string, table: string): string {
  const block = `${BEGIN}\n${table}\n${END}`;
  const start = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return document.slice(0, start) + block + document.slice(end + END.length);
}

/**
 * Whether the tickets consumer kept up with a burst: what it had not yet turned into tickets when
 * the burst ended drained within the contact → ticket target's bound of its end (a bound on the
 * backlog, not that per-contact figure). Contacts accepted in the burst's last moments are still
 * on their way then (the outbox, the broker, the consumer's transaction) however fast the
 * consumer is; a consumer falling behind is one whose backlog grows with the burst, and takes
 * seconds to drain (the issue found it 30 s behind after 15 s of load, before batching).
 */
export function keptUpWithBurst(drainSeconds: number, stillBehind: number): boolean {
  return stillBehind === 0 && drainSeconds * 1000 <= TARGETS.ticketP99Ms;
}
