import type { DataSource } from 'typeorm';
import type { Logger } from '@cs/observability';
import { isDependencyFailure } from './problem/dependency-failure';

/** How long a start-up waits for Postgres before giving up (and letting the orchestrator restart it). */
export const STARTUP_DATABASE_WAIT_MS = 30_000;

/**
 * Opens a service's data source, trying again while Postgres cannot be reached. The pool gives
 * up on a connection after DATABASE_CONNECT_TIMEOUT_MS, which is kept short for requests; a
 * node busy starting several services, or a Postgres restarting in the same deploy, can take
 * longer than that for the first connection, and that is no reason to crash. Any other error (a
 * wrong password, a missing database) fails the start at once.
 */
export async function openDataSource(create: () => DataSource, logger: Logger, waitMs = STARTUP_DATABASE_WAIT_MS): Promise<DataSource> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt += 1) {
    const dataSource = create();
    try {
      return await dataSource.initialize();
    } catch (error) {
      // A failed initialize leaves its pool open.
      if (!dataSource.isInitialized) await dataSource.driver.disconnect().catch(() => undefined);
      if (!isDependencyFailure(error) || Date.now() >= deadline) throw error;
      logger.warn({ err: error, attempt }, 'postgres not reachable at start-up; retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)));
    }
  }
}
