import { forgetAloneFirst } from './alone-first';
import { forgetTestRun } from './test-run';
import { registerWorkspacePaths } from './workspace-paths';

/**
 * Runs once after the int and e2e tiers: drops the run's own database, Kafka namespace and Redis
 * keys and the marks of its alone suites (alone-first.ts), and puts the environment back as the run found it (a watching jest runs again in this process).
 */
export default async function globalTeardown(): Promise<void> {
  forgetAloneFirst();
  registerWorkspacePaths();
  const { closeTestInstance } = await import('../test-instance');
  const { whileSharingServers } = await import('../servers-lock');
  const run = forgetTestRun();
  if (!run) return;
  for (const [name, value] of Object.entries(run.environment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await whileSharingServers(() => closeTestInstance(run.infra, run.instance));
}
