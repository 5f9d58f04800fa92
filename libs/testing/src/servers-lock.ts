import { spawn } from 'node:child_process';
import { closeSync, fchmodSync, openSync } from 'node:fs';
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
  /** Called if the hold is lost after it was granted (its holding process ended on its own). */
  readonly onLost?: () => void;
}

/** flock's exit code when its wait ran out (`-E`), told apart from its other failures. */
const NOT_FREE = 75;

/**
 * Holds the servers `shared` (many suites at once) or `alone` (none beside it), as a readers-writer
 * lock of two files held by `flock` in a child process of its own process group.
 *
 * The hold ends with the process holding it, however that ends: a watcher in the group reads the
 * child's stdin, and once it closes (released, or the worker gone, even by SIGKILL, while holding
 * or while still waiting) it ends the whole group and every open copy of the two files with it.
 *
 * A suite asking alone takes the turnstile exclusively and keeps it until it holds the servers;
 * a suite asking shared passes the turnstile shared. So a suite waiting alone is not kept waiting
 * by suites starting after it, and suites sharing never wait for each other.
 */
export async function holdServers(use: ServersUse, options: ServersLockOptions = {}): Promise<ServersHold> {
  const directory = options.directory ?? tmpdir();
  const wait = options.waitSeconds ?? 1_800;
  const servers = lockFile(directory, 'servers');
  const child = spawn('sh', ['-c', HOLD[use], 'servers-lock', lockFile(directory, 'turnstile'), servers, String(wait)], {
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
    let held = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!told && output.includes('waiting\n')) {
        told = true;
        options.onWait?.();
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

// fd 8 is the turnstile, fd 9 the servers. `take` tries at once first, to say "waiting" only when
// it will; a wait that runs out exits NOT_FREE, any other failure of flock with its own code.
// The watcher reads stdin through fd 3: an asynchronous list's own stdin is /dev/null.
const PREAMBLE = `exec 8<"$1" 9<"$2" 3<&0; WAIT=$3
( cat <&3 > /dev/null; kill 0 ) &
take() { flock -n -E ${NOT_FREE} "$@" && return 0; s=$?; [ "$s" -eq ${NOT_FREE} ] || exit "$s"; echo waiting; flock -w "$WAIT" -E ${NOT_FREE} "$@" || exit $?; }`;
const HOLD: Record<ServersUse, string> = {
  shared: `${PREAMBLE}
take -s 8; take -s 9; flock -u 8
echo held; wait`,
  alone: `${PREAMBLE}
take -x 8; take -x 9; flock -u 8
echo held; wait`,
};

/**
 * The lock file `name` in `directory`, made readable by everyone when this process makes it:
 * opened for reading (flock(2) needs no more), and made only where none exists, because opening
 * another user's file in a sticky directory with O_CREAT is refused where the kernel protects
 * regular files (fs.protected_regular), whatever the file's mode.
 */
function lockFile(directory: string, name: string): string {
  const file = join(directory, `cs-platform-servers-${name}.lock`);
  try {
    closeSync(openSync(file, 'r'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let fd: number;
    try {
      // O_EXCL: never follows a link someone put in the name's place.
      fd = openSync(file, 'wx', 0o666);
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code === 'EEXIST') return file;
      throw raced;
    }
    try {
      // The process's umask would otherwise keep other users out.
      fchmodSync(fd, 0o666);
    } finally {
      closeSync(fd);
    }
  }
  return file;
}
