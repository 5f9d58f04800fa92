import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyPids, relativePolling, until, withOthersPaused } from './copy';

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
  const stoppedNow = (pid: number) => /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))![1] === 'T';
  /**
   * Whether each process comes to be stopped or running as `expected` says: a signal takes effect
   * when the kernel next schedules the process, not within kill(2), so the states are read until
   * they match or two seconds passed.
   */
  const become = (pids: number[], expected: boolean[]) => until(async () => pids.every((pid, i) => stoppedNow(pid) === expected[i]), 2_000, 10);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-copy-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops every process but those kept running while the work runs, and continues them after', async () => {
    const pids = [launch('intake'), launch('tickets'), launch('tickets-2')];
    expect(await withOthersPaused(dir, ['intake'], () => become(pids, [false, true, true]))).toBe(true);
    expect(await become(pids, [false, false, false])).toBe(true);
  });

  it('continues them when the work fails', async () => {
    const tickets = launch('tickets');
    let pausedMeanwhile = false;
    await expect(
      withOthersPaused(dir, ['intake'], async () => {
        pausedMeanwhile = await become([tickets], [true]);
        throw new Error('the load generator failed');
      }),
    ).rejects.toThrow('the load generator failed');
    expect(pausedMeanwhile).toBe(true);
    expect(await become([tickets], [false])).toBe(true);
  });

  it('reads the pids of the copy by process name, leaving out a file not yet holding one', () => {
    writeFileSync(join(dir, 'tickets-2.pid'), '4242\n');
    writeFileSync(join(dir, 'reporting.pid'), '');
    writeFileSync(join(dir, 'copy.state'), 'COPY_MARKER=x');
    expect([...copyPids(dir)]).toEqual([['tickets-2', 4242]]);
  });

  it('passes over a process gone before or during the pause, and still continues the others', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, 'callbacks.pid'), `${gone}\n`);
    const reporting = launch('reporting');
    const tickets = launch('tickets');
    const answer = await withOthersPaused(dir, [], async () => {
      const paused = await become([reporting, tickets], [true, true]);
      children.find((c) => c.pid === reporting)!.kill('SIGKILL');
      await new Promise((resolve) => children.find((c) => c.pid === reporting)!.once('exit', resolve));
      return paused;
    });
    expect(answer).toBe(true);
    expect(await become([tickets], [false])).toBe(true);
  });
});
