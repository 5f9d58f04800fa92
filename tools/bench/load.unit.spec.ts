import { firstSecondNote, generatorLagNote, pacedAfterFirstSecond, warmedPacedProblems } from './load';

describe('a paced load whose first second is measured apart', () => {
  it('sends one load at one rate, and splits what it measured at the first second', async () => {
    const seen: number[] = [];
    const startedAt = new Map<number, number>();
    let firstSecondDone = 0;
    const warmed = await pacedAfterFirstSecond(20, 1, 40, async (i) => {
      seen.push(i);
      startedAt.set(i, performance.now());
      if (i === 3) throw new Error('refused');
      if (i < 20) {
        // Slow first answers: the seconds after them start on time all the same, not once they are done.
        await new Promise((resolve) => setTimeout(resolve, 200));
        firstSecondDone = performance.now();
      }
      return i !== 25;
    });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(startedAt.get(20)!).toBeLessThan(firstSecondDone);
    expect(warmed.firstSecond).toMatchObject({ failed: 1, skipped: 0 });
    expect(warmed.firstSecond.latencies).toHaveLength(19);
    expect(warmed.measured).toMatchObject({ failed: 1, skipped: 0 });
    expect(warmed.measured.latencies).toHaveLength(19);
  });

  it('counts starts skipped for want of room in the phase they belonged to', async () => {
    const warmed = await pacedAfterFirstSecond(20, 1, 1, (i) => new Promise((resolve) => setTimeout(() => resolve(true), i < 20 ? 120 : 1)));
    expect(warmed.firstSecond.skipped).toBeGreaterThan(10);
    // Against the first second's, not a fixed count: a stall of the machine skips starts in any phase.
    expect(warmed.measured.skipped).toBeLessThan(warmed.firstSecond.skipped);
    expect(warmed.firstSecond.latencies.length + warmed.firstSecond.skipped).toBe(20);
    expect(warmed.measured.latencies.length + warmed.measured.skipped).toBe(20);
  });

  it("measures how late the load generator's own event loop ran after the first second", async () => {
    const warmed = await pacedAfterFirstSecond(20, 1, 40, async (i) => {
      if (i === 30) {
        // The generator held up, as by its own collector or a stall of the machine.
        const until = performance.now() + 120;
        while (performance.now() < until);
      }
      return true;
    });
    expect(warmed.generatorLagMs.max).toBeGreaterThanOrEqual(100);
    expect(warmed.generatorLagMs.p99).toBeLessThanOrEqual(warmed.generatorLagMs.max);
    expect(generatorLagNote({ generatorLagMs: { p99: 2.5, max: 31.2 } })).toBe("the load generator's event loop ran late by p99 2.5 ms, at most 31.2 ms");
  });

  it('shows the first second apart, and counts its failures as problems', () => {
    expect(firstSecondNote({ latencies: [3, 5, 300], failed: 0, skipped: 0 })).toBe('the first second, not counted: p50 5 ms, p99 300 ms');
    expect(firstSecondNote({ latencies: [], failed: 5, skipped: 0 })).toBe('the first second, not counted: none answered');
    expect(
      warmedPacedProblems({ firstSecond: { latencies: [4], failed: 2, skipped: 1 }, measured: { latencies: [4], failed: 0, skipped: 0 } }, 10),
    ).toEqual(['1 not sent (10 in flight) in the first second', '2 failed in the first second']);
    expect(warmedPacedProblems({ firstSecond: { latencies: [4], failed: 0, skipped: 0 }, measured: { latencies: [4], failed: 0, skipped: 0 } }, 10)).toEqual([]);
  });
});
