import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_JWT_SECRET, DevTokenInput, signDevToken } from '@cs/auth';
import { metricSamples, scrapeMetrics } from '@cs/observability';
import { round } from './figures';
import type { LiveHeapReading } from './soak-verdict';

/**
 * The isolated copy of the services a benchmark runs against (scripts/isolated-copy.sh started
 * it): where its services listen, the processes behind them, and the tokens its callers carry.
 */
export const ROOT = join(__dirname, __dirname.includes('/dist/tools/') ? '../../..' : '../..');

/** A number setting of the run, `fallback` when the environment does not give it. */
export function setting(name: string, fallback: number): number {
  return Number(process.env[name] ?? fallback);
}

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (scripts/bench.sh sets it)`);
  return value;
}

/**
 * The pid of each of the copy's processes, by name (`tickets`, `tickets-2`, …), from their pid
 * files. A file not (yet) holding a positive pid is left out: signalled, pid 0 would be this
 * process's whole group, the benchmark itself among it.
 */
export function copyPids(pidsDir: string): Map<string, number> {
  const pids = new Map<string, number>();
  for (const file of readdirSync(pidsDir).filter((f) => f.endsWith('.pid'))) {
    const pid = Number(readFileSync(join(pidsDir, file), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) pids.set(file.replace(/\.pid$/, ''), pid);
  }
  return pids;
}

/** A file's text, or undefined where there is none: a process in `/proc` may end between being listed and being read. */
export function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Resident set size of each of the copy's processes, from their pid files. */
export function residentMiB(pidsDir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [name, pid] of copyPids(pidsDir)) {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readIfThere(`/proc/${pid}/status`) ?? '')?.[1];
    if (kb) sizes[name] = Math.round(Number(kb) / 1024);
  }
  return sizes;
}

/** `intake=http://…:3201 tickets=http://…:3202 …` (BENCH_SERVICE_URLS) as a record by service. */
export function serviceUrls(listed: string): Record<string, string> {
  return Object.fromEntries(
    listed
      .split(/\s+/)
      .filter(Boolean)
      .map((entry) => {
        const at = entry.indexOf('=');
        if (at <= 0) throw new Error(`BENCH_SERVICE_URLS: '${entry}' is not <service>=<url>`);
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
  );
}

/** What one round of scrapes read of each service's memory, for the services that answered. */
export interface HeapSample {
  /** The heap in use after the last full collection, and when that was; absent until the first (0). */
  readonly live: Record<string, LiveHeapReading>;
  /** V8's heap as committed (`nodejs_heap_size_total_bytes`), in MiB. */
  readonly committed: Record<string, number>;
  /**
   * The resident size the service read of itself in the same scrape (`process_resident_memory_bytes`:
   * VmRSS, the field /proc gives the harness), in MiB: the committed heap's part of it is then the
   * part of one moment, where a resident size read after every service answered could be seconds later.
   */
  readonly resident: Record<string, number>;
}

/**
 * Each service's heap in use after its last full collection (`nodejs_heap_live_bytes`), in MiB,
 * and when that collection was (`nodejs_heap_live_timestamp_seconds`), in seconds from
 * `startedMs`, its V8 heap as committed and its resident size, all of one scrape: a service that
 * does not answer its /metrics in time is left out.
 */
export async function sampleHeaps(urls: Record<string, string>, startedMs: number): Promise<HeapSample> {
  const sample: HeapSample = { live: {}, committed: {}, resident: {} };
  const mib = (bytes: number) => round(bytes / 1024 / 1024);
  await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      const text = await scrapeMetrics(url).catch(() => '');
      const value = (metric: string) => metricSamples(text, metric)[0]?.value;
      const [bytes, at] = [value('nodejs_heap_live_bytes'), value('nodejs_heap_live_timestamp_seconds')];
      if (bytes && at) sample.live[service] = { mib: mib(bytes), collectedAtSeconds: Math.round(at * 1000 - startedMs) / 1000 };
      const [total, resident] = [value('nodejs_heap_size_total_bytes'), value('process_resident_memory_bytes')];
      if (total) sample.committed[service] = mib(total);
      if (resident) sample.resident[service] = mib(resident);
    }),
  );
  return sample;
}

/**
 * Runs `work` with every process of the copy but those named in `running` stopped (SIGSTOP) and
 * continues them afterwards (SIGCONT), however `work` ends: what one service does on the machine
 * with nothing else of the system using its cores. A stopped process keeps its connections and
 * compiled code; what it would have done meanwhile waits for it in Kafka and the outboxes. Its
 * consumer-group membership outlasts a pause shorter than the session timeout (30 s); after a
 * longer one it rejoins when continued, which the catching up then includes.
 */
export async function withOthersPaused<T>(pidsDir: string, running: readonly string[], work: () => Promise<T>): Promise<T> {
  const stopped: number[] = [];
  try {
    for (const [name, pid] of copyPids(pidsDir)) {
      if (running.includes(name)) continue;
      // A process gone since its pid file was written is not paused, and not the run's failure.
      if (signal(pid, 'SIGSTOP')) stopped.push(pid);
    }
    return await work();
  } finally {
    // Only a process gone since it was stopped can refuse (it could be stopped, so it may be
    // signalled): each of the others is continued, and what `work` did is what is reported.
    for (const pid of stopped) signal(pid, 'SIGCONT');
  }
}

/** Sends `name` to `pid`; false when there is no such process (ESRCH), any other failure thrown. */
function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

const run = promisify(execFile);

/**
 * Starts process `n` (2, 3…) of a service of the copy: same database, Kafka consumer group and
 * partitions, its own port. Resolves with its base URL once it is ready.
 */
export async function startReplica(stateDir: string, service: string, n: number): Promise<string> {
  const { stdout } = await run('bash', [join(ROOT, 'scripts/isolated-copy.sh'), 'replica', 'start', service, String(n), stateDir], { cwd: ROOT });
  const port = /(?<!\d)(\d+)\s*$/.exec(stdout)?.[1];
  if (!port) throw new Error(`${service} replica ${n} did not say where it listens: ${stdout}`);
  return `http://127.0.0.1:${port}`;
}

export async function stopReplica(stateDir: string, service: string, n: number): Promise<void> {
  await run('bash', [join(ROOT, 'scripts/isolated-copy.sh'), 'replica', 'stop', service, String(n), stateDir], { cwd: ROOT });
}

export function token(input: DevTokenInput): Promise<string> {
  return signDevToken(input, process.env['JWT_SECRET'] ?? DEV_JWT_SECRET);
}

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * How long an idle kept-alive connection may wait for reuse: under the 5 s after which Node's HTTP
 * servers close an idle one, so the harness never writes to a connection the server is closing.
 */
const KEPT_IDLE_MS = 4_000;

/**
 * The harness's connections, kept alive between requests. `call` sends through node:http rather
 * than `fetch`: the load generator runs on the cores the system under test uses, and Node's
 * `fetch` (WHATWG streams, an AbortSignal timer per request) cost it about 1.2–1.4 ms of CPU per
 * lookup against 1 ms this way — at 200 lookups a second, a tenth of a core more for the services.
 */
const keptAlive = new Agent({ keepAlive: true, timeout: KEPT_IDLE_MS });

/** A JSON request with a bearer token; a request still unanswered after `timeoutMs` is abandoned. */
export async function call<T>(url: string, bearer: string, init: { method?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Answer<T>> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const timeoutMs = init.timeoutMs ?? 30_000;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const sent = request(
      url,
      {
        method: init.method ?? 'GET',
        agent: keptAlive,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    const abandon = setTimeout(() => {
      // Named as fetch's AbortSignal.timeout names it: callers tell a timeout from a failure by it.
      const timedOut = new Error(`${init.method ?? 'GET'} ${url}: no answer within ${timeoutMs} ms`);
      timedOut.name = 'TimeoutError';
      sent.destroy(timedOut);
    }, timeoutMs);
    sent.on('close', () => clearTimeout(abandon));
    sent.on('error', reject);
    sent.end(body);
  });
  return { status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Checks every `everyMs` until `done` holds or `timeoutMs` passed; whether it came to hold. */
export async function until(done: () => Promise<boolean>, timeoutMs: number, everyMs: number | ((waitedMs: number) => number) = 200): Promise<boolean> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(typeof everyMs === 'number' ? everyMs : everyMs(Date.now() - started));
  }
}

/**
 * Polls often while the wait is short and less as it grows (a twentieth of the time waited, at
 * least `minimumMs`): a latency is read within 5 %, and watchers of a system that fell behind
 * do not add the load of their polls to what they measure.
 */
export const relativePolling =
  (minimumMs: number) =>
  (waitedMs: number): number =>
    Math.max(minimumMs, waitedMs / 20);
