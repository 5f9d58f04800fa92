import { SlowestSeconds, SoakSample, countOne, failureName, soakFileName, soakVerdict } from './soak-verdict';

/** Samples every 30 s over `minutes`, each service's memory and each backlog as the functions give them. */
function soak(minutes: number, resident: (minute: number) => number, backlog: (minute: number) => number): SoakSample[] {
  return Array.from({ length: minutes * 2 + 1 }, (_, i) => ({
    atSeconds: i * 30,
    residentMiB: { intake: resident(i / 2), tickets: 150 },
    backlog: { 'group: tickets': backlog(i / 2), 'outbox: intake': 0 },
  }));
}
const limits = { loadSeconds: 600, maxGrowthMiBPerMinute: 1, maxBacklogGrowthPerMinute: 60 };

describe('a soak’s verdict', () => {
  it('given flat memory after a warm-up and a bounded backlog that drained, then it passes', () => {
    // Memory climbs 20 MiB a minute in the first three minutes (caches, compiled code), then stays.
    const verdict = soakVerdict(soak(10, (m) => 150 + 20 * Math.min(m, 3), (m) => (m % 1 === 0 ? 12 : 3)), limits, 1.2);
    expect(verdict.problems).toEqual([]);
    // The warm-up's climb is left out of the fit.
    expect(verdict.residentGrowthMiBPerMinute).toEqual({ intake: 0, tickets: 0 });
    expect(verdict.backlogGrowthPerMinute['outbox: intake']).toBe(0);
  });

  it('given a service growing past the limit, then it fails naming the service and its growth', () => {
    const verdict = soakVerdict(soak(10, (m) => 150 + 2 * m, () => 0), limits, 0);
    expect(verdict.problems).toEqual(['intake grew 2 MiB a minute (at most 1)']);
  });

  it('given a consumer falling behind, or a backlog left after the load, then it fails', () => {
    const behind = soakVerdict(soak(10, () => 150, (m) => 100 * m), limits, 4);
    expect(behind.problems).toEqual(['group: tickets grew 100 a minute (at most 60)']);
    const left = soakVerdict(soak(10, () => 150, () => 0), limits, undefined);
    expect(left.problems).toEqual(['the backlogs were not back to 0 after the load']);
  });

  it('given too few samples after the warm-up, then it does not pass for want of evidence', () => {
    expect(soakVerdict(soak(1, () => 150, () => 0), { ...limits, loadSeconds: 60 }, 0).problems).toEqual([
      "only 2 samples in the load's last two thirds: too short a soak to judge growth",
    ]);
  });
});

describe('SlowestSeconds', () => {
  it('keeps the slowest answer of each second and lists the slowest seconds first', () => {
    const seconds = new SlowestSeconds();
    seconds.add(0.2, 12);
    seconds.add(0.9, 40);
    seconds.add(3.5, 1_250.44);
    seconds.add(7, 30);
    seconds.add(7.99, 90);
    seconds.add(7.5, 60);
    expect(seconds.top(2)).toEqual([
      { atSecond: 3, slowestMs: 1_250.4 },
      { atSecond: 7, slowestMs: 90 },
    ]);
    expect(seconds.top(10)).toHaveLength(3);
    expect(seconds.top(3)[2]).toEqual({ atSecond: 0, slowestMs: 40 });
    expect(seconds.over(40)).toBe(2);
    expect(seconds.over(2_000)).toBe(0);
  });
});

describe('countOne', () => {
  it('counts each key from one', () => {
    const counts: Record<string, number> = {};
    countOne(counts, '503');
    countOne(counts, '503');
    countOne(counts, 'TimeoutError');
    expect(counts).toEqual({ '503': 2, TimeoutError: 1 });
  });
});

describe('soakFileName', () => {
  it('names the file by the load start, to the minute, and the rate', () => {
    expect(soakFileName(new Date('2026-12-03T09:05:59.900Z'), 200)).toBe('soak-2026-12-03-0905-at-200.json');
  });
});

describe('failureName', () => {
  it("names a system error by its code, another error by its name", () => {
    expect(failureName(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
    const timedOut = new Error('no answer');
    timedOut.name = 'TimeoutError';
    expect(failureName(timedOut)).toBe('TimeoutError');
    expect(failureName(new SyntaxError('Unexpected token'))).toBe('SyntaxError');
    expect(failureName('thrown string')).toBe('error');
  });
});
