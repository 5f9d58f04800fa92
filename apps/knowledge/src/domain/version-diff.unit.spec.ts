import { diffLines, diffVersions } from './version-diff';
import { matchingGap, similarity } from './gap';

describe('diffVersions', () => {
  it('given a changed body line and tags, then only those fields differ and the body diff keeps unchanged lines', () => {
    const before = { title: 't', questions: ['q'], body: 'a\nb\nc', tags: ['x'], projects: null };
    const after = { ...before, body: 'a\nB\nc', tags: ['x', 'y'] };
    const diff = diffVersions(before, after);
    expect(diff.fields.map((f) => f.field)).toEqual(['body', 'tags']);
    expect(diff.body).toEqual([
      { op: 'same', line: 'a' },
      { op: 'added', line: 'B' },
      { op: 'removed', line: 'b' },
      { op: 'same', line: 'c' },
    ]);
  });

  it('given identical lines, then nothing is added or removed', () => {
    expect(diffLines(['x', 'y'], ['x', 'y']).every((c) => c.op === 'same')).toBe(true);
  });
});

describe('gap grouping', () => {
  const gap = { id: 'g', source: 'search' as const, status: 'open' as const, itemCode: 'consultation.other', tokens: ['游泳池', '开放', '时间'], sample: '', occurrences: 1, ticketIds: [], openedAt: new Date(), lastSeenAt: new Date() };

  it('given a question sharing most words with an open gap of the same item, then it joins that gap', () => {
    expect(similarity(['游泳池', '开放'], gap.tokens)).toBeCloseTo(2 / 3);
    expect(matchingGap([gap], ['游泳池', '开放'], 'consultation.other', undefined)).toBe(gap);
  });

  it('given another item or other words, then it opens a gap of its own', () => {
    expect(matchingGap([gap], ['游泳池', '开放'], 'repair.public_area', undefined)).toBeUndefined();
    expect(matchingGap([gap], ['停车', '收费'], 'consultation.other', undefined)).toBeUndefined();
  });
});
