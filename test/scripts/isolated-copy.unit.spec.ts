import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The fuzzer's and the benchmark's isolated copies claim their ports, their replicas' too, and
 * their Redis database on the machine, so a copy started from another checkout waits instead of
 * sharing them.
 */
const repo = join(__dirname, '..', '..');
const claim = (portBase: number, redisDb: number, dir: string): string =>
  `source scripts/lib.sh; source scripts/isolated-copy.sh; copy_init m ${portBase} ${redisDb} '${dir}' && echo claimed`;

describe('an isolated copy claims its ports and Redis database on the machine', () => {
  let locks: string;
  let holder: ChildProcessWithoutNullStreams | undefined;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, TMPDIR: locks, COPY_CLAIM_WAIT_SECONDS: '1' });
  const tryClaim = (portBase: number, redisDb: number, checkout: string) =>
    spawnSync('bash', ['-c', claim(portBase, redisDb, join(locks, checkout))], { cwd: repo, env: env(), encoding: 'utf8' });

  beforeEach(async () => {
    locks = mkdtempSync(join(tmpdir(), 'copy-claim-'));
    // Given a copy from one checkout holding ports 45001… and Redis database 7
    holder = spawn('bash', ['-c', `${claim(45000, 7, join(locks, 'first'))}; read -r _`], { cwd: repo, env: env() });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      holder?.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('claimed')) resolve();
      });
      holder?.on('exit', (code) => reject(new Error(`the first copy exited (${code}) before claiming`)));
    });
  });

  afterEach(() => {
    holder?.kill('SIGKILL');
    rmSync(locks, { recursive: true, force: true });
  });

  it('makes a copy from another checkout on the same ports wait, and give up naming them', () => {
    const second = tryClaim(45000, 8, 'second');
    expect(second.status).not.toBe(0);
    expect(second.stdout).toContain('port 45001 still held after 1 s');
  });

  it('makes a copy whose ports are the first copy\'s second replicas\' wait, and give up naming the first it shares', () => {
    // The first copy's services listen on 45001–45006 and their second replicas on 45007–45012.
    const second = tryClaim(45006, 8, 'second');
    expect(second.status).not.toBe(0);
    expect(second.stdout).toContain('port 45007 still held after 1 s');
  });

  it('makes a copy on the same Redis database wait, though its ports differ', () => {
    const second = tryClaim(46000, 7, 'second');
    expect(second.status).not.toBe(0);
    expect(second.stdout).toContain('Redis database 7 still held after 1 s');
  });

  it('lets a copy with other ports and another Redis database start beside it', () => {
    // Past the first copy's replicas' ports.
    expect(tryClaim(45012, 8, 'second').stdout).toContain('claimed');
  });

  it('lets the next copy on the same ports start once the first has ended', async () => {
    const ended = new Promise((resolve) => holder?.on('exit', resolve));
    holder?.stdin.end();
    await ended;
    expect(tryClaim(45000, 7, 'second').stdout).toContain('claimed');
  });
});
