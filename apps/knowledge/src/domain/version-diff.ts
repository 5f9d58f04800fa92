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

/** Line diff by longest common subsequence; answers are short, so the quadratic table is fine. */
export function diffLines(before: readonly string[], after: readonly string[]): LineChange[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: 'same', line: before[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ op: 'added', line: after[j]! });
      j++;
    } else {
      out.push({ op: 'removed', line: before[i]! });
      i++;
    }
  }
  return out;
}

export function diffVersions(before: AnswerContent, after: AnswerContent): VersionDiff {
  const fields = FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)).map((field) => ({
    field,
    before: before[field] ?? null,
    after: after[field] ?? null,
  }));
  return { fields, body: diffLines(before.body.split('\n'), after.body.split('\n')) };
}
