import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_JWT_SECRET, DevTokenInput, signDevToken } from '@cs/auth';

/**
 * The isolated copy of the services a benchmark runs against (scripts/isolated-copy.sh started
 * it): where its services listen, the processes behind them, and the tokens its callers carry.
 */
export const ROOT = join(__dirname, __dirname.includes('/dist/tools/') ? '../../..' : '../..');

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (scripts/bench.sh sets it)`);
  return value;
}

/** The pid of each of the copy's processes, by name (`tickets`, `tickets-2`, …), from their pid files. */
function copyPids(pidsDir: string): Map<string, number> {
  return new Map(
    readdirSync(pidsDir)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => [f.replace(/\.pid$/, ''), Number(readFileSync(join(pidsDir, f), 'utf8').trim())]),
  );
}

/** Resident set size of each of the copy's processes, from their pid files. */
export function residentMiB(pidsDir: string): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const [name, pid] of copyPids(pidsDir)) {
    const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    if (kb) sizes[name] = Math.round(Number(kb) / 1024);
  }
  return sizes;
}

/**
 * Runs `work` with every process of the copy but those named in `running` stopped (SIGSTOP) and
 * continues them afterwards (SIGCONT), however `work` ends: what one service does on the machine
 * with nothing else of the system using its cores. A stopped process keeps its connections,
 * compiled code and consumer-group membership (a pause shorter than the session timeout is not
 * even a rebalance); what it would have done meanwhile waits for it in Kafka and the outboxes.
 */
export async function withOthersPaused<T>(pidsDir: string, running: readonly string[], work: () => Promise<T>): Promise<T> {
  const paused = [...copyPids(pidsDir)].filter(([name]) => !running.includes(name)).map(([, pid]) => pid);
  try {
    for (const pid of paused) process.kill(pid, 'SIGSTOP');
    return await work();
  } finally {
    for (const pid of paused) process.kill(pid, 'SIGCONT');
  }
}

const run = promisify(execFile);

/**
 * Starts process `n` (2, 3…) of a service of the copy: same database, Kafka consumer group and
 * partitions, its own port. Resolves with its base URL once it is ready.
 */
export async function startReplica(stateDir: string, service: string, n: number): Promise<string> {
  const { stdout } = await run('bash', [join(ROOT, 'scripts/isolated-copy.sh'), 'replica', 'start', service, String(n), stateDir], { cwd: ROOT });
  const port = /(\d+)\s*$/.exec(stdout)?.[1];
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

/** A JSON request with a bearer token; a request still unanswered after `timeoutMs` is abandoned. */
export async function call<T>(url: string, bearer: string, init: { method?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${bearer}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
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
