import { ServersUse, holdServers } from './servers-lock';

/**
 * A jest worker holding the servers, for the lock's unit test to end with a signal: holds them as
 * `argv[2]` says (shared or alone) with the lock files in `argv[3]`, says "waiting" if it waits
 * and "held" once it holds them, and keeps the hold until the process ends.
 */
async function main(): Promise<void> {
  const [use, directory] = process.argv.slice(2) as [ServersUse, string];
  await holdServers(use, { directory, onWait: () => process.stdout.write('waiting\n') });
  process.stdout.write('held\n');
  setInterval(() => undefined, 60_000);
}

void main();
