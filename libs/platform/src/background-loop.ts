import { Inject, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { PollingLoop, RoundObserver } from './polling-loop';
import { METRICS } from './tokens';

/** The label a loop's rounds are counted under: its description in snake case ("firing callback deadlines" → firing_callback_deadlines). */
export function loopLabel(what: string): string {
  return what
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/**
 * Work done every `intervalMs` on every replica from bootstrap until shutdown, on a
 * {@link PollingLoop}: a poll that leaves more waiting is followed at once, a failed one is
 * logged and retried (the first of a streak after 125–250 ms, the rest on the next interval; what is
 * due stays due in its table), and shutdown waits for
 * the poll in hand. In a service, each round is counted on `/metrics`
 * (`background_loop_rounds_total{loop,outcome}`, `background_loop_last_success_timestamp_seconds{loop}`).
 */
export abstract class BackgroundLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: PollingLoop;

  // A property, not a constructor parameter: every loop of every service gets it without
  // passing it through its own constructor; a loop built in a unit test has none.
  @Optional()
  @Inject(METRICS)
  private readonly metrics?: ServiceMetrics;

  protected constructor(
    private readonly what: string,
    protected readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** One pass over what is due now; `true` when it left more waiting, so the next starts at once. */
  protected abstract poll(): Promise<boolean | void>;

  onApplicationBootstrap(): void {
    this.loop = new PollingLoop(this.what, async () => (await this.poll()) === true, this.intervalMs, this.logger, this.observer());
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  private observer(): RoundObserver | undefined {
    const metrics = this.metrics;
    if (!metrics) return undefined;
    const loop = loopLabel(this.what);
    // Every series from the start: a failed count at 0 rates as 0, not as nothing, and a loop that
    // fails from its first round still has a last success (the start) for an alert to see fall behind.
    metrics.loopRounds.inc({ loop, outcome: 'ok' }, 0);
    metrics.loopRounds.inc({ loop, outcome: 'failed' }, 0);
    metrics.loopLastSuccess.set({ loop }, Date.now() / 1000);
    return {
      succeeded: () => {
        metrics.loopRounds.inc({ loop, outcome: 'ok' });
        metrics.loopLastSuccess.set({ loop }, Date.now() / 1000);
      },
      failed: () => metrics.loopRounds.inc({ loop, outcome: 'failed' }),
    };
  }
}
