import type { Reader } from './audience';
import { markAllRead } from './inbox-mark';

const reader: Reader = { sub: 'sup-1', roles: ['supervisor'], projects: ['P1'] };
const at = new Date('2026-12-04T09:00:00Z');

describe('marking all read', () => {
  it('given no mark before, when all is marked read at stream id 40, then the mark reaches 40 from now, and only what it leaves unread is marked singly', () => {
    const { mark, markSinglyWhatIsUnreadUnder } = markAllRead(undefined, reader, 40, at);
    expect(mark).toEqual({ reader, upTo: 40, at });
    expect(markSinglyWhatIsUnreadUnder).toEqual(mark);
  });

  it('given a mark before, when all is marked read again, then what it left unread is marked singly now, and the mark moves on keeping its first time and taking the reader as they are', () => {
    const before = { reader, upTo: 40, at: new Date('2026-12-01T08:00:00Z') };
    const widened: Reader = { ...reader, projects: ['P1', 'P2'] };
    const { mark, markSinglyWhatIsUnreadUnder } = markAllRead(before, widened, 55, at);
    expect(markSinglyWhatIsUnreadUnder).toEqual(before);
    expect(mark).toEqual({ reader: widened, upTo: 55, at: before.at });
  });

  it('given a mark reaching further than the stream ids now held (a schema restored from a backup), then it does not move back', () => {
    const before = { reader, upTo: 90, at: new Date('2026-12-01T08:00:00Z') };
    expect(markAllRead(before, reader, 60, at).mark.upTo).toBe(90);
  });
});
