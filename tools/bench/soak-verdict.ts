import { round, slope } from './figures';

/** One sample of a soak: every service's resident memory and every place an event can wait. */
export interface SoakSample {
  readonly atSeconds: number;
  readonly residentMiB: Record<string, number>;
  /** Rows of each outbox not yet published and records past each consumer group's offsets. */
  readonly backlog: Record<string, number>;
}

export interface SoakLimits {
  /** How long the contacts were sent. */
  readonly loadSeconds: number;
  /** Most resident growth a service may show, fitted over the load after its first third. */
  readonly maxGrowthMiBPerMinute: number;
  /** Most growth a backlog may show over the same span: more is a consumer or relay falling behind. */
  readonly maxBacklogGrowthPerMinute: number;
}

export interface SoakVerdict {
  readonly residentGrowthMiBPerMinute: Record<string, number>;
  readonly backlogGrowthPerMinute: Record<string, number>;
  /** Why the soak failed; empty when it passed. */
  readonly problems: readonly string[];
}

/**
 * Whether a soak showed growth: each service's memory and each backlog fitted (least squares)
 * over the samples of the load after its first third — a fresh process fills its caches and
 * compiles its hot paths in its first minutes, which is not a leak — and every backlog back to
 * 0 once the load stopped (`drainedAfterSeconds` undefined: it did not within the wait).
 */
export function soakVerdict(samples: readonly SoakSample[], limits: SoakLimits, drainedAfterSeconds: number | undefined): SoakVerdict {
  const steady = samples.filter((s) => s.atSeconds >= limits.loadSeconds / 3 && s.atSeconds <= limits.loadSeconds);
  const problems: string[] = [];
  if (steady.length < 3) problems.push(`only ${steady.length} samples in the load's last two thirds: too short a soak to judge growth`);
  const fitted = (series: (s: SoakSample) => Record<string, number>) =>
    Object.fromEntries(
      [...new Set(steady.flatMap((s) => Object.keys(series(s))))].sort().map((name) => [name, round(slope(steady.map((s) => [s.atSeconds / 60, series(s)[name] ?? 0])))]),
    );
  const residentGrowthMiBPerMinute = fitted((s) => s.residentMiB);
  const backlogGrowthPerMinute = fitted((s) => s.backlog);
  for (const [service, growth] of Object.entries(residentGrowthMiBPerMinute)) {
    if (growth > limits.maxGrowthMiBPerMinute) problems.push(`${service} grew ${growth} MiB a minute (at most ${limits.maxGrowthMiBPerMinute})`);
  }
  for (const [series, growth] of Object.entries(backlogGrowthPerMinute)) {
    if (growth > limits.maxBacklogGrowthPerMinute) problems.push(`${series} grew ${growth} a minute (at most ${limits.maxBacklogGrowthPerMinute})`);
  }
  if (drainedAfterSeconds === undefined) problems.push('the backlogs were not back to 0 after the load');
  return { residentGrowthMiBPerMinute, backlogGrowthPerMinute, problems };
}

/**
 * The file a soak's results go to, named by the load's start (UTC) and rate: soaks on one day,
 * at one rate or two, each keep their own.
 */
export function soakFileName(loadStartedAt: Date, rate: number): string {
  const iso = loadStartedAt.toISOString();
  return `soak-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}-at-${rate}.json`;
}

/** What a request that got no answer is counted as: a system error's code (ECONNRESET, …), else the error's name (TimeoutError, …). */
export function failureName(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}

/** Adds one to `key`'s count. */
export function countOne(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** A second of a load and the slowest answer to a request sent in it. */
export interface SlowSecond {
  readonly atSecond: number;
  readonly slowestMs: number;
}

/**
 * The slowest answer of each second of a load, by the second the request was sent in: a load
 * whose p99 is high from a few stalls shows them as a handful of seconds, one slow all along as
 * many, and the seconds can be set beside the logs (a checkpoint, an autovacuum, a rebalance).
 */
export class SlowestSeconds {
  private readonly slowest = new Map<number, number>();

  add(sentAtSeconds: number, latencyMs: number): void {
    const second = Math.floor(sentAtSeconds);
    this.slowest.set(second, Math.max(this.slowest.get(second) ?? 0, latencyMs));
  }

  /** How many seconds had an answer slower than `ms`. */
  over(ms: number): number {
    return [...this.slowest.values()].filter((slowest) => slowest > ms).length;
  }

  /** The `n` seconds with the slowest answers, slowest first. */
  top(n: number): SlowSecond[] {
    return [...this.slowest]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([atSecond, ms]) => ({ atSecond, slowestMs: round(ms) }));
  }
}
