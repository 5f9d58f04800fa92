import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { PollingLoop } from './polling-loop';

/**
 * Work done every `intervalMs` on every replica from bootstrap until shutdown, on a
 * {@link PollingLoop}: a poll that leaves more waiting is followed at once, a failed one is
 * logged and retried on the next (what is due stays due in its table), and shutdown waits for
 * the poll in hand.
 */
export abstract class BackgroundLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: PollingLoop;

  protected constructor(
    private readonly what: string,
    protected readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** One pass over what is due now; `true` when it left more waiting, so the next starts at once. */
  protected abstract poll(): Promise<boolean | void>;

  onApplicationBootstrap(): void {
    this.loop = new PollingLoop(this.what, async () => (await this.poll()) === true, this.intervalMs, this.logger);
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
