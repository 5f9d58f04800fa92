import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../libs/testing/src/eventually';
import { ServersHold, holdServers } from '../../libs/testing/src/servers-lock';

/**
 * `scripts/infra.sh up` holds the machine's servers shared while it brings them up, as a test
 * suite does (ADR 0182): a suite of another run that stopped Kafka or restarted Postgres on purpose
 * would otherwise have it started again under it. Run against the servers already up, which `up`
 * only checks; the lock files live in a directory of the test's own, so no other suite waits.
 */
const repo = join(__dirname, '..', '..');
// Each `up` checks three servers, and the waits below run out after seconds.
jest.setTimeout(60_000);

let locks: string;
const holds: ServersHold[] = [];
const env = (waitSeconds: number): NodeJS.ProcessEnv => ({ ...process.env, TMPDIR: locks, COPY_CLAIM_WAIT_SECONDS: String(waitSeconds) });

beforeEach(() => {
  locks = mkdtempSync(join(tmpdir(), 'infra-up-'));
});

afterEach(async () => {
  await Promise.all(holds.splice(0).map((hold) => hold.release()));
  rmSync(locks, { recursive: true, force: true });
});

async function alone(): Promise<ServersHold> {
  const hold = await holdServers('alone', { directory: locks, waitSeconds: 5 });
  holds.push(hold);
  return hold;
}

describe('scripts/infra.sh up beside a suite that stops a server', () => {
  it('waits for it, and gives up naming what it waited for', async () => {
    // Given a suite holding the servers alone, as the walking skeleton does while Kafka is stopped
    await alone();

    // When up is run, with a one-second wait
    const up = spawnSync('bash', ['scripts/infra.sh', 'up'], { cwd: repo, env: env(1), encoding: 'utf8' });

    // Then it starts nothing and says why
    expect(up.status).not.toBe(0);
    expect(up.stderr).toContain(`[infra] waiting for a test suite on this machine that stops a server, which holds the servers alone or waits to (${join(locks, 'cs-platform-servers-servers.lock')})`);
    expect(up.stderr).toContain('[infra] the servers still held after 1 s; start scripts/infra.sh up once the suite has ended');
    expect(up.stdout).not.toContain('up (');
  });

  it('goes on once it has ended, and holds nothing after', async () => {
    const suite = await alone();
    let said = '';
    const up = spawn('bash', ['scripts/infra.sh', 'up'], { cwd: repo, env: env(30) });
    up.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const ended = new Promise<number | null>((resolve) => up.once('exit', resolve));
    await eventually(() => expect(said).toContain('waiting for a test suite'), 20_000, 20);

    await suite.release();

    expect(await ended).toBe(0);
    // A suite stopping a server is granted the servers at once.
    const next = await holdServers('alone', { directory: locks, waitSeconds: 1 });
    holds.push(next);
  });
});
