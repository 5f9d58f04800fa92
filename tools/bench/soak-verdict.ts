import { medianSlope, round, slope } from './figures';

/** One sample of a soak's backlogs: every place an event can wait. */
export interface SoakSample {
  readonly atSeconds: number;
  /** Rows of each outbox not yet published and records past each consumer group's offsets. */
  readonly backlog: Record<string, number>;
}

/** One sample of every service's resident memory, taken more often than the backlogs (a read of /proc). */
export interface MemorySample {
  readonly atSeconds: number;
  /**
   * Each service's resident size (VmRSS): as the service read it in the scrape that gave its heaps,
   * or from /proc after the scrapes where it did not answer (and in the soaks up to 2026-12-07 1056,
   * after every scrape for all).
   */
  readonly residentMiB: Record<string, number>;
  /**
   * Each service's heap in use after its last full collection (`nodejs_heap_live_bytes` on its
   * /metrics) and when that collection was, for the services that answered and have had one;
   * absent from soaks before it (one soak, 2026-12-07 01:05, kept `liveHeapMiB` undated instead).
   */
  readonly liveHeap?: Record<string, LiveHeapReading>;
  /**
   * Each service's V8 heap as committed at the sample (`nodejs_heap_size_total_bytes`), in MiB,
   * for the services that answered: what of a resident size is the collector's, the rest being
   * memory outside V8's heap (buffers, native allocations, stacks). Absent from soaks before it.
   */
  readonly heapCommittedMiB?: Record<string, number>;
}

/** A service's live heap as its last full collection left it. */
export interface LiveHeapReading {
  readonly mib: number;
  /** When that collection was, in seconds from the soak's start: samples repeating it repeat one reading. */
  readonly collectedAtSeconds: number;
}

export interface SoakLimits {
  /** How long the contacts were sent. */
  readonly loadSeconds: number;
  /** Most growth a service's memory floor may show, fitted over the load after its first third. */
  readonly maxGrowthMiBPerMinute: number;
  /** Most growth a backlog may show over the same span: more is a consumer or relay falling behind. */
  readonly maxBacklogGrowthPerMinute: number;
  /** The width of the window, centred on each memory sample, whose lowest resident size is the floor there: longer than the collector's swing. */
  readonly floorWindowSeconds: number;
}

export interface SoakVerdict {
  /** Each service's memory floor's growth, the median of its pairs' slopes: what the verdict judges. */
  readonly residentGrowthMiBPerMinute: Record<string, number>;
  /** The same floors fitted by least squares, which one long swing carries: kept to read beside it. */
  readonly residentGrowthLeastSquaresMiBPerMinute: Record<string, number>;
  /**
   * Each service's live heap's growth, the median of the slopes between its full collections in the
   * load's last two thirds, one reading each: the long-lived objects alone. Only for a service with
   * at least three there ({@link MIN_FULL_COLLECTIONS}).
   */
  readonly liveHeapGrowthMiBPerMinute: Record<string, number>;
  /** How many full collections each service made in the load's last two thirds (read at least once). */
  readonly fullCollections: Record<string, number>;
  /** Each service's committed V8 heap's floors' growth, fitted as the resident floors are: the part of a floor's growth that is the collector's. */
  readonly heapCommittedGrowthMiBPerMinute: Record<string, number>;
  /** The same for what the resident size holds beside V8's heap (resident less committed, at each sample): the part outside it. */
  readonly besideHeapGrowthMiBPerMinute: Record<string, number>;
  readonly backlogGrowthPerMinute: Record<string, number>;
  /** Why the soak failed; empty when it passed. */
  readonly problems: readonly string[];
}

/** A service's lowest resident size in the window around one sample. */
export interface MemoryFloor {
  readonly atSeconds: number;
  readonly floorMiB: number;
}

/**
 * Each service's floor at each sample: its lowest resident size within `windowSeconds` centred
 * on the sample, for the samples whose whole window lies in `from`..`to`. A resident size swings
 * with the collector — up as the heap fills, down when a collection gives pages back — so samples
 * fitted as taken follow where the swing stood (intake's between 200 and 259 MiB in ten minutes
 * at 200 contacts/s, fitted at 2.6 MiB a minute with nothing leaking). A leak raises what memory
 * comes back down to, which the swing leaves alone, as long as the window holds a collection.
 */
export function memoryFloors(
  samples: readonly MemorySample[],
  windowSeconds: number,
  from: number,
  to: number,
  measure: (sample: MemorySample) => Record<string, number> | undefined = (sample) => sample.residentMiB,
): Record<string, MemoryFloor[]> {
  const half = windowSeconds / 2;
  const services = [...new Set(samples.flatMap((s) => Object.keys(measure(s) ?? {})))].sort();
  return Object.fromEntries(
    services.map((service) => {
      const sizes = samples.flatMap((s) => {
        const mib = measure(s)?.[service];
        return mib === undefined ? [] : [{ atSeconds: s.atSeconds, mib }];
      });
      const floors = sizes
        .filter((s) => s.atSeconds - half >= from && s.atSeconds + half <= to)
        .map((s) => ({
          atSeconds: s.atSeconds,
          floorMiB: Math.min(...sizes.filter((o) => Math.abs(o.atSeconds - s.atSeconds) <= half).map((o) => o.mib)),
        }));
      return [service, floors];
    }),
  );
}

/**
 * Whether a soak showed growth over the load after its first third — a fresh process fills its
 * caches and compiles its hot paths in its first minutes, which is not a leak: each service's
 * memory floor (`memoryFloors`), each service's live heap (`MemorySample.liveHeap`), each
 * backlog as sampled, and every backlog back to 0 once the load stopped (`drainedAfterSeconds`
 * undefined: it did not within the wait). A floor that grows while the live heap does not is
 * still a failure, said so, with how much of its growth V8's committed heap holds and how much
 * the rest of the resident size does, where the committed heap was read: where to look.
 *
 * Floors and live heaps are fitted by the median of their pairs' slopes, backlogs by least squares. A swing that
 * held a service's memory up for longer than the floor window (a minute of it, late in a ten-minute
 * soak, and back down at the end) carries a least-squares fit over the limit with nothing
 * leaking; a leak raises every later floor, and the median follows it as least squares does (the
 * kept soak of the relay's leak reads 1.7 MiB a minute by both). A backlog that jumps is a
 * consumer falling behind, which the verdict must see, so backlogs keep least squares.
 */
export function soakVerdict(
  samples: readonly SoakSample[],
  memory: readonly MemorySample[],
  limits: SoakLimits,
  drainedAfterSeconds: number | undefined,
): SoakVerdict {
  const from = limits.loadSeconds / 3;
  const steady = samples.filter((s) => s.atSeconds >= from && s.atSeconds <= limits.loadSeconds);
  const floors = Object.entries(memoryFloors(memory, limits.floorWindowSeconds, from, limits.loadSeconds));
  const problems: string[] = [];
  if (steady.length < 3) problems.push(`only ${steady.length} backlog samples in the load's last two thirds: too short a soak to judge growth`);
  const fewestFloors = floors.length === 0 ? 0 : Math.min(...floors.map(([, series]) => series.length));
  if (fewestFloors < 3) problems.push(`only ${fewestFloors} memory floors in the load's last two thirds: too short a soak to judge growth`);
  const perMinute = (fit: typeof slope, points: (readonly [number, number])[]) => round(fit(points.map(([atSeconds, y]) => [atSeconds / 60, y])));
  const floorGrowth = (fit: typeof slope, of: typeof floors = floors) =>
    Object.fromEntries(of.map(([service, series]) => [service, perMinute(fit, series.map((f) => [f.atSeconds, f.floorMiB]))]));
  const residentGrowthMiBPerMinute = floorGrowth(medianSlope);
  const residentGrowthLeastSquaresMiBPerMinute = floorGrowth(slope);
  // Only where the committed heap was read in as many floors as the resident size: floors of fewer samples sit higher.
  const readAlike = (measure: (sample: MemorySample) => Record<string, number> | undefined) =>
    Object.entries(memoryFloors(memory, limits.floorWindowSeconds, from, limits.loadSeconds, measure)).filter(
      ([service, series]) => series.length >= 3 && series.length === floors.find(([s]) => s === service)?.[1].length,
    );
  const heapCommittedGrowthMiBPerMinute = floorGrowth(
    medianSlope,
    readAlike((sample) => sample.heapCommittedMiB),
  );
  const besideHeapGrowthMiBPerMinute = floorGrowth(medianSlope, readAlike(besideHeap));
  const collections = liveHeaps(memory, from, limits.loadSeconds);
  const fullCollections = Object.fromEntries(Object.entries(collections).map(([service, series]) => [service, series.length]));
  const liveHeapGrowthMiBPerMinute = Object.fromEntries(
    Object.entries(collections)
      .filter(([, series]) => series.length >= MIN_FULL_COLLECTIONS)
      .map(([service, series]) => [service, perMinute(medianSlope, series)]),
  );
  const backlogGrowthPerMinute = Object.fromEntries(
    [...new Set(steady.flatMap((s) => Object.keys(s.backlog)))].sort().map((name) => [name, perMinute(slope, steady.map((s) => [s.atSeconds, s.backlog[name] ?? 0]))]),
  );
  for (const [service, growth] of Object.entries(residentGrowthMiBPerMinute)) {
    if (growth <= limits.maxGrowthMiBPerMinute) continue;
    // Still a failure: memory a process takes and keeps is memory, whoever holds it. What the
    // live heap says tells the reader where to look.
    const where = whereItGrew(service, liveHeapGrowthMiBPerMinute[service], fullCollections[service], limits);
    const whose = whoseGrowth(heapCommittedGrowthMiBPerMinute[service], besideHeapGrowthMiBPerMinute[service]);
    problems.push(`${service}'s memory floor grew ${growth} MiB a minute (at most ${limits.maxGrowthMiBPerMinute})${where}${whose}`);
  }
  for (const [service, growth] of Object.entries(liveHeapGrowthMiBPerMinute)) {
    if (growth > limits.maxGrowthMiBPerMinute) problems.push(`${service}'s live heap grew ${growth} MiB a minute (at most ${limits.maxGrowthMiBPerMinute})`);
  }
  for (const [series, growth] of Object.entries(backlogGrowthPerMinute)) {
    if (growth > limits.maxBacklogGrowthPerMinute) problems.push(`${series} grew ${growth} a minute (at most ${limits.maxBacklogGrowthPerMinute})`);
  }
  if (drainedAfterSeconds === undefined) problems.push('the backlogs were not back to 0 after the load');
  return {
    residentGrowthMiBPerMinute,
    residentGrowthLeastSquaresMiBPerMinute,
    liveHeapGrowthMiBPerMinute,
    fullCollections,
    heapCommittedGrowthMiBPerMinute,
    besideHeapGrowthMiBPerMinute,
    backlogGrowthPerMinute,
    problems,
  };
}

/**
 * The floor window a soak takes unless told otherwise: longer than the collector's longest hold
 * seen over a live heap that did not grow (200 s, ADR 0187). A leak raises every floor whatever
 * the window.
 */
export const FLOOR_WINDOW_SECONDS = 240;

/** Fewer full collections than this in the judged span cannot tell a live heap's growth from its noise. */
export const MIN_FULL_COLLECTIONS = 3;

/**
 * What the live heap says of a memory floor that grew: grown too; flat, under half the limit, so
 * not the service's long-lived objects; or too few full collections to tell. Nothing where it was
 * not read at all (a soak before the gauge).
 */
function whereItGrew(service: string, live: number | undefined, collections: number | undefined, limits: SoakLimits): string {
  if (collections === undefined) return '';
  if (live === undefined) return `; its live heap: too few full collections to tell (${collections}, at least ${MIN_FULL_COLLECTIONS})`;
  const over = `; its live heap ${live} MiB a minute over ${collections} full collections`;
  return live <= limits.maxGrowthMiBPerMinute / 2 ? `${over}: not ${service}'s long-lived objects` : over;
}

/** What the resident size holds beside V8's committed heap, for the services whose both were read. */
function besideHeap(sample: MemorySample): Record<string, number> | undefined {
  const committed = sample.heapCommittedMiB;
  if (!committed) return undefined;
  return Object.fromEntries(
    Object.entries(sample.residentMiB).flatMap(([service, mib]) => (committed[service] === undefined ? [] : [[service, round(mib - committed[service])]])),
  );
}

/**
 * Where a resident floor's growth is, in two parts fitted alike: V8's committed heap (the
 * collector's, which heap settings govern) and the rest of the resident size (Node's buffers,
 * native allocations, which they do not). Nothing where the committed heap was not read alike.
 */
function whoseGrowth(committed: number | undefined, beside: number | undefined): string {
  if (committed === undefined || beside === undefined) return '';
  return `; V8's committed heap grew ${committed} MiB a minute and the rest of the resident size ${beside}`;
}

/**
 * Each service's live heap at each full collection read within `from`..`to` (by the collection's
 * time), one (seconds, MiB) point per collection however many samples repeated it: between full
 * collections the gauge holds its last reading, and fitting each repeat would fit a staircase,
 * whose few steps a median reads as flat. It needs no floor: the collector's swing is not in it.
 */
function liveHeaps(samples: readonly MemorySample[], from: number, to: number): Record<string, [number, number][]> {
  const byCollection: Record<string, Map<number, number>> = {};
  for (const { liveHeap } of samples) {
    for (const [service, { mib, collectedAtSeconds }] of Object.entries(liveHeap ?? {})) {
      if (collectedAtSeconds >= from && collectedAtSeconds <= to) (byCollection[service] ??= new Map()).set(collectedAtSeconds, mib);
    }
  }
  return Object.fromEntries(
    Object.entries(byCollection).map(([service, readings]) => [service, [...readings].sort(([a], [b]) => a - b)]),
  );
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
  /** When that request was sent, in seconds of the load: it waited from then for `slowestMs`. */
  readonly sentAtSeconds: number;
}

/**
 * The slowest answer of each second of a load, by the second the request was sent in: a load
 * whose p99 is high from a few stalls shows them as a handful of seconds, one slow all along as
 * many, and the seconds can be set beside what the machine did then (a checkpoint, an
 * autovacuum, a rebalance).
 */
export class SlowestSeconds {
  private readonly slowest = new Map<number, { readonly ms: number; readonly sentAt: number }>();

  add(sentAtSeconds: number, latencyMs: number): void {
    const second = Math.floor(sentAtSeconds);
    if (latencyMs >= (this.slowest.get(second)?.ms ?? -1)) this.slowest.set(second, { ms: latencyMs, sentAt: sentAtSeconds });
  }

  /** How many seconds had an answer slower than `ms`. */
  over(ms: number): number {
    return [...this.slowest.values()].filter((slowest) => slowest.ms > ms).length;
  }

  /** The `n` seconds with the slowest answers, slowest first. */
  top(n: number): SlowSecond[] {
    return [...this.slowest]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, n)
      .map(([atSecond, { ms, sentAt }]) => ({ atSecond, slowestMs: round(ms), sentAtSeconds: round(sentAt, 3) }));
  }
}
