import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@cs/observability';

/**
 * Runs `fireDue` every `intervalMs` on every replica, from bootstrap until shutdown, the last
 * pass finished before the service stops. A failed pass is logged and retried on the next one:
 * what is due stays due in its table.
 */
export abstract class DueWorkLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;

  protected constructor(
    private readonly what: string,
    private readonly logger: Logger,
    private readonly intervalMs: () => number,
  ) {}

  /** Does what is due at `now`; returns how much it did. */
  abstract fireDue(now?: Date): Promise<number>;

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.poll();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      try {
        await this.fireDue();
      } catch (error) {
        this.logger.warn({ err: error }, `${this.what} could not fire; will retry`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs()));
    }
  }
}
