import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { latencyOf } from './figures';

/** What a closed-loop load measured, with only the answers that succeeded counted as done. */
export interface Hammered {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

const hammered = (result: autocannon.Result): Hammered => ({
  rate: result['2xx'] / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.non2xx + result.errors + result.timeouts,
});

/** autocannon against one URL, `connections` at a time, as fast as it answers. */
export async function hammer(options: autocannon.Options): Promise<Hammered> {
  return hammered(await autocannon({ ...options, excludeErrorStats: true }));
}

/** autocannon's merge of runs started with `skipAggregateResult` (their latency histograms added up); its typings leave it out. */
const merge = (autocannon as unknown as { aggregateResult(results: readonly autocannon.Result[], options: autocannon.Options): autocannon.Result }).aggregateResult;

/**
 * The same load against several replicas at once, the connections shared out among them, as
 * one result: latencies from the merged histograms, the rate summed.
 */
export async function hammerAll(urls: readonly string[], options: Omit<autocannon.Options, 'url'>): Promise<Hammered> {
  const each = Math.max(1, Math.floor((options.connections ?? 10) / urls.length));
  const results = await Promise.all(urls.map((url) => autocannon({ ...options, url, connections: each, excludeErrorStats: true, skipAggregateResult: true })));
  return hammered(merge(results, { ...options, url: urls[0] ?? '', connections: each * urls.length, excludeErrorStats: true }));
}

/**
 * Open-loop load: `task(i)` started `perSecond` times a second for `seconds`, whatever the
 * answers take, at most `maxInFlight` at once — a start that finds no room is skipped and
 * counted, so a service that falls behind shows as skipped starts, not as a load that quietly
 * slowed down to its pace. Resolves when every started task has settled; a task that threw
 * (a refused connection, a timeout) is counted as failed.
 */
export async function paced(
  perSecond: number,
  seconds: number,
  maxInFlight: number,
  task: (i: number) => Promise<void>,
): Promise<{ started: number; skipped: number; failed: number }> {
  const total = Math.round(perSecond * seconds);
  const running = new Set<Promise<void>>();
  const begun = Date.now();
  let skipped = 0;
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const due = begun + (i * 1000) / perSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    if (running.size >= maxInFlight) {
      skipped++;
      continue;
    }
    const settled: Promise<void> = task(i)
      .catch(() => {
        failed++;
      })
      .finally(() => running.delete(settled));
    running.add(settled);
  }
  await Promise.all(running);
  return { started: total - skipped, skipped, failed };
}

/** What an open-loop load of timed requests measured. */
export interface PacedRequests {
  /** Each answered request's time to its answer, in ms. */
  readonly latencies: number[];
  /** Requests answered other than as expected, or not answered. */
  readonly failed: number;
  /** Starts that found `maxInFlight` requests still running (the service fell behind). */
  readonly skipped: number;
}

/**
 * `request(i)` started `perSecond` times a second, evenly spaced, timed from its start to its
 * answer: a steady rate the service is measured at. autocannon's `overallRate` is not that — each
 * connection sends its share of a second as fast as it is answered and then waits for the next
 * second, so every second opens with a burst as large as the rate and the latencies measured are
 * those of the burst. `request` says whether the answer was the one expected.
 */
export async function pacedRequests(
  perSecond: number,
  seconds: number,
  maxInFlight: number,
  request: (i: number) => Promise<boolean>,
): Promise<PacedRequests> {
  const [all] = await pacedInPhases(perSecond, seconds, maxInFlight, request, [0]);
  return all!;
}

/**
 * `pacedRequests`, what it measured split in phases: phase k holds the requests from index
 * `starts[k]` up to the next phase's start (`starts[0]` is 0). A start skipped for want of room
 * counts in the phase its index falls in.
 */
async function pacedInPhases(
  perSecond: number,
  seconds: number,
  maxInFlight: number,
  request: (i: number) => Promise<boolean>,
  starts: readonly number[],
): Promise<PacedRequests[]> {
  const ends = [...starts.slice(1), Math.round(perSecond * seconds)];
  const phases = starts.map(() => ({ latencies: [] as number[], failed: 0, started: 0 }));
  await paced(perSecond, seconds, maxInFlight, async (i) => {
    const phase = phases[starts.findLastIndex((start) => i >= start)]!;
    phase.started++;
    const started = performance.now();
    try {
      if (await request(i)) phase.latencies.push(performance.now() - started);
      else phase.failed++;
    } catch {
      phase.failed++;
    }
  });
  return phases.map((phase, k) => ({ latencies: phase.latencies, failed: phase.failed, skipped: ends[k]! - starts[k]! - phase.started }));
}

/** A paced load whose first second is measured apart from the seconds after it. */
export interface WarmedPacedRequests {
  readonly firstSecond: PacedRequests;
  readonly measured: PacedRequests;
  /**
   * How late the load generator's own event loop ran after the first second (ms). The generator
   * shares the cores with the system it measures: an answer that arrives while its loop is held
   * up is timed that much slower, so a slow tail beside a large lag here is partly the harness's.
   */
  readonly generatorLagMs: { readonly p99: number; readonly max: number };
}

/** The event loop's lag is sampled every this many ms. */
const LAG_RESOLUTION_MS = 2;

/**
 * `pacedRequests` for one second more than `seconds`, the requests started in the first second
 * measured apart: one load, at one rate throughout, so requests queued behind the first
 * second's slow ones are measured after it. A path a process has not run since it started (a
 * desk read that the warm-up's contacts never took) runs unoptimised on its first requests, and
 * at a steady rate those arriving behind them queue: the first second is a process starting,
 * not the steady rate a target is set at. Its latencies are shown apart; its failures and
 * skipped starts count as the others do.
 */
export async function pacedAfterFirstSecond(
  perSecond: number,
  seconds: number,
  maxInFlight: number,
  request: (i: number) => Promise<boolean>,
): Promise<WarmedPacedRequests> {
  // Request i is due at i / perSecond seconds: those below perSecond fall in the first second.
  const firstMeasured = Math.ceil(perSecond);
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  try {
    const [firstSecond, measured] = await pacedInPhases(perSecond, 1 + seconds, maxInFlight, (i) => {
      if (i === firstMeasured) lag.reset();
      return request(i);
    }, [0, firstMeasured]);
    // The histogram counts from the timer's due time plus its resolution, in nanoseconds.
    const ms = (ns: number) => Math.round(Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS) * 10) / 10;
    return { firstSecond: firstSecond!, measured: measured!, generatorLagMs: { p99: ms(lag.percentile(99)), max: ms(lag.max) } };
  } finally {
    lag.disable();
  }
}

/** The first second's latencies, for a figure's note. */
export function firstSecondNote(firstSecond: PacedRequests): string {
  if (firstSecond.latencies.length === 0) return 'the first second, not counted: none answered';
  const latency = latencyOf(firstSecond.latencies);
  return `the first second, not counted: p50 ${latency.p50} ms, p99 ${latency.p99} ms`;
}

/** The load generator's own lag, for a figure's note. */
export function generatorLagNote(load: Pick<WarmedPacedRequests, 'generatorLagMs'>): string {
  return `the load generator's event loop ran late by p99 ${load.generatorLagMs.p99} ms, at most ${load.generatorLagMs.max} ms`;
}

/** What went wrong in a warmed paced load, the first second included: a failure counts wherever it fell. */
export function warmedPacedProblems(load: Pick<WarmedPacedRequests, 'firstSecond' | 'measured'>, maxInFlight: number): string[] {
  return [...pacedProblems(load.measured, maxInFlight), ...pacedProblems(load.firstSecond, maxInFlight).map((p) => `${p} in the first second`)];
}

/** What went wrong in a paced load, for a figure's note: starts that found no room, requests that failed. */
export function pacedProblems(load: PacedRequests, maxInFlight: number): string[] {
  return [load.skipped ? `${load.skipped} not sent (${maxInFlight} in flight)` : '', load.failed ? `${load.failed} failed` : ''].filter((p) => p !== '');
}
