import type { Logger } from '@cs/observability';

/**
 * Runs `task` until it succeeds or `stopped()` says to give up. A broker that is down at start-up
 * is waited for in the background, not fatal: readiness reports it meanwhile.
 */
export async function keepTrying(what: string, task: () => Promise<void>, stopped: () => boolean, logger: Logger): Promise<void> {
  for (let attempt = 1; !stopped(); attempt += 1) {
    try {
      await task();
      return;
    } catch (error) {
      // Given up meanwhile (a shutdown abandons a start): the failure is the abandonment's, not worth a warning.
      if (stopped()) return;
      logger.warn({ err: error, attempt }, `${what} could not start; retrying`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5_000)));
    }
  }
}
