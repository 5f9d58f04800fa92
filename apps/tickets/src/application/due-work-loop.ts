import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@cs/observability';
import { PollingLoop } from '@cs/platform';

/**
 * Runs `fireDue` every `intervalMs` on every replica, from bootstrap until shutdown, the last
 * pass finished before the service stops. A failed pass is logged and retried on the next one:
 * what is due stays due in its table.
 */
export abstract class DueWorkLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private loop?: PollingLoop;

  protected constructor(
    private readonly what: string,
    private readonly logger: Logger,
    private readonly intervalMs: () => number,
  ) {}

  /** Does what is due at `now`; returns how much it did. */
  abstract fireDue(now?: Date): Promise<number>;

  onApplicationBootstrap(): void {
    this.loop = new PollingLoop(
      `firing ${this.what}`,
      async () => {
        await this.fireDue();
        return false;
      },
      this.intervalMs(),
      this.logger,
    );
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
