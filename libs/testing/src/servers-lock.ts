import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How a suite uses the Postgres, Kafka and Redis servers of this machine: beside other suites,
 * or alone, because it stops or restarts one of them (ADR 0182).
 */
export type ServersUse = 'shared' | 'alone';

export const SERVERS_USES: readonly ServersUse[] = ['shared', 'alone'];

/** A hold on the servers, let go by {@link ServersHold.release} or by its process's end. */
export interface ServersHold {
  release(): Promise<void>;
}

export interface ServersLockOptions {
  /** The directory of the two lock files; this machine's temporary directory by default, so every checkout shares them. */
  readonly directory?: string;
  /** How long each of the hold's two steps may wait before failing; 30 minutes by default, longer than any suite lasts. */
  readonly waitSeconds?: number;
  /** Called once when the hold is not granted at once (a suite holds the servers alone, or waits to). */
  readonly onWait?: () => void;
  /**
   * Called once the hold has its place: past the turnstile, so that (asked alone) every hold asked
   * after it waits behind it. Before `held`, or with it where nothing waits.
   */
  readonly onQueued?: () => void;
  /** Called if the hold is lost after it was granted (its holding process ended on its own). */
  readonly onLost?: () => void;
}

/** The holder, the one place of the lock's protocol, which the isolated copies run too. */
const HOLDER = join(__dirname, '..', '..', '..', 'scripts', 'hold-servers.sh');

/** The holder's exit code when its wait ran out, told apart from flock's other failures. */
const NOT_FREE = 75;

/**
 * Holds the servers `shared` (many suites at once) or `alone` (none beside it) through
 * `scripts/hold-servers.sh`, a readers-writer lock of two files held by `flock`, started in a
 * process group of its own: once its stdin closes (released, or the worker gone, even by SIGKILL,
 * while holding or while still waiting) its watcher ends the group, and the hold with it.
 */
export async function holdServers(use: ServersUse, options: ServersLockOptions = {}): Promise<ServersHold> {
  const directory = options.directory ?? tmpdir();
  const wait = options.waitSeconds ?? 1_800;
  const servers = join(directory, 'cs-platform-servers-servers.lock');
  const child = spawn('sh', [HOLDER, use, directory, String(wait)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // A group of its own, for the watcher to end without touching the worker's.
    detached: true,
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  let released = false;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    let told = false;
    let queued = false;
    let held = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!told && output.includes('waiting\n')) {
        told = true;
        options.onWait?.();
      }
      if (!queued && output.includes('queued\n')) {
        queued = true;
        options.onQueued?.();
      }
      if (!held && output.includes('held\n')) {
        held = true;
        resolve();
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (held) {
        if (!released) options.onLost?.();
        return;
      }
      reject(
        new Error(
          code === NOT_FREE
            ? `the servers were not free to hold ${use} within ${wait} s: a suite of some run on this machine holds them, or waits to (${servers})`
            : `holding the servers ${use} failed (${signal ?? `exit ${code}`}): ${errors.trim()}`,
        ),
      );
    });
  });
  return {
    release: async () => {
      released = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * Does `work` holding the servers shared: a run's set-up and tear-down (creating and dropping its
 * database, its Kafka namespace) wait for a suite of another run stopping a server, as its suites do.
 */
export async function whileSharingServers<T>(work: () => Promise<T>, options: ServersLockOptions = {}): Promise<T> {
  const hold = await holdServers('shared', options);
  try {
    return await work();
  } finally {
    await hold.release();
  }
}
