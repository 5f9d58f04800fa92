import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { PollingLoop } from './polling-loop';

/**
 * Work done every `intervalMs` on every replica from bootstrap until shutdown. A failed pass is
 * logged and retried on the next one: what is due stays due in its table.
 */
export abstract class BackgroundLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: PollingLoop;

  protected constructor(
    private readonly what: string,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** One pass over what is due now. */
  protected abstract pass(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.loop = new PollingLoop(
      this.what,
      async () => {
        await this.pass();
        return false;
      },
      this.intervalMs,
      this.logger,
    );
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
