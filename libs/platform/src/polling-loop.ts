import type { Logger } from '@cs/observability';

/** Told how each round ended: what a service's metrics count, so a loop stuck failing is seen. */
export interface RoundObserver {
  succeeded(): void;
  failed(): void;
}

/**
 * A background worker of a service: runs a round, waits `intervalMs`, runs the next, until
 * stopped; a round that reports more work waiting runs again at once. A failing round is
 * logged once until one succeeds again, and that success is logged too, so an outage neither
 * floods the log nor leaves it saying the loop is still failing. `stop()` waits for the round in
 * hand, so shutdown never cuts a round in half.
 */
export class PollingLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly what: string,
    private readonly round: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly observer?: RoundObserver,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failedRounds = 0;
    while (this.running) {
      let more = false;
      try {
        more = await this.round();
        this.observer?.succeeded();
        if (failedRounds > 0) this.logger.info({ failedRounds }, `${this.what} resumed`);
        failedRounds = 0;
      } catch (error) {
        this.observer?.failed();
        if (failedRounds === 0) this.logger.warn({ err: error }, `${this.what} failed; will retry`);
        failedRounds += 1;
      }
      if (!more && this.running) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.intervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
