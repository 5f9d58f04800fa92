import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relativePolling, until, withOthersPaused } from './copy';

describe('polling a watched contact', () => {
  it('polls at the minimum while the wait is short, then every twentieth of the time waited', () => {
    const every = relativePolling(20);
    expect(every(0)).toBe(20);
    expect(every(300)).toBe(20);
    expect(every(1_000)).toBe(50);
    expect(every(11_000)).toBe(550);
  });
});

describe('pausing the rest of the copy', () => {
  const children: ChildProcess[] = [];
  let dir: string;

  /** A process of the copy, named as its pid file names it. */
  const launch = (name: string): number => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    writeFileSync(join(dir, `${name}.pid`), `${child.pid}\n`);
    return child.pid!;
  };
  /** The process's state letter from /proc: T while stopped. */
  const state = (pid: number) => /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))![1];
  /** Signals take effect when the kernel next schedules the process, not within kill(2): the states read until they settle. */
  const settledStates = async (pids: number[], stopped: boolean[]) => {
    await until(async () => pids.every((pid, i) => (state(pid) === 'T') === stopped[i]), 2_000, 10);
    return pids.map((pid) => state(pid) === 'T');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-copy-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops every process but those kept running while the work runs, and continues them after', async () => {
    const intake = launch('intake');
    const tickets = launch('tickets');
    const replica = launch('tickets-2');
    const pids = [intake, tickets, replica];
    const during = await withOthersPaused(dir, ['intake'], () => settledStates(pids, [false, true, true]));
    expect(during).toEqual([false, true, true]);
    expect(await settledStates(pids, [false, false, false])).toEqual([false, false, false]);
  });

  it('continues them when the work fails', async () => {
    const tickets = launch('tickets');
    await expect(
      withOthersPaused(dir, ['intake'], async () => {
        expect(await settledStates([tickets], [true])).toEqual([true]);
        throw new Error('the load generator failed');
      }),
    ).rejects.toThrow('the load generator failed');
    expect(await settledStates([tickets], [false])).toEqual([false]);
  });
});
