import { DeskView, UNREAD_REMEMBERED, listedReading } from './desk-view';

describe('what a desk shows of what its stream sent', () => {
  const audience = { roles: ['supervisor' as const], projectCode: 'P1', userIds: [] };
  const reader = { sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] };
  const [early, late] = [new Date('2026-12-04T15:00:00Z'), new Date('2026-12-04T15:05:00Z')];
  const sentUnread = (...seqs: number[]) => {
    const desk = new DeskView();
    for (const seq of seqs) desk.shows(seq, { id: `n-${seq}`, audience });
    return desk;
  };

  it('given one sent unread, when it is read, then it is told once at that time', () => {
    const desk = sentUnread(7);
    expect(desk.readAt(7, late)?.id).toBe('n-7');
    expect(desk.readAt(7, late)).toBeUndefined();
  });

  it('given one told read, when an earlier reading comes after, then it is told at the earlier time, and a later one never over it', () => {
    const desk = sentUnread(7);
    desk.readAt(7, late);
    expect(desk.readAt(7, early)?.id).toBe('n-7');
    expect(desk.readAt(7, late)).toBeUndefined();
  });

  it('given two markings of all read whose messages cross, then the notification they cover is told at the later and then the earlier mark’s time, and at neither again', () => {
    const desk = sentUnread(7, 9);
    expect(desk.coveredBy({ reader, upTo: 9, at: late }).map((shown) => shown.id)).toEqual(['n-7', 'n-9']);
    expect(desk.coveredBy({ reader, upTo: 7, at: early }).map((shown) => shown.id)).toEqual(['n-7']);
    expect(desk.coveredBy({ reader, upTo: 9, at: late })).toEqual([]);
    expect(desk.coveredBy({ reader, upTo: 9, at: early }).map((shown) => shown.id)).toEqual(['n-9']);
  });

  it('given one told read by a mark, when a read mark of the reader’s own comes, later or earlier, then it is told at its time, the one the inbox lists, and no mark over it after', () => {
    for (const [mark, singly] of [[early, late], [late, early]] as const) {
      const desk = sentUnread(7);
      desk.coveredBy({ reader, upTo: 7, at: mark });
      expect(desk.readAt(7, singly, true)?.id).toBe('n-7');
      expect(desk.coveredBy({ reader, upTo: 7, at: new Date(Math.min(mark.getTime(), singly.getTime()) - 60_000) })).toEqual([]);
      expect(desk.readAt(7, singly, true)).toBeUndefined();
    }
  });

  it('given one told read by a read mark of the reader’s own, when a crossing mark made before comes, then nothing is told', () => {
    const desk = sentUnread(7);
    expect(desk.readAt(7, late, true)?.id).toBe('n-7');
    expect(desk.coveredBy({ reader, upTo: 7, at: early })).toEqual([]);
  });

  it('given readings of one notification, then the inbox lists the read mark of the reader’s own, else the earliest mark', () => {
    const [byMark, byEarlierMark, singly] = [{ at: late, singly: false }, { at: early, singly: false }, { at: late, singly: true }];
    expect(listedReading([byMark, undefined, byEarlierMark])).toEqual(byEarlierMark);
    expect(listedReading([byEarlierMark, singly])).toEqual(singly);
    expect(listedReading([singly, byEarlierMark])).toEqual(singly);
    expect(listedReading([undefined])).toBeUndefined();
  });

  it('given one sent read, when it is read again later, then nothing is told', () => {
    const desk = new DeskView();
    desk.shows(7, { id: 'n-7', audience, readAt: early });
    expect(desk.readAt(7, late)).toBeUndefined();
  });

  describe('a resumed stream’s desk, which inherits what its earlier connection was sent up to where it resumed', () => {
    const resumedAt = 10;
    const inheriting = () => {
      const desk = new DeskView(resumedAt);
      desk.inherits(7, { id: 'n-7', audience }, undefined);
      desk.inherits(8, { id: 'n-8', audience }, undefined);
      desk.inherits(9, { id: 'n-9', audience, readAt: early }, undefined);
      return desk;
    };

    it('given one shown read, one read since and two unread, then the reading is told, and only the two unread are remembered', () => {
      const desk = new DeskView(resumedAt);
      expect(desk.inherits(5, { id: 'n-5', audience }, { at: late, singly: true })).toEqual({ at: late, singly: true });
      expect(desk.inherits(6, { id: 'n-6', audience, readAt: early }, undefined)).toBeUndefined();
      desk.inherits(7, { id: 'n-7', audience }, undefined);
      desk.inherits(8, { id: 'n-8', audience }, undefined);
      expect([5, 6, 7, 8].map((seq) => desk.remembers(seq))).toEqual([false, false, true, true]);
      expect(desk.remembered).toBe(2);
    });

    it('given two it remembers unread, when one is read and a mark covers the other, then each is told once and let go', () => {
      const desk = inheriting();
      expect(desk.readAt(7, late, true)?.id).toBe('n-7');
      expect(desk.coveredBy({ reader, upTo: resumedAt, at: late }).map((shown) => shown.id)).toEqual(['n-8']);
      expect([desk.remembers(7), desk.remembers(8), desk.remembered]).toEqual([false, false, 0]);
      expect(desk.readAt(7, early)).toBeUndefined();
    });

    it('given what the stream itself sent after where it resumed, when it is told read, then it is remembered as on any stream', () => {
      const desk = inheriting();
      desk.shows(11, { id: 'n-11', audience });
      expect(desk.readAt(11, late)?.id).toBe('n-11');
      expect(desk.readAt(11, early)?.id).toBe('n-11');
      expect([desk.remembers(11), desk.remembered]).toEqual([true, 3]);
    });
  });

  it('given more than UNREAD_REMEMBERED sent unread, then the earliest is forgotten and the latest remembered', () => {
    const desk = sentUnread(...Array.from({ length: UNREAD_REMEMBERED + 1 }, (_, index) => index + 1));
    expect([desk.remembers(1), desk.remembers(2), desk.remembers(UNREAD_REMEMBERED + 1)]).toEqual([false, true, true]);
  });
});
