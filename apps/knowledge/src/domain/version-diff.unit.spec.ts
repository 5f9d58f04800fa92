import fc from 'fast-check';
import { LineChange, MAX_LINE_EDITS, diffLines, diffVersions } from './version-diff';
import { matchingGap, similarity } from './gap';

/** The lines each side reads in a diff: same and removed ones before, same and added ones after. */
const sides = (changes: readonly LineChange[]) => ({
  before: changes.filter((c) => c.op !== 'added').map((c) => c.line),
  after: changes.filter((c) => c.op !== 'removed').map((c) => c.line),
});
const edits = (changes: readonly LineChange[]) => changes.filter((c) => c.op !== 'same').length;

/** The longest common subsequence's length by the textbook table: what a shortest diff keeps. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(line === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    row = next;
  }
  return row[b.length]!;
}

const lines = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => name(i));

describe('diffVersions', () => {
  it('given a changed body line and tags, then only those fields differ and the body diff keeps unchanged lines', () => {
    const before = { title: 't', questions: ['q'], body: 'a\nb\nc', tags: ['x'], projects: null };
    const after = { ...before, body: 'a\nB\nc', tags: ['x', 'y'] };
    const diff = diffVersions(before, after);
    expect(diff.fields.map((f) => f.field)).toEqual(['body', 'tags']);
    expect(diff.bodyLineByLine).toBe(true);
    expect(diff.body).toEqual([
      { op: 'same', line: 'a' },
      { op: 'added', line: 'B' },
      { op: 'removed', line: 'b' },
      { op: 'same', line: 'c' },
    ]);
  });

  it('given identical lines, then nothing is added or removed', () => {
    expect(diffLines(['x', 'y'], ['x', 'y']).changes.every((c) => c.op === 'same')).toBe(true);
  });

  it('given any two bodies, then the diff reads as each of them and changes no more lines than a shortest one', () => {
    const body = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(body, body, (before, after) => {
        const { changes, lineByLine } = diffLines(before, after);
        expect(sides(changes)).toEqual({ before, after });
        expect(edits(changes)).toBe(before.length + after.length - 2 * lcsLength(before, after));
        expect(lineByLine).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  // No timing asserted (the benchmark measures speed): the table of every pair of lines took about 29 s and 848 MB here, past the test's time limit.
  it('given two bodies of 10,000 lines with 400 changed here and there, then they are compared line by line', () => {
    const before = lines(10_000, (i) => `第${i}行`);
    const after = before.map((line, i) => (i % 25 === 7 ? `${line}（已修订）` : line));
    const { changes, lineByLine } = diffLines(before, after);
    expect([lineByLine, edits(changes)]).toEqual([true, 800]);
    expect(sides(changes)).toEqual({ before, after });
  });

  it(`given two bodies of 10,000 lines that differ in more than ${MAX_LINE_EDITS} lines, then the part between their common beginning and end is shown added and removed whole`, () => {
    const before = ['标题', ...lines(10_000, (i) => `旧${i}`), '结尾'];
    const after = ['标题', ...lines(10_000, (i) => `新${i}`), '结尾'];
    const { changes, lineByLine } = diffLines(before, after);
    expect(lineByLine).toBe(false);
    expect(changes.map((c) => c.op)).toEqual(['same', ...lines(10_000, () => 'added'), ...lines(10_000, () => 'removed'), 'same']);
    expect(sides(changes)).toEqual({ before, after });
  });
});

describe('gap grouping', () => {
  const gap = { id: 'g', source: 'search' as const, status: 'open' as const, itemCode: 'consultation.other', tokens: ['游泳池', '开放', '时间'], sample: '', occurrences: 1, ticketIds: [], ticketCount: 0, openedAt: new Date(), lastSeenAt: new Date() };

  it('given a question sharing most words with an open gap of the same item, then it joins that gap', () => {
    expect(similarity(['游泳池', '开放'], gap.tokens)).toBeCloseTo(2 / 3);
    expect(matchingGap([gap], ['游泳池', '开放'], 'consultation.other', undefined)).toBe(gap);
  });

  it('given another item or other words, then it opens a gap of its own', () => {
    expect(matchingGap([gap], ['游泳池', '开放'], 'repair.public_area', undefined)).toBeUndefined();
    expect(matchingGap([gap], ['停车', '收费'], 'consultation.other', undefined)).toBeUndefined();
  });
});
