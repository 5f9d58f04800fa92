import type { Logger } from '@cs/observability';
import { eventually } from '@cs/testing';
import { FIRST_ROUND_RETRY_MS, PollingLoop, pauseAfter } from './polling-loop';

function recordingLogger(): { logger: Logger; warnings: string[]; infos: { fields: unknown; message: string }[] } {
  const warnings: string[] = [];
  const infos: { fields: unknown; message: string }[] = [];
  const logger = {
    warn: (_: unknown, message: string) => warnings.push(message),
    info: (fields: unknown, message: string) => infos.push({ fields, message }),
  } as unknown as Logger;
  return { logger, warnings, infos };
}

describe('a polling loop', () => {
  it('given a round that reports more work, then it runs again at once instead of waiting', async () => {
    const { logger } = recordingLogger();
    let rounds = 0;
    const loop = new PollingLoop('test', async () => ++rounds < 5, 60_000, logger);
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await loop.stop();
    expect(rounds).toBe(5);
  });

  it('given rounds that keep failing, then it logs once and keeps trying', async () => {
    const { logger, warnings } = recordingLogger();
    let rounds = 0;
    const loop = new PollingLoop('relay', async () => {
      rounds += 1;
      throw new Error('down');
    }, 5, logger);
    loop.start();
    // Waited for, not slept on: a stalled machine runs fewer 5 ms intervals in a fixed sleep.
    await eventually(() => expect(rounds).toBeGreaterThan(2), 4_000, 5);
    await loop.stop();
    expect(rounds).toBeGreaterThan(2);
    expect(warnings).toEqual(['relay failed; will retry']);
  });

  it('given rounds that fail and then succeed, then the failure is logged once and the resumption once, with how many rounds failed, and the observer is told of every round', async () => {
    const { logger, warnings, infos } = recordingLogger();
    const outcomes: string[] = [];
    let rounds = 0;
    const loop = new PollingLoop(
      'timers',
      async () => {
        rounds += 1;
        if (rounds <= 3) throw new Error('down');
        return false;
      },
      5,
      logger,
      { succeeded: () => outcomes.push('ok'), failed: () => outcomes.push('failed') },
    );
    loop.start();
    await eventually(() => expect(rounds).toBeGreaterThan(5), 4_000, 5);
    await loop.stop();
    expect(warnings).toEqual(['timers failed; will retry']);
    expect(infos).toEqual([{ fields: { failedRounds: 3 }, message: 'timers resumed' }]);
    expect(outcomes.slice(0, 4)).toEqual(['failed', 'failed', 'failed', 'ok']);
    expect(outcomes).toHaveLength(rounds);
  });

  it('given a round that fails once, then it is tried again after a short back-off, not a whole interval later', async () => {
    const { logger } = recordingLogger();
    jest.useFakeTimers();
    try {
      let rounds = 0;
      const loop = new PollingLoop(
        'incident resolutions',
        async () => {
          rounds += 1;
          if (rounds === 1) throw new Error('timeout exceeded when trying to connect');
          return false;
        },
        60_000,
        logger,
      );
      loop.start();
      await jest.advanceTimersByTimeAsync(FIRST_ROUND_RETRY_MS);
      expect(rounds).toBe(2);
      // Succeeded: back to its interval.
      await jest.advanceTimersByTimeAsync(59_000);
      expect(rounds).toBe(2);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(rounds).toBe(3);
      await loop.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('given rounds that keep failing, then only the first of the streak is tried again soon, the rest after the interval', () => {
    const longest = () => 0.999_999;
    expect([0, 1, 2, 3, 200].map((failed) => pauseAfter(failed, 60_000, longest))).toEqual([60_000, 250, 60_000, 60_000, 60_000]);
    expect(pauseAfter(1, 100, longest)).toBe(100);
  });

  it('given loops failing together, as every replica\'s does when a dependency goes, then their first tries again are spread over half to all of the wait', () => {
    expect(pauseAfter(1, 60_000, () => 0)).toBe(FIRST_ROUND_RETRY_MS / 2);
    const pauses = Array.from({ length: 200 }, () => pauseAfter(1, 60_000));
    expect(Math.min(...pauses)).toBeGreaterThanOrEqual(FIRST_ROUND_RETRY_MS / 2);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(FIRST_ROUND_RETRY_MS);
    // Two hundred replicas do not try again in a handful of instants.
    expect(new Set(pauses).size).toBeGreaterThan(50);
  });

  it('given a long wait between rounds, then stop() returns without waiting it out', async () => {
    const { logger } = recordingLogger();
    jest.useFakeTimers();
    try {
      const loop = new PollingLoop('idle', async () => false, 60_000, logger);
      loop.start();
      await jest.advanceTimersByTimeAsync(10);
      let stopped = false;
      void loop.stop().then(() => (stopped = true));
      // The clock does not move: a stop() that waited out the 60 s pause would never resolve here.
      await jest.advanceTimersByTimeAsync(0);
      expect(stopped).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
