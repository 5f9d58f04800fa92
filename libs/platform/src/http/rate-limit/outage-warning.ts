import type { Logger } from '@cs/observability';

/** One warning per interval while a dependency (Redis) is down, not one per request. */
const OUTAGE_WARNING_INTERVAL_MS = 30_000;

/** A warning about an outage, logged at most once per interval however often it is met. */
export class OutageWarning {
  private lastWarned = 0;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
  ) {}

  warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarned < OUTAGE_WARNING_INTERVAL_MS) return;
    this.lastWarned = now;
    this.logger.warn({ err: error }, this.message);
  }
}
