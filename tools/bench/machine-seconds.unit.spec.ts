import { MachineSecond, activityOf, postgresProcessName, cpuShares, cpuTicks, describeSpan, machineDuring, pressureTotals, processShares, processTicks } from './machine-seconds';

describe('the machine in a second of a load', () => {
  it("reads /proc/stat's cpu line, folding nice, interrupts and steal into other", () => {
    const stat = 'cpu  1000 10 200 5000 300 0 20 5 0 0\ncpu0 500 5 100 2500 150 0 10 2 0 0\nintr 1\n';
    expect(cpuTicks(stat)).toEqual({ user: 1000, system: 200, idle: 5000, iowait: 300, other: 35 });
  });

  it('gives each state its share of the ticks between two readings', () => {
    const before = { user: 1000, system: 200, iowait: 300, idle: 5000, other: 35 };
    const after = { user: 1100, system: 250, iowait: 330, idle: 5015, other: 40 };
    expect(cpuShares(before, after)).toEqual({ user: 50, system: 25, iowait: 15, idle: 7.5, other: 2.5 });
    expect(cpuShares(before, before)).toEqual({ user: 0, system: 0, iowait: 0, idle: 0, other: 0 });
  });

  it("reads a process's user and system ticks past a command name holding spaces and parentheses", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 731 69 0 0 20 0 11 0 123 456';
    expect(processTicks(stat)).toBe(800);
  });

  it("gives each group its processes' share of one core, counting a process new to the second reading whole", () => {
    const before = new Map([
      [10, 500],
      [11, 100],
      [12, 40],
      [14, 7],
      [15, 900],
      [16, 300],
    ]);
    const after = new Map([
      [10, { name: 'intake', known: true, ticks: 560 }],
      [11, { name: 'postgres', known: true, ticks: 130 }],
      [13, { name: 'postgres', known: true, ticks: 20 }],
      [14, { name: 'harness', known: true, ticks: 7 }],
      [15, { name: 'kdamond.0', known: false, ticks: 950 }],
      [16, { name: 'kworker', known: false, ticks: 301 }],
    ]);
    // Two seconds at 100 ticks a second: intake took 60 ticks, postgres 30 + 20; pid 12 is gone.
    // The harness is listed idle; a process outside the system only from 1 % of a core.
    expect(processShares(before, after, 2, 100)).toEqual({ intake: 30, postgres: 25, harness: 0, 'kdamond.0': 25 });
  });

  it("names a Postgres process by its title: a client's backend by its role, Postgres's own by their kind", () => {
    const title = (t: string) => `${t}\0\0\0`;
    expect(postgresProcessName(title('postgres: intake cs_bench_1 127.0.0.1(53422) idle in transaction'))).toBe('postgres: intake');
    expect(postgresProcessName(title('postgres: tickets cs_bench_1 127.0.0.1(53423) SELECT'))).toBe('postgres: tickets');
    expect(postgresProcessName(title('postgres: checkpointer '))).toBe('postgres: checkpointer');
    expect(postgresProcessName(title('postgres: autovacuum worker cs_bench_1'))).toBe('postgres: autovacuum worker');
    expect(postgresProcessName(title('postgres: autovacuum launcher '))).toBe('postgres: autovacuum launcher');
    expect(postgresProcessName(title('postgres: parallel worker for PID 4242'))).toBe('postgres: parallel worker');
    // The server itself, and a backend just forked, still carry the server's command line.
    expect(postgresProcessName('/usr/lib/postgresql/15/bin/postgres\0-D\0/data\0')).toBeUndefined();
  });

  it("reads /proc/pressure's stall totals", () => {
    const text = 'some avg10=1.00 avg60=2.38 avg300=1.86 total=131897754\nfull avg10=0.00 avg60=1.67 avg300=1.21 total=58561236\n';
    expect(pressureTotals(text)).toEqual({ some: 131897754, full: 58561236 });
    expect(pressureTotals('some avg10=0.00 avg60=0.00 avg300=0.00 total=7\n')).toEqual({ some: 7, full: 0 });
  });

  it("counts the database's busy sessions by their wait, and names a checkpoint and an autovacuum under way", () => {
    const session = (state: string | null, waitEventType: string | null = null, waitEvent: string | null = null) => ({
      backendType: 'client backend',
      state,
      waitEventType,
      waitEvent,
      query: null,
    });
    const activity = activityOf([
      session('active'),
      session('active'),
      session('active', 'IO', 'WALSync'),
      session('active', 'Lock', 'transactionid'),
      session('idle in transaction'),
      session('idle in transaction (aborted)'),
      session('idle', 'Client', 'ClientRead'),
      { backendType: 'checkpointer', state: null, waitEventType: 'Timeout', waitEvent: 'CheckpointWriteDelay', query: null },
      { backendType: 'autovacuum worker', state: 'active', waitEventType: null, waitEvent: null, query: 'autovacuum: VACUUM intake.outbox' },
      { backendType: 'walwriter', state: null, waitEventType: 'Activity', waitEvent: 'WalWriterMain', query: null },
    ]);
    expect(activity).toEqual({
      sessions: { CPU: 2, 'IO:WALSync': 1, 'Lock:transactionid': 1, 'idle in transaction': 2 },
      background: ['autovacuum: VACUUM intake.outbox', 'checkpoint'],
    });
    const between = activityOf([{ backendType: 'checkpointer', state: null, waitEventType: 'Activity', waitEvent: 'CheckpointerMain', query: null }]);
    expect(between).toEqual({ sessions: {}, background: [] });
  });

  const second = (from: number, over: Partial<MachineSecond> = {}): MachineSecond => ({
    fromSeconds: from,
    toSeconds: from + 1,
    cpu: { user: 60, system: 20, iowait: 0, idle: 20, other: 0 },
    processes: { intake: 50, postgres: 40 },
    ...over,
  });

  it('averages the intervals a slow request waited through, and leaves the others out', () => {
    const seconds = [
      second(0),
      second(1, {
        cpu: { user: 20, system: 10, iowait: 60, idle: 10, other: 0 },
        processes: { intake: 10, postgres: 20, kafka: 6 },
        pressure: { cpuSome: 10, ioSome: 80, ioFull: 50 },
        postgres: { walMiBPerSecond: 6, sessions: { 'IO:WALSync': 8 }, background: ['checkpoint'] },
      }),
      second(2, {
        cpu: { user: 40, system: 10, iowait: 40, idle: 10, other: 0 },
        processes: { intake: 30, postgres: 60 },
        pressure: { cpuSome: 20, ioSome: 40, ioFull: 30 },
        postgres: { walMiBPerSecond: 2, sessions: { 'IO:WALSync': 2, CPU: 2 }, background: ['autovacuum: VACUUM intake.outbox', 'checkpoint'] },
      }),
      second(3),
    ];
    const span = machineDuring(seconds, 1.2, 2.9);
    expect(span).toEqual({
      fromSeconds: 1.2,
      toSeconds: 2.9,
      intervals: 2,
      cpu: { user: 30, system: 10, iowait: 50, idle: 10, other: 0 },
      processes: { postgres: 40, intake: 20, kafka: 3 },
      pressure: { cpuSome: 15, ioSome: 60, ioFull: 40 },
      walMiBPerSecond: 4,
      sessions: { CPU: 1, 'IO:WALSync': 5 },
      background: { checkpoint: 100, 'autovacuum: VACUUM intake.outbox': 50 },
    });
    expect(Object.keys(span!.background)).toEqual(['checkpoint', 'autovacuum: VACUUM intake.outbox']);
    expect(describeSpan(span!)).toBe(
      'cores: user 30, system 10, iowait 50, idle 10, other 0 %; busiest (% of a core): postgres 40, intake 20, kafka 3; ' +
        'stalled (% of the time): cpuSome 15, ioSome 60, ioFull 40; WAL 4 MiB/s; busy sessions: CPU 1, IO:WALSync 5; ' +
        'under way (% of the time): checkpoint 100, autovacuum: VACUUM intake.outbox 50',
    );
  });

  it('says so when Postgres answered for none of the intervals, and gives nothing for a span the watch missed', () => {
    const span = machineDuring([second(0), second(1)], 0.5, 1.5);
    expect(span).toMatchObject({ intervals: 2, background: {}, processes: { intake: 50, postgres: 40 } });
    expect(span).not.toHaveProperty('sessions');
    expect(describeSpan(span!)).toBe('cores: user 60, system 20, iowait 0, idle 20, other 0 %; busiest (% of a core): intake 50, postgres 40; under way (% of the time): nothing');
    expect(machineDuring([second(0), second(1)], 5, 6)).toBeUndefined();
  });

  it('leaves out of its line the sessions and tasks that were seen in no reading', () => {
    const quiet = second(0, { postgres: { walMiBPerSecond: 0.1, sessions: { CPU: 0, 'IO:WALSync': 1 }, background: [] } });
    const busy = second(1, { postgres: { walMiBPerSecond: 0.1, sessions: { CPU: 0 }, background: ['checkpoint'] } });
    const line = describeSpan(machineDuring([quiet, busy], 0, 2)!);
    expect(line).toContain('busy sessions: IO:WALSync 0.5;');
    expect(line).toContain('under way (% of the time): checkpoint 50');
    expect(line).not.toContain('CPU 0');
  });

  it('orders the processes most first, and names the five busiest in its line', () => {
    const processes = { a: 1, b: 6, c: 3, d: 5, e: 2, f: 4 };
    const span = machineDuring([second(0, { processes })], 0, 1)!;
    expect(Object.keys(span.processes)).toEqual(['b', 'd', 'f', 'c', 'e', 'a']);
    expect(describeSpan(span)).toContain('busiest (% of a core): b 6, d 5, f 4, c 3, e 2;');
  });
});
