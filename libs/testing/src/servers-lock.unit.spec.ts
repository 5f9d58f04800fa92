import { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';
import { ServersHold, ServersLockOptions, ServersUse } from './servers-lock';
import { AskedHold, askServers, saysItWaits } from './servers-lock-asked';
import { spawnTypeScript } from './typescript-process';

let directory: string;
const holds: ServersHold[] = [];
const workers: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'servers-lock-'));
});

afterEach(async () => {
  for (const worker of workers.splice(0)) worker.kill('SIGKILL');
  await Promise.all(holds.splice(0).map((hold) => hold.release()));
  rmSync(directory, { recursive: true, force: true });
});

/** A hold asked for with this test's lock files. */
function ask(use: ServersUse, options: ServersLockOptions = {}): AskedHold {
  return askServers(use, { directory, ...options }, holds);
}

/** A worker process holding (or waiting to hold) the servers, resolved once it says `word`. */
async function worker(use: ServersUse, word: 'held' | 'waiting'): Promise<ChildProcessWithoutNullStreams> {
  const child = spawnTypeScript('libs/testing/src/servers-lock-holder.ts', [use, directory]);
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()).includes(word) && resolve());
    child.on('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

describe('holding the servers', () => {
  it('suites sharing the servers hold them at once, never waiting for each other, however close together they ask', async () => {
    for (let round = 0; round < 20; round += 1) {
      const asked = [ask('shared'), ask('shared'), ask('shared')];
      await Promise.all(asked.map((a) => a.hold));
      expect(asked.map((a) => a.state.waited)).toEqual([false, false, false]);
      await Promise.all(holds.splice(0).map((hold) => hold.release()));
    }
  });

  it('a suite alone waits until every shared hold is let go, and a shared hold waits for it', async () => {
    const shared = await ask('shared').hold;
    const alone = ask('alone');
    await saysItWaits(alone);
    await shared.release();
    const held = await alone.hold;
    const later = ask('shared');
    await saysItWaits(later);
    await held.release();
    await later.hold;
  });

  it('a shared hold asked while a suite waits alone goes after it, though only shared holds are held then', async () => {
    const first = await ask('shared').hold;
    const alone = ask('alone');
    await saysItWaits(alone);
    const after = ask('shared');
    await saysItWaits(after);
    await first.release();
    const held = await alone.hold;
    expect(after.state.granted).toBe(false);
    await held.release();
    await after.hold;
  });

  it('a hold says it is queued once past the turnstile: shared, as it holds; alone, before it holds, while a shared hold keeps it waiting', async () => {
    const shared = ask('shared');
    const first = await shared.hold;
    expect(shared.state.queued).toBe(true);
    const alone = ask('alone');
    await saysItWaits(alone);
    await eventually(() => expect(alone.state.queued).toBe(true), 10_000, 20);
    expect(alone.state.granted).toBe(false);
    await first.release();
    await alone.hold;
  });

  it('a worker that dies holding them lets go of them', async () => {
    const holder = await worker('alone', 'held');
    const shared = ask('shared');
    await saysItWaits(shared);
    holder.kill('SIGKILL');
    await shared.hold;
  });

  it('a worker that dies waiting alone leaves no waiter behind to keep the others out', async () => {
    await ask('shared').hold;
    const waiter = await worker('alone', 'waiting');
    waiter.kill('SIGKILL');
    // Still there, the dead worker's waiter would hold the turnstile until the shared hold above ends.
    await ask('shared', { waitSeconds: 5 }).hold;
  });

  it('gives up after its wait, naming the lock', async () => {
    await ask('alone').hold;
    await expect(ask('shared', { waitSeconds: 1 }).hold).rejects.toThrow(/not free to hold shared within 1 s: .*cs-platform-servers-servers\.lock/);
  });

  it('makes its lock files readable and writable by every user, whatever the umask', async () => {
    const previous = process.umask(0o077);
    try {
      await ask('shared').hold;
    } finally {
      process.umask(previous);
    }
    for (const name of ['servers', 'turnstile']) expect(statSync(join(directory, `cs-platform-servers-${name}.lock`)).mode & 0o777).toBe(0o666);
  });
});
