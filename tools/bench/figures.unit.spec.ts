import { slope } from './soak';
import { BenchRun, latencyOf, markdownTable, percentile, ratio, withTable } from './figures';

describe('benchmark figures', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(latencyOf([5, 1, 3])).toEqual({ p50: 3, p99: 5 });
  });

  it('states a rate as a fraction of its baseline, and nothing without one', () => {
    expect(ratio(190, { name: 'raw transaction', rate: 3800, unit: 'tx/s' })).toEqual({ baseline: 'raw transaction', ratio: 0.05 });
    expect(ratio(190, undefined)).toBeUndefined();
  });

  it('writes the table between its markers, replacing the last run’s', () => {
    const run: BenchRun = {
      at: '2026-11-30T10:00:00Z',
      durationSeconds: 10,
      connections: 20,
      machine: { cpus: 2, memoryGiB: 24, node: 'v20' },
      figures: [{ name: 'intake', rate: 1900, unit: 'contacts/s', latencyMs: { p50: 9, p99: 31 }, target: '≥ 50 %', met: true }],
      memoryMiB: { intake: { idle: 90, underLoad: 130 } },
    };
    const table = markdownTable(run);
    expect(table).toContain('| intake | 1900 contacts/s | 9 | 31 | — | ≥ 50 % | yes | — |');
    const once = withTable('# Performance\n', table);
    const twice = withTable(once, table.replace('1900', '2000'));
    expect(twice.match(/bench:begin/g)).toHaveLength(1);
    expect(twice).toContain('2000 contacts/s');
    expect(twice.startsWith('# Performance')).toBe(true);
  });
});

describe('soak growth', () => {
  it('is the least-squares slope: flat memory is 0, a steady climb is its rate', () => {
    expect(slope([[0, 100], [1, 100], [2, 100]])).toBe(0);
    expect(slope([[0, 100], [1, 102], [2, 104]])).toBe(2);
    expect(slope([[5, 1]])).toBe(0);
  });
});
