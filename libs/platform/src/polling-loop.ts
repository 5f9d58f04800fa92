import type { Logger } from '@cs/observability';

/**
 * A background worker of a service: runs a round, waits `intervalMs`, runs the next, until
 * stopped; a round that reports more work waiting runs again at once. A failing round is
 * logged once until one succeeds again, so an outage does not flood the log. `stop()` waits
 * for the round in hand, so shutdown never cuts a round in half.
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
    let failing = false;
    while (this.running) {
      let more = false;
      try {
        more = await this.round();
        failing = false;
      } catch (error) {
        if (!failing) this.logger.warn({ err: error }, `${this.what} failed; will retry`);
        failing = true;
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
