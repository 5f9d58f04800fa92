import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../libs/testing/src/eventually';
import { ServersHold, ServersUse, holdServers } from '../../libs/testing/src/servers-lock';

/**
 * `scripts/infra.sh up` holds the machine's servers shared while it brings them up, as a test
 * suite does, and `down` holds them alone (ADR 0182): a suite of another run that stopped Kafka on
 * purpose would otherwise have it started again under it, and a run or copy using them would have
 * them stopped under it. Run in its Docker mode against a `docker` that only writes down how it
 * was called and whether the servers were held then, so no server is touched; the lock files live
 * in a directory of the test's own.
 */
const repo = join(__dirname, '..', '..');
// Spawned scripts and waits of COPY_CLAIM_WAIT_SECONDS on a two-core machine.
jest.setTimeout(30_000);

let locks: string;
const holds: ServersHold[] = [];

/** A `docker` that answers `info` and `compose version`, and writes down any other call with what the servers lock allowed at that moment. */
const STUB = `#!/bin/sh
case "$1 $2" in "info "* | "compose version") exit 0 ;; esac
lock="$TMPDIR/cs-platform-servers-servers.lock"
shared=taken; flock -n -s "$lock" true && shared=free
alone=taken; flock -n -x "$lock" true && alone=free
echo "$* | shared $shared, alone $alone" >>"$TMPDIR/docker.calls"
`;

function env(waitSeconds: number): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: locks, PATH: `${join(locks, 'bin')}:${process.env['PATH']}`, CS_INFRA_MODE: 'docker', CS_INFRA_DIR: join(locks, 'infra'), COPY_CLAIM_WAIT_SECONDS: String(waitSeconds) };
}

const calls = (): string[] => (existsSync(join(locks, 'docker.calls')) ? readFileSync(join(locks, 'docker.calls'), 'utf8').trim().split('\n') : []);

async function suiteHolds(use: ServersUse): Promise<ServersHold> {
  const hold = await holdServers(use, { directory: locks, waitSeconds: 5 });
  holds.push(hold);
  return hold;
}

/** `infra.sh <command>` run to its end, with what it said on stderr. */
async function infra(command: 'up' | 'down', waitSeconds: number, whileWaiting?: () => Promise<void>): Promise<{ code: number | null; said: string }> {
  const child = spawn('bash', ['scripts/infra.sh', command], { cwd: repo, env: env(waitSeconds) });
  let said = '';
  child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const ended = new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (whileWaiting) {
    await eventually(() => expect(said).toContain('[infra] waiting for'), 10_000, 20);
    await whileWaiting();
  }
  return { code: await ended, said };
}

beforeEach(() => {
  locks = mkdtempSync(join(tmpdir(), 'infra-hold-'));
  mkdirSync(join(locks, 'bin'));
  writeFileSync(join(locks, 'bin', 'docker'), STUB);
  chmodSync(join(locks, 'bin', 'docker'), 0o755);
});

afterEach(async () => {
  await Promise.all(holds.splice(0).map((hold) => hold.release()));
  rmSync(locks, { recursive: true, force: true });
});

describe('scripts/infra.sh up beside a suite that stops a server', () => {
  it('waits for it, and gives up naming what it waited for, having started nothing', async () => {
    // Given a suite holding the servers alone, as the servers-stopped suite does while Kafka is stopped
    await suiteHolds('alone');

    const up = await infra('up', 1);

    expect(up.code).not.toBe(0);
    expect(up.said).toContain(`[infra] waiting for a test suite on this machine that stops a server, which holds the servers alone or waits to (${join(locks, 'cs-platform-servers-servers.lock')})`);
    expect(up.said).toContain('[infra] the servers still held after 1 s; start scripts/infra.sh up once the suite has ended');
    expect(calls()).toEqual([]);
  });

  it('goes on once it has ended, holding them shared while it brings them up, and nothing after', async () => {
    const suite = await suiteHolds('alone');

    const up = await infra('up', 20, () => suite.release());

    expect(up.code).toBe(0);
    expect(calls()).toEqual([expect.stringMatching(/^compose -f .*docker-compose\.yml up -d .* \| shared free, alone taken$/)]);
    // A suite stopping a server is granted them at once.
    await holdServers('alone', { directory: locks, waitSeconds: 1 }).then((hold) => holds.push(hold));
  });

  it('brings them up beside suites sharing them, not waiting', async () => {
    await suiteHolds('shared');

    const up = await infra('up', 1);

    expect(up.code).toBe(0);
    expect(up.said).not.toContain('waiting');
  });
});

describe('scripts/infra.sh down beside test runs and copies using the servers', () => {
  it('waits for them, and gives up naming what it waited for, having stopped nothing', async () => {
    await suiteHolds('shared');

    const down = await infra('down', 1);

    expect(down.code).not.toBe(0);
    expect(down.said).toContain('[infra] waiting for the test runs and isolated copies on this machine that use the servers to end');
    expect(down.said).toContain('[infra] the servers still held after 1 s; start scripts/infra.sh down once they are no longer used');
    expect(calls()).toEqual([]);
  });

  it('stops them once they have ended, holding them alone meanwhile', async () => {
    const suite = await suiteHolds('shared');

    const down = await infra('down', 20, () => suite.release());

    expect(down.code).toBe(0);
    expect(calls()).toEqual([expect.stringMatching(/^compose -f .*docker-compose\.yml down .*\| shared taken, alone taken$/)]);
    const after = spawnSync('flock', ['-n', '-x', join(locks, 'cs-platform-servers-servers.lock'), 'true']);
    expect(after.status).toBe(0);
  });
});
