import type { AnswerContent } from './answer';

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface LineChange {
  readonly op: 'same' | 'added' | 'removed';
  readonly line: string;
}

export interface VersionDiff {
  /** Every field whose value differs, body included. */
  readonly fields: readonly FieldChange[];
  /** The body line by line, so a reviewer sees exactly which sentences changed. */
  readonly body: readonly LineChange[];
  /** False when the bodies differ in too many lines to be compared one by one: see `LineDiff`. */
  readonly bodyLineByLine: boolean;
}

const FIELDS: readonly (keyof AnswerContent)[] = [
  'title',
  'questions',
  'body',
  'sectionCode',
  'itemCode',
  'tags',
  'projects',
  'effectiveFrom',
  'effectiveTo',
  'sourceDepartment',
  'reviewBy',
];

/**
 * Lines added and removed that the body diff looks for at the most (ADR 0088). Myers' diff takes
 * time in proportion to the lines times the edits: within this bound two bodies of 10,000 lines
 * (the 20,000 characters a body may hold) are compared in tens of milliseconds. Bodies that differ
 * in more are a rewrite, shown as such.
 */
export const MAX_LINE_EDITS = 1_000;
/** Lines of each body compared at the most, past their common beginning and end: more than a body of 20,000 characters holds. */
export const MAX_LINES_COMPARED = 10_001;

export interface LineDiff {
  readonly changes: LineChange[];
  /**
   * False when the bodies differ in more than MAX_LINE_EDITS lines, or hold more than
   * MAX_LINES_COMPARED lines between their common beginning and end: that part is then shown
   * added and removed whole, not line by line.
   */
  readonly lineByLine: boolean;
}

/**
 * The body line by line: the lines both begin and end with, and between them Myers' shortest
 * edit script, bounded by MAX_LINE_EDITS. Each run of changed lines shows its added lines, then
 * its removed ones.
 */
export function diffLines(before: readonly string[], after: readonly string[]): LineDiff {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const removedPart = before.slice(head, before.length - tail);
  const addedPart = after.slice(head, after.length - tail);
  const same = (lines: readonly string[]) => lines.map((line): LineChange => ({ op: 'same', line }));
  const compared = removedPart.length <= MAX_LINES_COMPARED && addedPart.length <= MAX_LINES_COMPARED ? shortestEdit(removedPart, addedPart, MAX_LINE_EDITS) : undefined;
  const middle = compared ?? inRuns([...removedPart.map((line): LineChange => ({ op: 'removed', line })), ...addedPart.map((line): LineChange => ({ op: 'added', line }))]);
  return { changes: [...same(before.slice(0, head)), ...middle, ...same(before.slice(before.length - tail))], lineByLine: compared !== undefined };
}

/**
 * Myers' O(ND) shortest edit script from `before` to `after`, or undefined when it takes more than
 * `maxEdits` lines added and removed. Lines are compared as numbers, one per distinct text.
 */
function shortestEdit(before: readonly string[], after: readonly string[], maxEdits: number): LineChange[] | undefined {
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const a = Int32Array.from(before, idOf);
  const b = Int32Array.from(after, idOf);
  const [n, m] = [a.length, b.length];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k); trace[d] holds v for k in -d..d before step d.
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return inRuns(backtrack(trace, before, after, d));
    }
  }
  return undefined;
}

/** The edit script of `d` edits that `trace` records, from the start. */
function backtrack(trace: readonly Int32Array[], before: readonly string[], after: readonly string[], edits: number): LineChange[] {
  const reversed: LineChange[] = [];
  let [x, y] = [before.length, after.length];
  for (let d = edits; d > 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d]!;
    const k = x - y;
    const previous = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const [px, py] = [at(previous), at(previous) - previous];
    for (; x > px && y > py; x--, y--) reversed.push({ op: 'same', line: before[x - 1]! });
    if (x === px) reversed.push({ op: 'added', line: after[--y]! });
    else reversed.push({ op: 'removed', line: before[--x]! });
  }
  while (x > 0) reversed.push({ op: 'same', line: before[--x]! });
  return reversed.reverse();
}

/** Each run of changed lines as its added lines, then its removed ones. */
function inRuns(changes: readonly LineChange[]): LineChange[] {
  const out: LineChange[] = [];
  let run: LineChange[] = [];
  const flush = () => {
    out.push(...run.filter((c) => c.op === 'added'), ...run.filter((c) => c.op === 'removed'));
    run = [];
  };
  for (const change of changes) {
    if (change.op === 'same') {
      flush();
      out.push(change);
    } else run.push(change);
  }
  flush();
  return out;
}

export function diffVersions(before: AnswerContent, after: AnswerContent): VersionDiff {
  const fields = FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)).map((field) => ({
    field,
    before: before[field] ?? null,
    after: after[field] ?? null,
  }));
  const body = diffLines(before.body.split('\n'), after.body.split('\n'));
  return { fields, body: body.changes, bodyLineByLine: body.lineByLine };
}
