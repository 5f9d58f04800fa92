import { spawn } from 'node:child_process';
import { chmodSync, closeSync, openSync } from 'node:fs';
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
  /** How long to wait for the hold before failing; 30 minutes by default, longer than any suite lasts. */
  readonly waitSeconds?: number;
  /** Called once when the hold is not granted at once (another suite holds the servers). */
  readonly onWait?: () => void;
}

const GIVE_UP = 3;

/**
 * Holds the servers `shared` (many suites at once) or `alone` (none beside it), as a readers-writer
 * lock of two files held by `flock` in a child process, so that the kernel lets go of it when the
 * process holding it ends, however it ends (its stdin closes, and the child with it).
 *
 * A suite waiting `alone` holds the turnstile while it waits for the others to let go, so that no
 * suite starting meanwhile goes in before it: with `flock` alone, shared holds taken one after
 * another could keep it waiting for as long as there are suites left.
 */
export async function holdServers(use: ServersUse, options: ServersLockOptions = {}): Promise<ServersHold> {
  const directory = options.directory ?? tmpdir();
  const wait = options.waitSeconds ?? 1_800;
  const servers = lockFile(directory, 'servers');
  const child = spawn('sh', ['-c', HOLD[use], 'servers-lock', lockFile(directory, 'turnstile'), servers, String(wait)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    let told = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!told && output.includes('waiting\n')) {
        told = true;
        options.onWait?.();
      }
      if (output.includes('held\n')) resolve();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      reject(
        new Error(
          code === GIVE_UP
            ? `the servers were not free to hold ${use} within ${wait} s: a suite of some run on this machine holds them (${servers})`
            : `holding the servers ${use} failed (exit ${code}): ${errors.trim()}`,
        ),
      ),
    );
  });
  return {
    release: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await exited;
    },
  };
}

// The turnstile (fd 8) is passed by a shared hold and kept by an alone one until it holds the
// servers (fd 9): once a suite waits alone, suites starting after it wait behind it. Each step
// tries at once first, to say "waiting" only when it will.
const TAKE = `take() { flock -n "$@" || { echo waiting; flock -w "$WAIT" "$@"; }; }
exec 8<"$1" 9<"$2"; WAIT=$3
take -x 8 || exit ${GIVE_UP}`;
const HOLD: Record<ServersUse, string> = {
  shared: `${TAKE}
flock -u 8; take -s 9 || exit ${GIVE_UP}
echo held; exec cat > /dev/null`,
  alone: `${TAKE}
take -x 9 || exit ${GIVE_UP}; flock -u 8
echo held; exec cat > /dev/null`,
};

function lockFile(directory: string, name: string): string {
  const file = join(directory, `cs-platform-servers-${name}.lock`);
  const fd = openSync(file, 'a');
  closeSync(fd);
  try {
    chmodSync(file, 0o666);
  } catch {
    // Another user's file: it already lets everyone read it.
  }
  return file;
}
