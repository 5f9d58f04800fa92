import {
  BenchRun,
  censoredLatency,
  chosenScenarios,
  keptUpWithBurst,
  latencyOf,
  markdownTable,
  medianSlope,
  percentile,
  ratio,
  slope,
  summarizeLag,
  withTable,
} from './figures';

describe('benchmark figures', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(latencyOf([5, 1, 3])).toEqual({ p50: 3, p95: 5, p99: 5 });
    expect(latencyOf(samples)).toEqual({ p50: 50, p95: 95, p99: 99 });
  });

  it('given every wait ended while watched, then censored percentiles are the plain ones', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(censoredLatency(samples, 100, 30_000)).toEqual({ p50: 50, p95: 95, p99: 99 });
  });

  it('given waits still running when watching stopped, then the percentiles falling among them are the watch, as lower bounds', () => {
    const ended = Array.from({ length: 96 }, (_, i) => i + 1);
    expect(censoredLatency(ended, 100, 30_000)).toEqual({ p50: 50, p95: 95, p99: 30_000, atLeast: ['p99'] });
    expect(censoredLatency([], 5, 1_000)).toEqual({ p50: 1_000, p95: 1_000, p99: 1_000, atLeast: ['p50', 'p95', 'p99'] });
  });

  it('states a rate as a fraction of its baseline, and nothing without one', () => {
    expect(ratio(190, { name: 'raw transaction', rate: 3800, unit: 'tx/s' })).toEqual({ baseline: 'raw transaction', ratio: 0.05 });
    expect(ratio(190, undefined)).toBeUndefined();
  });

  const RUN_OF_TWO_CORES = { at: '2026-11-30T10:00:00Z', durationSeconds: 10, connections: 20, machine: { cpus: 2, memoryGiB: 24, node: 'v20' } };

  it('writes the table between its markers, replacing the last run’s', () => {
    const run: BenchRun = {
      ...RUN_OF_TWO_CORES,
      figures: [
        { name: 'intake', rate: 1900, unit: 'contacts/s', latencyMs: { p50: 9, p99: 31 }, target: '≥ 50 %', met: true },
        { name: 'timers', rate: 20, unit: 'timers/s', latencyMs: { p50: 30_000, p95: 30_000, p99: 30_000, atLeast: ['p50', 'p95', 'p99'] }, met: false },
      ],
      memoryMiB: { intake: { idle: 90, underLoad: 130 } },
      backlog: { scenario: 'the pipeline', series: { 'group: tickets': { start: 3, middle: 5, end: 2, max: 9, growthPerSecond: -0.1, last: 0 } } },
    };
    const table = markdownTable(run);
    expect(table).toContain('| intake | 1900 contacts/s | 9 | — | 31 | — | ≥ 50 % | yes | — |');
    expect(table).toContain('| timers | 20 timers/s | ≥ 30000 | ≥ 30000 | ≥ 30000 | — | — | no | — |');
    expect(table).toContain('| group: tickets | 3 | 5 | 2 | 9 | -0.1 | 0 |');
    const once = withTable('# Performance\n', table);
    const twice = withTable(once, table.replace('1900', '2000'));
    expect(twice.match(/bench:begin/g)).toHaveLength(1);
    expect(twice).toContain('2000 contacts/s');
    expect(twice.startsWith('# Performance')).toBe(true);
    expect(table).not.toContain('Where the cores went');
  });

  it('writes where the cores went for each watched load, the busiest process of any load first', () => {
    const cpu = { user: 50, system: 20, iowait: 3, idle: 25, other: 2 };
    const span = (processes: Record<string, number>) => ({ fromSeconds: 0, toSeconds: 10, intervals: 10, postgresIntervals: 10, cpu, processes, background: {} });
    const run: BenchRun = {
      ...RUN_OF_TWO_CORES,
      figures: [
        { name: 'raw transaction', rate: 1200, unit: 'tx/s', machine: span({ postgres: 90, harness: 60 }) },
        { name: 'intake', rate: 150, unit: 'contacts/s', machine: span({ intake: 70, postgres: 40, tickets: 30, harness: 10, kworker: 0.4, 'other: a|b': 2 }) },
        { name: 'lookup', rate: 200, unit: 'lookups/s' },
      ],
      memoryMiB: {},
    };
    const table = markdownTable(run);
    const machine = table.slice(table.indexOf('Where the cores went'));
    expect(machine).toContain("percent of one core each process took (the machine's 2 cores make 200; a process under 0.5 in every load is left out)");
    expect(machine).toContain('| process | raw transaction | intake |');
    expect(machine.match(/^\| (postgres|intake|harness|tickets|kworker) \|.*$/gm)).toEqual([
      '| postgres | 90 | 40 |',
      '| intake | 0 | 70 |',
      '| harness | 60 | 10 |',
      '| tickets | 0 | 30 |',
    ]);
    expect(machine).toContain('| idle (% of the machine) | 25 | 25 |');
    expect(machine).toContain('| waiting for the disk (% of the machine) | 3 | 3 |');
    expect(machine).not.toContain('lookup');
    // A name holding the table's separator keeps its row whole.
    expect(machine).toContain('| other: a\\|b | 0 | 2 |');
  });
});

describe('a backlog over a scenario', () => {
  it('given a group that keeps up and one that falls behind, then the one grows and the other does not', () => {
    const samples = [0, 1, 2, 3, 4, 5, 6].map((atSeconds) => ({ atSeconds, lag: { tickets: atSeconds % 2 === 0 ? 4 : 6, reporting: 10 * atSeconds } }));
    const drained = { atSeconds: 9, lag: { tickets: 0, reporting: 0 } };
    const summary = summarizeLag([...samples, drained], 6);
    expect(summary['tickets']).toEqual({ start: 4, middle: 6, end: 4, max: 6, growthPerSecond: 0, last: 0, drainedAfterSeconds: 3 });
    expect(summary['reporting']).toEqual({ start: 0, middle: 30, end: 60, max: 60, growthPerSecond: 10, last: 0, drainedAfterSeconds: 3 });
  });

  it('given a group at 0 for a moment after the load and behind again, then it drained only from when it stayed at 0; one never at 0 did not drain', () => {
    const samples = [
      { atSeconds: 0, lag: { callbacks: 5, tickets: 3 } },
      { atSeconds: 2, lag: { callbacks: 4, tickets: 3 } },
      { atSeconds: 3, lag: { callbacks: 0, tickets: 2 } },
      { atSeconds: 4, lag: { callbacks: 2, tickets: 1 } },
      { atSeconds: 5.5, lag: { callbacks: 0, tickets: 1 } },
      { atSeconds: 6, lag: { callbacks: 0, tickets: 1 } },
    ];
    const summary = summarizeLag(samples, 2);
    expect(summary['callbacks']).toMatchObject({ last: 0, drainedAfterSeconds: 3.5 });
    expect(summary['tickets']).toMatchObject({ last: 1 });
    expect(summary['tickets']?.drainedAfterSeconds).toBeUndefined();
  });

  it('given a group first seen mid-way, then it lagged nothing before', () => {
    const summary = summarizeLag([{ atSeconds: 0, lag: {} }, { atSeconds: 1, lag: { knowledge: 2 } }], 1);
    expect(summary['knowledge']).toMatchObject({ start: 0, end: 2, max: 2 });
  });
});

describe('the scenarios chosen', () => {
  const known = ['baseline', 'intake', 'timers', 'rebuild'];

  it('given nothing, then all; given BENCH_ONLY, those; given BENCH_SKIP, the rest — in the harness’s order', () => {
    expect(chosenScenarios(known, undefined, undefined)).toEqual(known);
    expect(chosenScenarios(known, 'timers,intake', undefined)).toEqual(['intake', 'timers']);
    expect(chosenScenarios(known, undefined, 'rebuild, timers')).toEqual(['baseline', 'intake']);
    expect(chosenScenarios(known, 'intake,timers', 'timers')).toEqual(['intake']);
    expect(chosenScenarios(known, '', '')).toEqual(known);
  });

  it('given a name the harness does not know, then it says which it knows', () => {
    expect(() => chosenScenarios(known, 'timer', undefined)).toThrow('unknown scenario timer; the scenarios are baseline, intake, timers, rebuild');
  });
});

describe('soak growth', () => {
  it('is the least-squares slope: flat memory is 0, a steady climb is its rate', () => {
    expect(slope([[0, 100], [1, 100], [2, 100]])).toBe(0);
    expect(slope([[0, 100], [1, 102], [2, 104]])).toBe(2);
    expect(slope([[5, 1]])).toBe(0);
  });

  it('is, by the median of pairs, a steady climb’s rate, and not carried by a stretch of points off the line', () => {
    expect(medianSlope([[0, 100], [1, 102], [2, 104], [3, 106]])).toBe(2);
    expect(medianSlope([[0, 100], [1, 100], [2, 100]])).toBe(0);
    expect(medianSlope([[5, 1]])).toBe(0);
    expect(medianSlope([[5, 1], [5, 9]])).toBe(0);
    // Ten flat points, the eighth and ninth 40 above: least squares calls it growth, the median does not.
    const swing: [number, number][] = Array.from({ length: 10 }, (_, x) => [x, x === 7 || x === 8 ? 240 : 200]);
    expect(slope(swing)).toBeGreaterThan(2);
    expect(medianSlope(swing)).toBe(0);
  });

  it('given a day’s soak of floors, then the median of pairs reads its climb from points taken evenly over it', () => {
    const day: [number, number][] = Array.from({ length: 17_280 }, (_, i) => [i * 5, 200 + i * 0.01 + (i % 97 === 0 ? 50 : 0)]);
    expect(medianSlope(day)).toBeCloseTo(0.002, 6);
  });

  it('counts the tickets consumer as keeping up when what a burst left drains within the contact → ticket target', () => {
    expect(keptUpWithBurst(0, 0)).toBe(true);
    expect(keptUpWithBurst(0.25, 0)).toBe(true);
    expect(keptUpWithBurst(0.26, 0)).toBe(false);
    expect(keptUpWithBurst(0.1, 3)).toBe(false);
    expect(keptUpWithBurst(30, 0)).toBe(false);
  });
});
