/**
 * Background work every replica runs until shutdown (SLA timers, deadline recomputation): one
 * step at a time, again at once while a step says more is waiting, else after the interval. A
 * failed step is reported and retried after the interval; rows claimed with SKIP LOCKED keep
 * replicas from doing the same work.
 */
export class PollingLoop {
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly step: () => Promise<{ readonly moreWaiting: boolean }>,
    private readonly intervalMs: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Resolves once the step in flight has finished. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moreWaiting = false;
      try {
        moreWaiting = (await this.step()).moreWaiting;
      } catch (error) {
        this.onError(error);
      }
      if (!moreWaiting) await new Promise((resolve) => setTimeout(resolve, this.intervalMs()));
    }
  }
}
