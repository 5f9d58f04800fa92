import { DataSource, MigrationExecutor } from 'typeorm';
import type { Logger } from '@cs/observability';
import { isDependencyFailure } from './problem/dependency-failure';

/** The longest a start-up waits for its migrations. */
export const STARTUP_SCHEMA_WAIT_MS = 90_000;
/** What the startupProbe gives a pod to boot (docs/deployment.md): 60 probes 2 s apart. */
export const STARTUP_BUDGET_MS = 120_000;
/** Left of the budget for the rest of the start-up and for the failure to be logged. */
const STARTUP_MARGIN_MS = 15_000;

/**
 * How long the schema may be waited for, `uptimeMs` into the process: what the startupProbe's
 * budget leaves once Postgres has been waited for (up to 30 s), so the pod exits naming the
 * missing migrations rather than being killed before it can say so; never under 5 s.
 */
export function schemaWaitMs(uptimeMs = process.uptime() * 1_000): number {
  return Math.max(5_000, Math.min(STARTUP_SCHEMA_WAIT_MS, STARTUP_BUDGET_MS - STARTUP_MARGIN_MS - uptimeMs));
}

const POLL_MS = 2_000;

/** The service's schema lacks migrations its code was built for (the release's migrations have not run). */
export class SchemaBehindError extends Error {
  constructor(readonly pending: readonly string[]) {
    super(
      `the schema lacks ${pending.length} migration(s) this release needs (${pending.join(', ')}); ` +
        `run the release's migrations (the db-migrate Job, or migrate.js) before its services`,
    );
    this.name = 'SchemaBehindError';
  }
}

/** The names of the data source's migrations its schema has not recorded (read-only: nothing is created). */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/**
 * Holds a start-up until the service's schema has every migration of its code. A release's pods
 * can start before its migrations have run (a bare `kubectl apply`, a Job still running): code
 * that reads a column not yet there would fail every request, and its consumers and timers
 * would write with the new rules over the old tables. Waiting here keeps all of it from running;
 * a schema still behind at the end is a start-up failure naming the missing migrations, and the
 * orchestrator starts the pod again while the previous release keeps serving. A schema ahead of
 * the code (a rollback to a release whose migrations are a subset) is fine: migrations are
 * backward compatible (docs/operations.md).
 */
export async function awaitSchema(dataSource: DataSource, logger: Logger, waitMs = schemaWaitMs()): Promise<void> {
  const deadline = Date.now() + waitMs;
  let reported = false;
  for (;;) {
    let pending: string[];
    try {
      pending = await pendingMigrations(dataSource);
    } catch (error) {
      // Postgres going away in the meantime is waited out like the first connection.
      if (!isDependencyFailure(error) || Date.now() >= deadline) throw error;
      await pause(deadline);
      continue;
    }
    if (pending.length === 0) {
      if (reported) logger.info('schema is up to date; starting');
      return;
    }
    if (Date.now() >= deadline) throw new SchemaBehindError(pending);
    if (!reported) logger.warn({ pending }, 'waiting for the release migrations to run');
    reported = true;
    await pause(deadline);
  }
}

/** The next look, or the last one at the deadline. */
function pause(deadline: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(POLL_MS, deadline - Date.now()))));
}
