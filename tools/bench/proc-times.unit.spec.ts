import { ProcessReading, cpuShares, cpuTicks, pressureTotals, processKey, processShares, processStat } from './proc-times';

describe("the machine's times in /proc", () => {
  it("reads /proc/stat's cpu line, folding nice, interrupts and steal into other, and leaving guest time in user", () => {
    const stat = 'cpu  1000 10 200 5000 300 0 20 5 400 70\ncpu0 500 5 100 2500 150 0 10 2 200 35\nintr 1\n';
    expect(cpuTicks(stat)).toEqual({ user: 1000, system: 200, idle: 5000, iowait: 300, other: 35 });
    expect(() => cpuTicks('intr 1\n')).toThrow('/proc/stat has no cpu line');
  });

  it('gives each state its share of the ticks between two readings', () => {
    const before = { user: 1000, system: 200, iowait: 300, idle: 5000, other: 35 };
    const after = { user: 1100, system: 250, iowait: 330, idle: 5015, other: 40 };
    expect(cpuShares(before, after)).toEqual({ user: 50, system: 25, iowait: 15, idle: 7.5, other: 2.5 });
    expect(cpuShares(before, before)).toEqual({ user: 0, system: 0, iowait: 0, idle: 0, other: 0 });
  });

  it("reads a process's parent, times, reaped children's times and start past a command name holding spaces and parentheses", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime prio nice threads itreal starttime …
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 731 69 40 2 20 0 11 0 123456 789 10';
    expect(processStat(stat)).toEqual({ ppid: 1, ticks: 800, childTicks: 42, startedAt: 123456 });
  });

  it("reads /proc/pressure's stall totals", () => {
    const text = 'some avg10=1.00 avg60=2.38 avg300=1.86 total=131897754\nfull avg10=0.00 avg60=1.67 avg300=1.21 total=58561236\n';
    expect(pressureTotals(text)).toEqual({ some: 131897754, full: 58561236 });
    expect(pressureTotals('some avg10=0.00 avg60=0.00 avg300=0.00 total=7\n')).toEqual({ some: 7, full: 0 });
  });
});

describe("each process's share of a core", () => {
  const reading = (pid: number, name: string, ticks: number, more: { known?: boolean; ppid?: number; childTicks?: number; startedAt?: number } = {}): [string, ProcessReading] => {
    const stat = { ppid: more.ppid ?? 1, ticks, childTicks: more.childTicks ?? 0, startedAt: more.startedAt ?? pid * 10 };
    return [processKey(pid, stat), { pid, name, known: more.known ?? true, stat }];
  };

  it('gives each name its processes’ share, counting a process new to the second reading whole', () => {
    const before = new Map([reading(10, 'intake', 500), reading(11, 'postgres: intake', 100), reading(14, 'harness', 7), reading(16, 'other: kworker', 300, { known: false })]);
    const after = new Map([
      reading(10, 'intake', 560),
      reading(11, 'postgres: intake', 130),
      reading(13, 'postgres: intake', 20),
      reading(14, 'harness', 7),
      reading(15, 'other: kdamond.0', 50, { known: false }),
      reading(16, 'other: kworker', 301, { known: false }),
    ]);
    // Two seconds at 100 ticks a second: intake took 60 ticks, its backends 30 + 20.
    // The harness is listed idle; a process outside the system only from 1 % of a core.
    expect(processShares(before, after, 2, 100)).toEqual({ intake: 30, 'postgres: intake': 25, harness: 0, 'other: kdamond.0': 25 });
  });

  it('counts a pid given to a later process as that process, from nothing', () => {
    const before = new Map([reading(20, 'postgres: tickets', 900, { startedAt: 1_000 })]);
    // Pid 20 now belongs to a process started later: its 30 ticks are all its own, not 30 − 900.
    const after = new Map([reading(20, 'postgres: autovacuum worker', 30, { startedAt: 5_000 })]);
    expect(processShares(before, after, 1, 100)).toEqual({ 'postgres: autovacuum worker': 30 });
  });

  it("counts what ended since the last reading through its parent's reaped children's time, beyond what had been seen of them", () => {
    const before = new Map([
      reading(1, 'postgres', 50, { childTicks: 1_000 }),
      // An autovacuum worker seen with 40 ticks, which ends within the interval with 70.
      reading(30, 'postgres: autovacuum worker', 40, { ppid: 1 }),
      reading(40, 'other: bash', 5, { known: false, childTicks: 0 }),
    ]);
    const after = new Map([
      // The server reaped it (70) and another worker started and ended unseen (20): 90 more.
      reading(1, 'postgres', 51, { childTicks: 1_090 }),
      reading(40, 'other: bash', 5, { known: false, childTicks: 3 }),
    ]);
    // Unseen: 90 − 40 = 50 ticks of the server's ended children; a command the script ran and reaped
    // within the interval, 3 (listed: 3 % of a core); the idle script itself is not.
    expect(processShares(before, after, 1, 100)).toEqual({ postgres: 1, 'postgres (ended children)': 50, 'other: bash (ended children)': 3 });
    // What the parent had reaped before the first reading is not the interval's.
    const quiet = new Map([reading(1, 'postgres', 51, { childTicks: 1_090 })]);
    expect(processShares(quiet, quiet, 1, 100)).toEqual({ postgres: 0 });
  });
});
