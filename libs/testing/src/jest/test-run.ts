import type { Infrastructure } from '../infrastructure';
import type { OpenTestInstance } from '../test-instance';

/** What the set-up points at the run's own instance. */
export const RUN_ENVIRONMENT = ['DATABASE_ADMIN_URL', 'KAFKA_BROKERS', 'KAFKA_TOPIC_PREFIX', 'REDIS_URL'] as const;

export interface TestRun {
  /** The servers as found, before the run's own database was put in DATABASE_ADMIN_URL. */
  readonly infra: Infrastructure;
  readonly instance: OpenTestInstance;
  /** The variables the set-up replaced, as they were. */
  readonly environment: Readonly<Record<string, string | undefined>>;
}

// Jest runs globalSetup and globalTeardown in its own process, one after the other, and keeps
// the globals the first sets for the second (suites run in their own contexts and never see it).
const holder = globalThis as typeof globalThis & { __csTestRun?: TestRun };

export function rememberTestRun(run: TestRun): void {
  holder.__csTestRun = run;
}

/** The run the set-up remembered, no longer remembered. */
export function forgetTestRun(): TestRun | undefined {
  const run = holder.__csTestRun;
  delete holder.__csTestRun;
  return run;
}
