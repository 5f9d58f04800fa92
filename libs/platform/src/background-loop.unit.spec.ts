import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ServiceMetrics, createLogger } from '@cs/observability';
import { eventually } from '@cs/testing';
import { BackgroundLoop, loopLabel } from './background-loop';
import { METRICS } from './tokens';

/** A loop whose every poll is the test's function. */
class TestLoop extends BackgroundLoop {
  constructor(
    private readonly onPoll: () => Promise<boolean | void>,
    intervalMs = 60_000,
  ) {
    super('test loop', createLogger('platform', 'silent'), intervalMs);
  }

  protected poll(): Promise<boolean | void> {
    return this.onPoll();
  }
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a background loop', () => {
  it('given a loop, when the application bootstraps, then it polls at once and then waits its interval', async () => {
    let polls = 0;
    const loop = new TestLoop(async () => {
      polls += 1;
    });
    await settle();
    expect(polls).toBe(0);

    loop.onApplicationBootstrap();
    await settle();
    await loop.beforeApplicationShutdown();

    expect(polls).toBe(1);
  });

  it('given polls that leave more waiting, then the next starts at once until one does not', async () => {
    let polls = 0;
    const loop = new TestLoop(async () => ++polls < 4);

    loop.onApplicationBootstrap();
    await settle();
    await loop.beforeApplicationShutdown();

    expect(polls).toBe(4);
  });

  it('given a poll in hand, when the application shuts down, then shutdown waits for that poll to end', async () => {
    const seen: string[] = [];
    let release = (): void => undefined;
    const loop = new TestLoop(async () => {
      seen.push('poll started');
      await new Promise<void>((resolve) => (release = resolve));
      seen.push('poll ended');
    });
    loop.onApplicationBootstrap();

    const shutdown = loop.beforeApplicationShutdown().then(() => seen.push('shut down'));
    await settle();
    expect(seen).toEqual(['poll started']);

    release();
    await shutdown;
    expect(seen).toEqual(['poll started', 'poll ended', 'shut down']);
  });

  it('given a failing poll, then the loop polls again after its interval', async () => {
    let polls = 0;
    const loop = new TestLoop(async () => {
      polls += 1;
      throw new Error('database away');
    }, 5);

    loop.onApplicationBootstrap();
    // Waited for, not slept on: a stalled machine runs fewer 5 ms intervals in a fixed sleep.
    await eventually(() => expect(polls).toBeGreaterThan(2), 4_000, 5);
    await loop.beforeApplicationShutdown();

    expect(polls).toBeGreaterThan(2);
  });

  it('given a loop that is a provider of a service, then its rounds are counted on the service metrics by outcome, and its last success is stamped', async () => {
    let polls = 0;
    @Injectable()
    class FlakyLoop extends BackgroundLoop {
      constructor() {
        super('Firing the test deadlines', createLogger('platform', 'silent'), 5);
      }

      protected async poll(): Promise<void> {
        polls += 1;
        if (polls <= 2) throw new Error('database away');
      }
    }
    const metrics = new ServiceMetrics('platform');
    const app = await Test.createTestingModule({ providers: [FlakyLoop, { provide: METRICS, useValue: metrics }] }).compile();
    const before = Date.now() / 1000;

    await app.init();
    await eventually(() => expect(polls).toBeGreaterThan(3), 4_000, 5);
    await app.close();

    const rounds = Object.fromEntries((await metrics.loopRounds.get()).values.map((v) => [`${v.labels.loop} ${v.labels.outcome}`, v.value]));
    expect(rounds).toEqual({ 'firing_the_test_deadlines failed': 2, 'firing_the_test_deadlines ok': polls - 2 });
    const [stamp] = (await metrics.loopLastSuccess.get()).values;
    expect(stamp?.labels.loop).toBe('firing_the_test_deadlines');
    expect(stamp?.value).toBeGreaterThanOrEqual(before);
  });

  it('given a loop two abstract classes below the base, provided by a service and failing from its first round, then both outcomes and its start are on the metrics', async () => {
    abstract class Middle extends BackgroundLoop {
      protected constructor(what: string) {
        super(what, createLogger('platform', 'silent'), 60_000);
      }
    }
    abstract class Lower extends Middle {}
    @Injectable()
    class BrokenLoop extends Lower {
      constructor() {
        super('broken loop');
      }

      protected async poll(): Promise<void> {
        throw new Error('database away');
      }
    }
    const metrics = new ServiceMetrics('platform');
    const app = await Test.createTestingModule({ providers: [BrokenLoop, { provide: METRICS, useValue: metrics }] }).compile();
    const before = Date.now() / 1000;

    await app.init();
    // Its first failure is tried again 125–250 ms later (pauseAfter), so a slow machine may count two.
    await eventually(async () => expect((await metrics.loopRounds.get()).values.find((v) => v.labels.outcome === 'failed')?.value).toBeGreaterThanOrEqual(1), 4_000, 5);
    await app.close();

    const rounds = Object.fromEntries((await metrics.loopRounds.get()).values.map((v) => [`${v.labels.loop} ${v.labels.outcome}`, v.value]));
    expect(rounds['broken_loop ok']).toBe(0);
    expect([1, 2]).toContain(rounds['broken_loop failed']);
    expect((await metrics.loopLastSuccess.get()).values[0]?.value).toBeGreaterThanOrEqual(before);
  });

  it('given a loop built outside a service, then it runs without metrics', async () => {
    let polls = 0;
    const loop = new TestLoop(async () => {
      polls += 1;
    });
    loop.onApplicationBootstrap();
    await loop.beforeApplicationShutdown();
    expect(polls).toBe(1);
  });
});

describe('a loop label', () => {
  it.each([
    ['firing callback deadlines', 'firing_callback_deadlines'],
    ['sla_timers', 'sla_timers'],
    ['Folding the demand per catalogue item', 'folding_the_demand_per_catalogue_item'],
    [' live feed relay ', 'live_feed_relay'],
  ])('%s → %s', (what, label) => expect(loopLabel(what)).toBe(label));
});
