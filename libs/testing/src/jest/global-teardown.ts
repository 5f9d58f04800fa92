import { registerWorkspacePaths } from './workspace-paths';

/** Runs once after the int and e2e tiers: drops the run's own database, Kafka namespace and Redis keys. */
export default async function globalTeardown(): Promise<void> {
  registerWorkspacePaths();
  const { closeTestInstance } = await import('../test-instance');
  const { recalledTestRun } = await import('./test-run');
  const run = recalledTestRun();
  if (run) await closeTestInstance(run.infra, run.instance);
}
