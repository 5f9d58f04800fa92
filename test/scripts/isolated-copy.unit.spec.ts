import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../libs/testing/src/eventually';
import { ServersHold, ServersUse } from '../../libs/testing/src/servers-lock';
import { AskedHold, askServers, saysItWaits } from '../../libs/testing/src/servers-lock-asked';
import { INSTANCE_SPEC_REDIS_POOL, TEST_REDIS_POOL } from '../../libs/testing/src/test-redis-pool';

/**
 * The fuzzer's and the benchmark's isolated copies claim their ports, their replicas' too, and
 * their Redis database on the machine, so a copy started from another checkout waits instead of
 * sharing them; they hold the machine's servers shared as a test suite does, so a suite stopping a
 * server waits for them and they for it (ADR 0182); and they leave alone the Redis databases that
 * the development system and the test runs empty.
 */
const repo = join(__dirname, '..', '..');
const claim = (portBase: number, redisDb: number | string, dir: string, setting = ''): string =>
  `source scripts/lib.sh; source scripts/isolated-copy.sh; copy_init m ${portBase} ${redisDb} '${dir}' ${setting} && echo claimed`;

// Copies spawned one after another, and waits of COPY_CLAIM_WAIT_SECONDS, on a two-core machine
// running a jest worker per core: jest's five seconds leave no room.
jest.setTimeout(30_000);

let locks: string;
const copies: ChildProcessWithoutNullStreams[] = [];
const holds: ServersHold[] = [];
const asked: AskedHold[] = [];
/** Processes a copy started that outlive it, ended after the test. */
const orphans: number[] = [];
const env = (): NodeJS.ProcessEnv => ({ ...process.env, TMPDIR: locks, COPY_CLAIM_WAIT_SECONDS: '1' });
const tryClaim = (portBase: number, redisDb: number | string, checkout: string, setting?: string) =>
  spawnSync('bash', ['-c', claim(portBase, redisDb, join(locks, checkout), setting)], { cwd: repo, env: env(), encoding: 'utf8' });

interface Copy {
  readonly copy: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly claimed: Promise<void>;
}

/**
 * A copy from the checkout `checkout`, which runs `before`, claims what it needs, then runs `then`
 * and lives until its stdin closes.
 */
function startCopy(portBase: number, redisDb: number, checkout: string, { before = '', then = '' } = {}): Copy {
  const copy = spawn('bash', ['-c', `${before} ${claim(portBase, redisDb, join(locks, checkout))}; ${then} read -r _`], { cwd: repo, env: env() });
  copies.push(copy);
  let out = '';
  const claimed = new Promise<void>((resolve, reject) => {
    copy.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('claimed')) resolve();
    });
    copy.on('exit', (code) => reject(new Error(`the copy exited (${code}) before claiming: ${out}`)));
  });
  // Settled by the test when it awaits it; a test that fails first leaves no unhandled rejection.
  claimed.catch(() => undefined);
  return { copy, output: () => out, claimed };
}

/** A copy from the checkout `checkout` that has claimed what it needs, then runs `then` and lives until its stdin closes. */
async function runningCopy(portBase: number, redisDb: number, checkout: string, then = ''): Promise<Omit<Copy, 'claimed'>> {
  const started = startCopy(portBase, redisDb, checkout, { then });
  await started.claimed;
  return started;
}

/**
 * A copy whose shell, after `first`, runs a command in the background and one in the foreground,
 * as the fuzzer runs its lanes and the benchmark its tool: the copy and the pids of the commands
 * (ended after the test).
 */
async function copyWithChildren(first = ''): Promise<{ copy: ChildProcessWithoutNullStreams; children: number[] }> {
  const child = `sh -c 'echo "child $$"; exec sleep 60'`;
  const { copy, output } = await runningCopy(45000, 3, 'first', `${first} lane() { ${child}; }; lane & echo "child $!"; ${child};`);
  await eventually(() => expect(output().match(/child \d+/g)).toHaveLength(3), 10_000, 20);
  const children = [...output().matchAll(/child (\d+)/g)].map(([, pid]) => Number(pid));
  orphans.push(...children);
  return { copy, children };
}

/** Ends a copy's shell by `signal`, whatever it started living on. */
async function endShell(copy: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((resolve) => copy.once('exit', resolve));
  copy.kill(signal);
  await exited;
}

async function ended(copy: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise((resolve) => copy.once('exit', resolve));
  copy.stdin.end();
  await exited;
}

/** A test suite's hold on the servers being asked for, with the copies' lock directory. */
function suiteAsks(use: ServersUse, waitSeconds = 10): AskedHold {
  const asking = askServers(use, { directory: locks, waitSeconds }, holds);
  // Settled by the test when it awaits it; one still asked for when a test fails is settled after it.
  asking.hold.catch(() => undefined);
  asked.push(asking);
  return asking;
}

beforeEach(() => {
  locks = mkdtempSync(join(tmpdir(), 'copy-claim-'));
});

afterEach(async () => {
  for (const copy of copies.splice(0)) copy.kill('SIGKILL');
  for (const pid of orphans.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already ended.
    }
  }
  await Promise.all(holds.splice(0).map((hold) => hold.release()));
  // Holds a failed test left waiting: each is granted once what it waited for is gone, or gives up.
  await Promise.all(asked.splice(0).map(({ hold }) => hold.then((held) => held.release(), () => undefined)));
  rmSync(locks, { recursive: true, force: true });
});

describe('an isolated copy claims its ports and Redis database on the machine', () => {
  let first: ChildProcessWithoutNullStreams;

  beforeEach(async () => {
    // Given a copy from one checkout holding ports 45001… and Redis database 3
    ({ copy: first } = await runningCopy(45000, 3, 'first'));
  });

  it('makes a copy from another checkout on the same ports wait, and give up naming them', () => {
    const second = tryClaim(45000, 4, 'second');
    expect(second.status).not.toBe(0);
    expect(second.stdout).toContain('port 45001 still held after 1 s');
  });

  it('makes a copy whose ports are the first copy\'s second replicas\' wait, and give up naming the first it shares', () => {
    // The first copy's services listen on 45001–45006 and their second replicas on 45007–45012.
    const second = tryClaim(45006, 4, 'second');
    expect(second.status).not.toBe(0);
    expect(second.stdout).toContain('port 45007 still held after 1 s');
  });

  it('makes a copy on the same Redis database wait, though its ports differ', () => {
    const second = tryClaim(46000, 3, 'second');
    expect(second.status).not.toBe(0);
    expect(second.stdout).toContain('Redis database 3 still held after 1 s');
  });

  it('lets a copy with other ports and another Redis database start beside it', () => {
    // Past the first copy's replicas' ports.
    expect(tryClaim(45012, 4, 'second').stdout).toContain('claimed');
  });

  it('lets the next copy on the same ports start once the first has ended', async () => {
    await ended(first);
    expect(tryClaim(45000, 3, 'second').stdout).toContain('claimed');
  });

  it('lets go of the claims it took when killed waiting for another', async () => {
    // A copy on ports 44991–45002 takes 44991–45000, then waits for 45001, which the first copy holds
    const waiting = startCopy(44990, 4, 'second', { before: 'COPY_CLAIM_WAIT_SECONDS=30;' });
    await eventually(() => expect(waiting.output()).toContain('waiting for another isolated copy on this machine to release port 45001'), 10_000, 20);
    await endShell(waiting.copy, 'SIGKILL');
    // Ports 44981–44992 share 44991 and 44992 with the killed copy's.
    expect(tryClaim(44980, 5, 'third').stdout).toContain('claimed');
  });
});

describe('a killed isolated copy holds up no next copy', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)('lets the next copy take its ports and Redis database once its shell is ended by %s, though processes it started outlive it', async (signal) => {
    const { copy, children } = await copyWithChildren();
    await endShell(copy, signal);
    for (const pid of children) expect(() => process.kill(pid, 0)).not.toThrow();
    // Within the one second it may wait: the claims' group ends a moment after the shell.
    expect(tryClaim(45000, 3, 'second').stdout).toContain('claimed');
  });

  it('gives each run a directory of its own under the tool\'s, pruning runs over a week old', () => {
    const tool = join(locks, 'fuzz');
    mkdirSync(join(tool, 'old'), { recursive: true });
    mkdirSync(join(tool, 'recent'));
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(join(tool, 'old'), weekAgo, weekAgo);
    const made = spawnSync('bash', ['-c', `source scripts/lib.sh; source scripts/isolated-copy.sh; copy_run_dir '${tool}' fuzz-1-2`], { cwd: repo, env: env(), encoding: 'utf8' });
    expect(made.stdout.trim()).toBe(join(tool, 'fuzz-1-2'));
    expect(readdirSync(tool).sort()).toEqual(['fuzz-1-2', 'recent']);
  });
});

describe('an isolated copy holds the machine\'s servers shared, as a test suite does', () => {
  it('makes a suite that stops a server wait until the copy has ended', async () => {
    const { copy } = await runningCopy(45000, 3, 'first');
    const outage = suiteAsks('alone');
    await saysItWaits(outage);
    await ended(copy);
    await outage.hold;
  });

  it('waits for a suite holding the servers alone, saying so, and gives up after COPY_CLAIM_WAIT_SECONDS', async () => {
    const outage = await suiteAsks('alone').hold;
    const copy = tryClaim(45000, 3, 'first');
    expect(copy.status).not.toBe(0);
    expect(copy.stdout).toContain(`waiting for a test suite on this machine that stops a server, which holds the servers alone or waits to (${join(locks, 'cs-platform-servers-')}`);
    expect(copy.stdout).toContain('the servers still held after 1 s');
    await outage.release();
    expect(tryClaim(45000, 3, 'first').stdout).toContain('claimed');
  });

  it('waits behind a suite waiting to stop a server, though only shared holds are held', async () => {
    const shared = await suiteAsks('shared').hold;
    const outage = suiteAsks('alone');
    await saysItWaits(outage);
    expect(tryClaim(45000, 3, 'first').stdout).toContain('the servers still held after 1 s');
    await shared.release();
    await (await outage.hold).release();
    expect(tryClaim(45000, 3, 'first').stdout).toContain('claimed');
  });

  it('holds them beside suites sharing them, neither waiting for the other', async () => {
    await suiteAsks('shared').hold;
    const { output } = await runningCopy(45000, 3, 'first');
    const beside = suiteAsks('shared');
    await beside.hold;
    expect(output()).not.toContain('waiting');
    expect(beside.state.waited).toBe(false);
  });

  it('lets go of them when released, as copy_stop ends, though its shell still runs', async () => {
    const { copy, output } = await runningCopy(45000, 3, 'first', 'read -r _; machine_release; echo released;');
    const outage = suiteAsks('alone');
    await saysItWaits(outage);
    copy.stdin.write('\n');
    await outage.hold;
    expect(output()).toContain('released');
  });

  it('gives the services it starts none of the hold, so those a killed copy left running keep no suite out', async () => {
    // A `node` that stays up in place of the service.
    const bin = join(locks, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'node'), '#!/usr/bin/env bash\nexec sleep 60\n');
    chmodSync(join(bin, 'node'), 0o755);
    const launch = `PATH='${bin}':$PATH; COPY_DIR='${join(locks, 'first')}' COPY_ADMIN_URL='postgres://u:p@127.0.0.1:5432/cs_m' COPY_REDIS_URL=redis://127.0.0.1:6379/3 COPY_NODE_ARGS=() COPY_EXTRA_ENV=(); copy_launch tickets tickets 45002; echo launched;`;
    const { copy, output } = await runningCopy(45000, 3, 'first', launch);
    await eventually(() => expect(output()).toContain('launched'), 10_000, 20);
    const service = Number(readFileSync(join(locks, 'first', 'tickets.pid'), 'utf8'));
    try {
      const outage = suiteAsks('alone');
      await saysItWaits(outage);
      await endShell(copy, 'SIGKILL');
      expect(() => process.kill(service, 0)).not.toThrow();
      await outage.hold;
    } finally {
      process.kill(service, 'SIGKILL');
    }
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('lets go of them when its shell is ended by %s, though processes it started outlive it', async (signal) => {
    const { copy, children } = await copyWithChildren('trap machine_release EXIT;');
    const outage = suiteAsks('alone', 5);
    await saysItWaits(outage);
    await endShell(copy, signal);
    for (const pid of children) expect(() => process.kill(pid, 0)).not.toThrow();
    await outage.hold;
  });

  it('says once that it waits, though it waits at both of the hold\'s steps', async () => {
    // Given a suite sharing the servers, and a suite waiting to stop one, which holds the turnstile meanwhile
    const shared = await suiteAsks('shared').hold;
    const outage = suiteAsks('alone');
    await saysItWaits(outage);
    // When a copy asks for them, waiting for the turnstile, then for the servers the second suite holds
    const { output, claimed } = startCopy(45000, 3, 'first', { before: 'COPY_CLAIM_WAIT_SECONDS=20;' });
    await eventually(() => expect(output()).toContain('waiting for'), 10_000, 20);
    await shared.release();
    const alone = await outage.hold;
    // The copy holds the turnstile shared, waiting for the servers.
    const turnstile = join(locks, 'cs-platform-servers-turnstile.lock');
    await eventually(() => expect(spawnSync('flock', ['-n', '-x', turnstile, 'true']).status).not.toBe(0), 10_000, 20);
    await alone.release();
    // Then it said so once
    await claimed;
    expect(output().match(/waiting for/g)).toHaveLength(1);
  });

  it('finds the lock files in the directory the test runs do: Node\'s os.tmpdir()', () => {
    const variants: Record<string, string>[] = [{}, { TMPDIR: '/a/b/' }, { TMP: '/c' }, { TEMP: '/d/' }, { TMPDIR: '', TMP: '/e', TEMP: '/f' }, { TMPDIR: '/' }];
    for (const variant of variants) {
      const base = { ...process.env };
      for (const name of ['TMPDIR', 'TMP', 'TEMP']) delete base[name];
      const asked = { ...base, ...variant };
      const node = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { env: asked, encoding: 'utf8' });
      const copy = spawnSync('bash', ['-c', 'source scripts/lib.sh; source scripts/isolated-copy.sh; machine_tmpdir'], { cwd: repo, env: asked, encoding: 'utf8' });
      expect({ variant, directory: copy.stdout.trim() }).toEqual({ variant, directory: node.stdout });
    }
  });
});

describe('an isolated copy leaves alone the Redis databases others empty', () => {
  const refused: [number, string][] = [
    [0, "the development system's (scripts/up.sh)"],
    ...TEST_REDIS_POOL.map((db): [number, string] => [db, `in the test runs' pool (${TEST_REDIS_POOL.join(' ')}: TEST_REDIS_POOL`]),
    ...INSTANCE_SPEC_REDIS_POOL.map((db): [number, string] => [db, `the instance suite's (${INSTANCE_SPEC_REDIS_POOL.join(' ')}: INSTANCE_SPEC_REDIS_POOL`]),
  ];

  it.each(refused)('refuses database %i, naming whose it is, before claiming anything', (db, whose) => {
    const copy = tryClaim(45000, db, 'first');
    expect(copy.status).not.toBe(0);
    expect(copy.stdout).toContain(`Redis database ${db} is ${whose}`);
    expect(readdirSync(locks)).toEqual([]);
  });

  it('takes any other of the sixteen', () => {
    const taken = new Set(refused.map(([db]) => db));
    for (let db = 1; db < 16; db += 1) {
      if (taken.has(db)) continue;
      expect({ db, output: tryClaim(45000, db, `copy-${db}`).stdout }).toEqual({ db, output: expect.stringContaining('claimed') });
    }
  });

  it.each(['16', '99', '100', '99999999999999999999', '014', '-1', '1e1', ' 3'])('refuses %p, not one of the sixteen written as a plain decimal, naming what set it', (db) => {
    const copy = tryClaim(45000, `'${db}'`, 'first', 'FUZZ_REDIS_DB');
    expect(copy.status).not.toBe(0);
    expect(copy.stdout).toContain(`the copy's Redis database (FUZZ_REDIS_DB) must be one of Redis's sixteen, 0 to 15 in decimal, not '${db}'`);
    expect(readdirSync(locks)).toEqual([]);
  });
});

describe("an isolated copy's ports", () => {
  const portsUnderErrexit = (names: string) =>
    spawnSync(
      'bash',
      ['-c', `set -euo pipefail; source scripts/lib.sh; source scripts/isolated-copy.sh; COPY_PORT_BASE=45000; ports=(); for s in ${names}; do ports+=("$s=$(copy_port "$s")"); done; echo "\${ports[*]}"`],
      { cwd: repo, encoding: 'utf8' },
    );

  it('are each service’s in turn after the base, each read under `set -e` without stopping the script', () => {
    const read = portsUnderErrexit('intake tickets callbacks knowledge reporting notifications');
    expect(read.status).toBe(0);
    expect(read.stdout.trim()).toBe('intake=45001 tickets=45002 callbacks=45003 knowledge=45004 reporting=45005 notifications=45006');
  });

  it('has none for a name that is not a service’s: the script stops there', () => {
    const read = portsUnderErrexit('intake gateway');
    expect(read.status).not.toBe(0);
    expect(read.stdout).toBe('');
  });
});
