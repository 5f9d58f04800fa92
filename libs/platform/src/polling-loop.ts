import type { Logger } from '@cs/observability';

/** Told how each round ended: what a service's metrics count, so a loop stuck failing is seen. */
export interface RoundObserver {
  succeeded(): void;
  failed(): void;
}

/** The longest wait before trying again the first failed round of a streak; the shortest is half of it. */
export const FIRST_ROUND_RETRY_MS = 250;

/**
 * How long a loop waits after `failedRounds` failed rounds in a row (none: its interval). The
 * first failure of a streak (a connection not made in time while the machine is busy, a deadlock)
 * is tried again soon rather than a whole interval later, which for a loop polling every minute put
 * its work a minute late; any later failure waits the interval, as before. A doubling back-off
 * would cost a loop of an hour fifteen tries in an outage's first hour, each an expensive round
 * (a month's report composed, a page of pruning) landing on a database already in trouble: one
 * try more per streak is the whole cost here. That try comes after a random share of its wait
 * (`random` in [0, 1), half to all of it): the loops of every replica fail together when a
 * dependency goes, and would otherwise all try again in the same instant.
 */
export function pauseAfter(failedRounds: number, intervalMs: number, random: () => number = Math.random): number {
  if (failedRounds !== 1) return intervalMs;
  return Math.min(intervalMs, Math.round(FIRST_ROUND_RETRY_MS * (0.5 + random() / 2)));
}

/**
 * A background worker of a service: runs a round, waits `intervalMs`, runs the next, until
 * stopped; a round that reports more work waiting runs again at once, and the first failed one of a
 * streak soon after ({@link pauseAfter}). A failing round is
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
      if (!more && this.running) await this.pause(pauseAfter(failedRounds, this.intervalMs));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
