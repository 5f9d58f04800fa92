import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The suites of a run that hold the servers alone, and where each says it has its place in the
 * lock's queue: put in the environment by `servers-sequencer.js` (plain CommonJS, which names the
 * variable too) before jest starts its workers, which inherit it.
 */
export const ALONE_FIRST_VARIABLE = 'CS_ALONE_SUITES_FIRST';

export interface AloneFirst {
  /** A directory of the run's own, where each alone suite leaves a mark once it is queued; made by the first mark. */
  readonly directory: string;
  /** The alone suites' paths, as jest gives them. */
  readonly suites: readonly string[];
}

/** The run's alone suites, if the sequencer put any before shared ones. */
export function aloneFirstOf(env: NodeJS.ProcessEnv = process.env): AloneFirst | undefined {
  const value = env[ALONE_FIRST_VARIABLE];
  if (!value) return undefined;
  const parsed = JSON.parse(value) as Partial<AloneFirst>;
  if (typeof parsed.directory !== 'string' || !Array.isArray(parsed.suites)) throw new Error(`${ALONE_FIRST_VARIABLE} is not what the servers sequencer writes: ${value}`);
  return { directory: parsed.directory, suites: parsed.suites };
}

const markOf = (first: AloneFirst, index: number) => join(first.directory, `queued-${index}`);

/** Marks `suite` queued (or given up on holding): shared suites no longer wait for it. */
export function markQueued(first: AloneFirst, suite: string): void {
  const index = first.suites.indexOf(suite);
  if (index < 0) return;
  mkdirSync(first.directory, { recursive: true, mode: 0o700 });
  writeFileSync(markOf(first, index), '');
}

/**
 * Resolves once every alone suite of the run is queued for the servers, true; or false after
 * `boundMs`, should one never say so (its environment failed before asking, or the run left it
 * out after ordering, as `--onlyFailures` does). Then it marks them all, so that no later shared
 * suite waits for them again.
 */
export async function untilAloneSuitesQueued(first: AloneFirst, boundMs = 60_000, pollMs = 100): Promise<boolean> {
  const until = Date.now() + boundMs;
  for (;;) {
    if (first.suites.every((_, index) => existsSync(markOf(first, index)))) return true;
    if (Date.now() >= until) {
      for (const suite of first.suites) markQueued(first, suite);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The run's marks removed and the variable gone, as the run found the environment. */
export function forgetAloneFirst(env: NodeJS.ProcessEnv = process.env): void {
  const first = aloneFirstOf(env);
  if (first) rmSync(first.directory, { recursive: true, force: true });
  delete env[ALONE_FIRST_VARIABLE];
}
