import type { Infrastructure } from '../infrastructure';
import type { TestInstance } from '../test-instance';

export interface TestRun {
  /** The servers as found, before the run's own database was put in DATABASE_ADMIN_URL. */
  readonly infra: Infrastructure;
  readonly instance: TestInstance;
}

// Jest runs globalSetup and globalTeardown in its own process, one after the other, and keeps
// the globals the first sets for the second (suites run in their own contexts and never see it).
const holder = globalThis as typeof globalThis & { __csTestRun?: TestRun };

export function rememberTestRun(run: TestRun): void {
  holder.__csTestRun = run;
}

export function recalledTestRun(): TestRun | undefined {
  return holder.__csTestRun;
}
