import { round } from './figures';

/**
 * The machine's and its processes' times as Linux's `/proc` keeps them, and the shares of an
 * interval they make: what the machine watch reads about every second while a load runs.
 */

export const CPU_STATES = ['user', 'system', 'iowait', 'idle', 'other'] as const;
export type CpuState = (typeof CPU_STATES)[number];
/** The machine's time in each state since boot, in clock ticks. */
export type CpuTicks = Readonly<Record<CpuState, number>>;
/** Each state's percent of an interval of all the machine's cores. */
export type CpuShares = Readonly<Record<CpuState, number>>;

/** The first line of `/proc/stat`; nice, interrupts and steal go into `other`, guest time is already in user. */
export function cpuTicks(procStat: string): CpuTicks {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no cpu line');
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { user, system, iowait, idle, other: nice + irq + softirq + steal };
}

export function cpuShares(before: CpuTicks, after: CpuTicks): CpuShares {
  const d = (k: CpuState) => Math.max(0, after[k] - before[k]);
  const total = CPU_STATES.reduce((sum, k) => sum + d(k), 0);
  const share = (k: CpuState) => (total > 0 ? round((d(k) / total) * 100) : 0);
  return { user: share('user'), system: share('system'), iowait: share('iowait'), idle: share('idle'), other: share('other') };
}

/** What `/proc/<pid>/stat` says of a process, in clock ticks. */
export interface ProcessStat {
  readonly ppid: number;
  /** Its own user and system time, every thread's. */
  readonly ticks: number;
  /** The user and system time of the children it has reaped (theirs and their reaped children's). */
  readonly childTicks: number;
  /** When it started, in ticks since boot: with the pid, what tells a process from a later one given its pid. */
  readonly startedAt: number;
}

export function processStat(text: string): ProcessStat {
  // The command name, in parentheses, may hold spaces and parentheses itself: fields count from the
  // last ')'. The slice starts at the 3rd field (state); proc(5)'s field n is at n - 3.
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const field = (n: number) => fields[n - 3] ?? 0;
  return { ppid: field(4), ticks: field(14) + field(15), childTicks: field(16) + field(17), startedAt: field(22) };
}

/** A process in one reading, under the name its time is listed by. */
export interface ProcessReading {
  readonly pid: number;
  readonly name: string;
  /** Of the system or the harness: listed whatever it took. Any other is listed from {@link OTHERS_LISTED_FROM} % of a core. */
  readonly known: boolean;
  readonly stat: ProcessStat;
}

/** A process outside the system listed only from this share of a core: the machine's idle kernel threads would fill every interval. */
export const OTHERS_LISTED_FROM = 1;

/** The key a reading's processes are kept under: a pid given to a later process is another key. */
export function processKey(pid: number, stat: ProcessStat): string {
  return `${pid}@${stat.startedAt}`;
}

/**
 * Percent of one core each name's processes took between two readings (keyed by
 * {@link processKey}). A process first seen in the second reading started within the interval:
 * all its time is the interval's. One that ended since the first reading is counted through its
 * parent: what the parent's reaped children's time gained, beyond what the first reading had
 * seen of those that ended, is listed as `<parent> (ended children)` — the autovacuum workers
 * Postgres starts and reaps by the minute, a script's short commands.
 */
export function processShares(
  before: ReadonlyMap<string, ProcessReading>,
  after: ReadonlyMap<string, ProcessReading>,
  elapsedSeconds: number,
  ticksPerSecond: number,
): Record<string, number> {
  const groups = new Map<string, { ticks: number; known: boolean }>();
  const add = (name: string, known: boolean, ticks: number) => {
    const group = groups.get(name) ?? { ticks: 0, known: false };
    groups.set(name, { ticks: group.ticks + Math.max(0, ticks), known: group.known || known });
  };
  const keyOfPid = new Map([...after].map(([key, p]) => [p.pid, key]));
  const unseen = new Map<string, number>();
  for (const [key, p] of after) {
    const was = before.get(key);
    add(p.name, p.known, p.stat.ticks - (was?.stat.ticks ?? 0));
    if (was) unseen.set(key, p.stat.childTicks - was.stat.childTicks);
  }
  for (const [key, ended] of before) {
    if (after.has(key)) continue;
    const parent = keyOfPid.get(ended.stat.ppid);
    const gained = parent === undefined ? undefined : unseen.get(parent);
    if (parent !== undefined && gained !== undefined) unseen.set(parent, gained - ended.stat.ticks - ended.stat.childTicks);
  }
  for (const [key, ticks] of unseen) {
    const parent = after.get(key);
    if (parent && ticks > 0) add(`${parent.name} (ended children)`, parent.known, ticks);
  }
  return Object.fromEntries(
    [...groups]
      .map(([name, { ticks, known }]) => ({ name, known, share: elapsedSeconds > 0 ? round((ticks / ticksPerSecond / elapsedSeconds) * 100) : 0 }))
      .filter(({ known, share }) => known || share >= OTHERS_LISTED_FROM)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ name, share }) => [name, share]),
  );
}

/** The `total=` stall times (µs) of a `/proc/pressure/<resource>` file's `some` and `full` lines. */
export function pressureTotals(text: string): { readonly some: number; readonly full: number } {
  const total = (kind: string) => Number(new RegExp(`^${kind} .*total=(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { some: total('some'), full: total('full') };
}
