import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServersHold, ServersLockOptions, ServersUse, holdServers } from './servers-lock';
import { spawnTypeScript } from './typescript-process';

let directory: string;
const holds: ServersHold[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'servers-lock-'));
});

afterEach(async () => {
  await Promise.all(holds.splice(0).map((hold) => hold.release()));
  rmSync(directory, { recursive: true, force: true });
});

/** A hold being asked for: whether it was told to wait, and whether it is granted yet. */
function ask(use: ServersUse, options: ServersLockOptions = {}) {
  const state = { waited: false, granted: false };
  const hold = holdServers(use, { directory, ...options, onWait: () => (state.waited = true) }).then((granted) => {
    state.granted = true;
    holds.push(granted);
    return granted;
  });
  return { state, hold };
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('holding the servers', () => {
  it('suites sharing the servers hold them at once, without waiting', async () => {
    const first = ask('shared');
    const second = ask('shared');
    await Promise.all([first.hold, second.hold]);
    expect([first.state.waited, second.state.waited]).toEqual([false, false]);
  });

  it('a suite alone waits until every shared hold is let go, and a shared hold waits for it', async () => {
    const shared = await ask('shared').hold;
    const alone = ask('alone');
    await settle();
    expect(alone.state).toEqual({ waited: true, granted: false });
    await shared.release();
    const held = await alone.hold;
    const later = ask('shared');
    await settle();
    expect(later.state).toEqual({ waited: true, granted: false });
    await held.release();
    await later.hold;
    expect(later.state.granted).toBe(true);
  });

  it('a shared hold asked while a suite waits alone goes after it, though only shared holds are held then', async () => {
    const first = await ask('shared').hold;
    const alone = ask('alone');
    await settle();
    const after = ask('shared');
    await settle();
    expect(after.state).toEqual({ waited: true, granted: false });
    await first.release();
    const held = await alone.hold;
    expect(after.state.granted).toBe(false);
    await held.release();
    await after.hold;
  });

  it('a worker that dies holding them lets go of them', async () => {
    const worker = spawnTypeScript('libs/testing/src/servers-lock-holder.ts', ['alone', directory]);
    await new Promise<void>((resolve, reject) => {
      worker.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
      worker.on('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
    });
    const shared = ask('shared');
    await settle();
    expect(shared.state).toEqual({ waited: true, granted: false });
    worker.kill('SIGKILL');
    await shared.hold;
  });

  it('gives up after its wait, naming the lock', async () => {
    await ask('alone').hold;
    await expect(ask('shared', { waitSeconds: 1 }).hold).rejects.toThrow(/not free to hold shared within 1 s: .*cs-platform-servers-servers\.lock/);
  });
});
