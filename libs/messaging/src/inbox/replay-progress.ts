/**
 * How many dead letters one replay run has gone through, kept with the replayer group's committed
 * offsets (their metadata), so a Job started again after a crash counts on from where its earlier
 * attempt stopped instead of from zero: `--limit` holds for the run, not for each attempt.
 */
interface ProgressMark {
  readonly run: string;
  readonly done: number;
}

/** The metadata a commit carries: the run and its count so far; none for a replay that names no run. */
export function progressMark(run: string | undefined, done: number): string | null {
  return run === undefined ? null : JSON.stringify({ run, done } satisfies ProgressMark);
}

/**
 * What `run` has gone through already: the highest count its commits carry (each commit carries
 * the run's count as it was made, the latest the highest). 0 for a run that names none, or whose
 * commits are not there (a new run, or another run's commits since).
 */
export function doneInRun(metadata: readonly (string | null | undefined)[], run: string | undefined): number {
  if (run === undefined) return 0;
  let done = 0;
  for (const text of metadata) {
    const mark = parsed(text);
    if (mark?.run === run) done = Math.max(done, mark.done);
  }
  return done;
}

function parsed(text: string | null | undefined): ProgressMark | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || !('run' in value) || !('done' in value)) return undefined;
    const { run, done } = value;
    return typeof run === 'string' && Number.isSafeInteger(done) && typeof done === 'number' ? { run, done } : undefined;
  } catch {
    return undefined;
  }
}
