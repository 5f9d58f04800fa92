import type { Reader } from './audience';
import { InboxMark, MARKS_KEPT, markAllRead, readByMarks } from './inbox-mark';

const reader: Reader = { sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] };
const widened: Reader = { ...reader, projects: ['P1', 'P2'] };
const at = new Date('2026-12-04T09:00:00Z');
const earlier = new Date('2026-12-01T08:00:00Z');

describe('marking all read', () => {
  it('given no mark before, when all is marked read at stream id 40, then the mark reaches 40 from now, and only what it leaves unread is marked singly', () => {
    const { marks, markSinglyWhatIsUnreadUnder } = markAllRead([], reader, 40, at);
    expect(marks).toEqual([{ reader, upTo: 40, at }]);
    expect(markSinglyWhatIsUnreadUnder).toEqual(marks);
  });

  it('given a mark of the same scope before, when all is marked read again, then what it left unread is marked singly now, and the mark moves on keeping its first time', () => {
    const before = { reader, upTo: 40, at: earlier };
    const { marks, markSinglyWhatIsUnreadUnder } = markAllRead([before], reader, 55, at);
    expect(markSinglyWhatIsUnreadUnder).toEqual([before]);
    expect(marks).toEqual([{ reader, upTo: 55, at: earlier }]);
  });

  it('given a mark of a narrower scope before, when all is marked read from a wider one, then a mark of the wider scope is made now beside it, and only what neither covers is marked singly', () => {
    const before = { reader, upTo: 40, at: earlier };
    const { marks, markSinglyWhatIsUnreadUnder } = markAllRead([before], widened, 55, at);
    expect(marks).toEqual([{ reader: widened, upTo: 55, at }, before]);
    expect(markSinglyWhatIsUnreadUnder).toEqual(marks);
  });

  it('given a mark of a wider scope before, when all is marked read from a narrower one, then the wider mark stays: what it covered stays read', () => {
    const before = { reader: widened, upTo: 40, at: earlier };
    const { marks } = markAllRead([before], reader, 55, at);
    expect(marks).toEqual([{ reader, upTo: 55, at }, before]);
  });

  it('given marks of two scopes, when the wider is marked again, then the narrower one, covered as early by it, is dropped', () => {
    const wide = { reader: widened, upTo: 40, at: earlier };
    const narrow = { reader, upTo: 50, at: new Date('2026-12-02T08:00:00Z') };
    const { marks, markSinglyWhatIsUnreadUnder, keepingTheTimesOf } = markAllRead([narrow, wide], widened, 60, at);
    expect(marks).toEqual([{ reader: widened, upTo: 60, at: earlier }]);
    // What the narrower read after the wider's first time is read singly at the narrower's time,
    // not at the wider's, which now reaches it.
    expect(markSinglyWhatIsUnreadUnder).toEqual([wide]);
    expect(keepingTheTimesOf).toEqual([narrow]);
  });

  it('given a mark made before the one of the same scope that moves on, then what it read keeps its time beside the moved mark, not read singly again', () => {
    const first = { reader, upTo: 30, at: new Date('2026-11-30T08:00:00Z') };
    const wide = { reader: widened, upTo: 40, at: earlier };
    const { marks, markSinglyWhatIsUnreadUnder, keepingTheTimesOf } = markAllRead([wide, first], widened, 60, at);
    expect(marks).toEqual([{ reader: widened, upTo: 60, at: earlier }, first]);
    expect(markSinglyWhatIsUnreadUnder).toEqual([wide, first]);
    expect(keepingTheTimesOf).toEqual([]);
  });

  it('given a mark of a scope equal but written otherwise (a handler of no department, the same projects in another order), then it is that scope’s mark', () => {
    const before = { reader: { ...reader, roles: ['handler', 'supervisor'], projects: ['P2', 'P1'] }, upTo: 40, at: earlier };
    expect(markAllRead([before], widened, 55, at).marks).toEqual([{ reader: widened, upTo: 55, at: earlier }]);
  });

  it('given a mark reaching further than the stream ids now held (a schema restored from a backup), then it does not move back', () => {
    const before = { reader, upTo: 90, at: earlier };
    expect(markAllRead([before], reader, 60, at).marks[0]?.upTo).toBe(90);
  });
});

describe('the marks a reader keeps', () => {
  /** A mark of project `P<index>` alone, reaching stream id `upTo`, made at hour `index`. */
  const markOf = (index: number, upTo: number): InboxMark => ({ reader: { ...reader, projects: [`P${index}`] }, upTo, at: new Date(Date.UTC(2026, 11, 1, index)) });

  it('given MARKS_KEPT - 1 marks of other scopes, when all is marked read from a new one, then all are kept and none folded', () => {
    const before = Array.from({ length: MARKS_KEPT - 1 }, (_, index) => markOf(index, 10 + index));
    const { marks, folded } = markAllRead(before, widened, 60, at);
    expect(marks).toEqual([{ reader: widened, upTo: 60, at }, ...before]);
    expect(folded).toEqual([]);
  });

  it('given MARKS_KEPT marks of other scopes, when all is marked read from a new one, then the one reaching least far is folded, the others kept in their order', () => {
    const before = [markOf(0, 30), markOf(1, 12), markOf(2, 40), ...Array.from({ length: MARKS_KEPT - 3 }, (_, index) => markOf(index + 3, 20 + index))];
    const { marks, folded, markSinglyWhatIsUnreadUnder } = markAllRead(before, widened, 60, at);
    expect(folded).toEqual([markOf(1, 12)]);
    expect(marks).toEqual([{ reader: widened, upTo: 60, at }, ...before.filter((mark) => mark.upTo !== 12)]);
    expect(marks).toHaveLength(MARKS_KEPT);
    // What is left unread is decided against every mark before, the folded one among them.
    expect(markSinglyWhatIsUnreadUnder).toEqual([{ reader: widened, upTo: 60, at }, ...before]);
  });

  it('given MARKS_KEPT marks, when all is marked read from the scope of one of them, then that one moves on and nothing is folded', () => {
    const before = Array.from({ length: MARKS_KEPT }, (_, index) => markOf(index, 10 + index));
    const { marks, folded } = markAllRead(before, before[0]!.reader, 60, at);
    expect(folded).toEqual([]);
    expect(marks).toEqual([{ ...before[0], upTo: 60 }, ...before.slice(1)]);
  });

  it('given two marks reaching as far beyond the cap, then the earlier made is folded', () => {
    const before = [markOf(0, 10), markOf(1, 10), ...Array.from({ length: MARKS_KEPT - 2 }, (_, index) => markOf(index + 2, 20 + index))];
    expect(markAllRead(before, widened, 60, at).folded).toEqual([markOf(0, 10)]);
  });
});

describe('what a reader’s marks read', () => {
  const ofP2 = { roles: ['supervisor' as const], projectCode: 'P2', userIds: [] };
  const marks = [
    { reader, upTo: 50, at },
    { reader: widened, upTo: 40, at: earlier },
  ];

  it('given a notification two marks cover, then it is read since the earlier; one only the wider reaches, since the wider; one past both or with no stream id yet, not at all', () => {
    expect(readByMarks({ ...ofP2, projectCode: 'P1' }, 30, marks)).toEqual(earlier);
    expect(readByMarks({ ...ofP2, projectCode: 'P1' }, 45, marks)).toEqual(at);
    expect(readByMarks(ofP2, 30, marks)).toEqual(earlier);
    expect(readByMarks(ofP2, 45, marks)).toBeUndefined();
    expect(readByMarks(ofP2, undefined, marks)).toBeUndefined();
  });
});
