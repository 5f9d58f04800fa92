import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../libs/testing/src/eventually';

/**
 * `scripts/infra.sh kafka-freeze` and `kafka-thaw`, run as local processes against a process that
 * only looks like the broker (its command line names `kafka.Kafka`) in a state directory of the
 * test's own: no server is touched.
 */
const repo = join(__dirname, '..', '..');
jest.setTimeout(30_000);

/** The process's state letter, as /proc/<pid>/stat gives it after its name. */
const stateOf = (pid: number) => /\) (\w)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];

/**
 * Until the look-alike is stopped: kill -STOP returns once the signal is sent, and the process
 * stops only when it next runs, which on a busy machine can come after kafka-freeze has ended.
 */
const frozen = () => eventually(() => expect(stateOf(broker.pid!)).toBe('T'), 5_000, 10);

let state: string;
let broker: ChildProcess;

beforeEach(async () => {
  state = mkdtempSync(join(tmpdir(), 'infra-freeze-'));
  mkdirSync(join(state, 'infra', 'kafka'), { recursive: true });
  broker = spawn('bash', ['-c', 'exec -a kafka.Kafka sleep 300'], { stdio: 'ignore' });
  writeFileSync(join(state, 'infra', 'kafka', 'kafka.pid'), `${broker.pid}\n`);
  // Once bash has become the broker's look-alike, asleep.
  await eventually(() => expect([readFileSync(`/proc/${broker.pid}/cmdline`, 'utf8').split('\0')[0], stateOf(broker.pid!)]).toEqual(['kafka.Kafka', 'S']), 10_000, 20);
});

afterEach(() => {
  broker.kill('SIGKILL');
  rmSync(state, { recursive: true, force: true });
});

/** `infra.sh <command>` run to its end, with what it said on stderr; not synchronously, so that the look-alike, this process's child, is reaped once it ends. */
async function infra(command: string): Promise<{ code: number | null; said: string }> {
  const child = spawn('bash', ['scripts/infra.sh', command], {
    cwd: repo,
    env: { ...process.env, CS_INFRA_MODE: 'local', CS_INFRA_DIR: join(state, 'infra'), CS_CACHE_DIR: join(state, 'cache') },
  });
  let said = '';
  child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, said };
}

describe('scripts/infra.sh freezing the Kafka broker', () => {
  it('kafka-freeze stops the broker with its connections open, kafka-thaw lets it go on, and each says so in the broker’s log', async () => {
    expect((await infra('kafka-freeze')).code).toBe(0);
    await frozen();

    const thaw = await infra('kafka-thaw');
    expect(thaw.code).toBe(0);
    expect(thaw.said).toContain(`kafka: broker pid ${broker.pid} was frozen; letting it go on`);
    expect(stateOf(broker.pid!)).not.toBe('T');
    const log = readFileSync(join(state, 'infra', 'kafka', 'kafka.log'), 'utf8');
    expect(log).toMatch(new RegExp(`froze the broker \\(pid ${broker.pid}\\)[\\s\\S]*let the frozen broker go on \\(pid ${broker.pid}\\)`));
  });

  it('kafka-stop of a frozen broker lets it go on first, so it ends on SIGTERM at once', async () => {
    expect((await infra('kafka-freeze')).code).toBe(0);
    // Else the stop could find it not stopped yet, and the test would not stop a frozen broker.
    await frozen();
    const ended = new Promise((resolve) => broker.once('exit', (_code, signal) => resolve(signal)));
    const started = Date.now();

    const stop = await infra('kafka-stop');

    expect(stop.code).toBe(0);
    expect(await ended).toBe('SIGTERM');
    // Left frozen, it would have taken SIGTERM only after 60 s of waiting, and then SIGKILL.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses to freeze or thaw a broker that is not running, naming it', async () => {
    broker.kill('SIGKILL');
    rmSync(join(state, 'infra', 'kafka', 'kafka.pid'));

    const freeze = await infra('kafka-freeze');
    const thaw = await infra('kafka-thaw');

    expect([freeze.code, thaw.code]).toEqual([1, 1]);
    expect(freeze.said).toContain('kafka: not running; nothing to freeze');
    expect(thaw.said).toContain('kafka: not running; nothing to thaw');
  });
});
