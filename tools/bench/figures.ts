/** The measured figures of a benchmark run, and how they are put into words and tables. */

export interface Latency {
  readonly p50: number;
  readonly p99: number;
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
}

export interface BenchRun {
  readonly at: string;
  readonly durationSeconds: number;
  readonly connections: number;
  readonly machine: { readonly cpus: number; readonly memoryGiB: number; readonly node: string };
  readonly figures: readonly Figure[];
  readonly memoryMiB: Readonly<Record<string, { readonly idle: number; readonly underLoad: number }>>;
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

export function latencyOf(samples: readonly number[]): Latency {
  return { p50: round(percentile(samples, 0.5)), p99: round(percentile(samples, 0.99)) };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `rate` as a fraction of `baseline`'s, when both were measured. */
export function ratio(rate: number | undefined, baseline: Figure | undefined): Figure['ofBaseline'] {
  if (rate === undefined || baseline?.rate === undefined || baseline.rate === 0) return undefined;
  return { baseline: baseline.name, ratio: round(rate / baseline.rate, 3) };
}

const cell = (value: string | number | undefined) => (value === undefined ? '—' : String(value));

/** The run as the markdown table docs/performance.md shows. */
export function markdownTable(run: BenchRun): string {
  const lines = [
    `Measured ${run.at} on ${run.machine.cpus} cores, ${run.machine.memoryGiB} GiB, Node ${run.machine.node}; ${run.connections} connections, ${run.durationSeconds} s per scenario.`,
    '',
    '| scenario | rate | p50 ms | p99 ms | of baseline | target | met | note |',
    '|---|---|---|---|---|---|---|---|',
    ...run.figures.map((f) =>
      [
        f.name,
        f.rate === undefined ? undefined : `${round(f.rate)} ${f.unit}`,
        f.latencyMs?.p50,
        f.latencyMs?.p99,
        f.ofBaseline ? `${round(f.ofBaseline.ratio * 100)} % of ${f.ofBaseline.baseline}` : undefined,
        f.target,
        f.met === undefined ? undefined : f.met ? 'yes' : 'no',
        f.note,
      ]
        .map(cell)
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
    '',
    '| service | RSS idle MiB | RSS under load MiB |',
    '|---|---|---|',
    ...Object.entries(run.memoryMiB).map(([service, m]) => `| ${service} | ${m.idle} | ${m.underLoad} |`),
  ];
  return lines.join('\n');
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
