import { Audience, Reader, audienceIncludes, readerWithin } from './audience';

/**
 * 全部已读 — a reader's "mark all read": every notification their token reached when they marked
 * it (`reader`, their roles, projects and department then), up to a place on the live stream
 * (`upTo`), counts as read since `at`. A notification given its stream id later, or reaching them
 * only through a role or project given them later, is unread until marked.
 *
 * A user has one mark per scope they marked all read with: a marking from a narrower token keeps
 * what a wider one covered read, and one from the wider again moves the wider's mark on. Past
 * `MARKS_KEPT`, the marks reaching least far are folded into read marks of their own.
 */
export interface InboxMark {
  readonly reader: Reader;
  /** The stream id (feed sequence) the mark reaches, inclusive. */
  readonly upTo: number;
  readonly at: Date;
}

export interface MarkAllRead {
  /** The reader's marks from now on, this marking's first. */
  readonly marks: readonly InboxMark[];
  /**
   * The notifications the reader may see that are unread under these marks are given read marks
   * of their own, at the time of this marking: a mark that moves on keeps its first time, so a
   * notification read before keeps its first time and one read now is read now.
   */
  readonly markSinglyWhatIsUnreadUnder: readonly InboxMark[];
  /**
   * Marks made after the one that moves on: a notification it now reaches that one of these read
   * is given a read mark of its own at the time of the earliest that did, not this marking's, and
   * not the moved mark's first time (before that notification was read, or had even arrived).
   */
  readonly keepingTheTimesOf: readonly InboxMark[];
  /**
   * Marks dropped past `MARKS_KEPT`: each notification one of them covers is given a read mark of
   * its own at the time the marks before this marking read it, so it stays read as it was.
   */
  readonly folded: readonly InboxMark[];
}

/**
 * The most marks a user keeps. Each is checked on every inbox read, and a user marking from ever
 * new scopes (roles or projects changing over the years) would otherwise add one each time; past
 * this, the marks reaching least far are folded into read marks of their own, written once.
 */
export const MARKS_KEPT = 8;

/** Whether two scopes reach exactly the same notifications: a mark of one is a mark of the other. */
function sameScope(a: Reader, b: Reader): boolean {
  return readerWithin(a, b) && readerWithin(b, a);
}

/**
 * Whether `mark` reads nothing `other` does not read as early: `other` covers all it covers, and
 * was made no later. Such a mark is dropped, so a user's marks stay as few as the scopes they
 * marked with that still matter.
 */
function outdoneBy(mark: InboxMark, other: InboxMark): boolean {
  return readerWithin(mark.reader, other.reader) && other.upTo >= mark.upTo && other.at <= mark.at;
}

/**
 * Marks read what the reader may see now, up to the newest stream id given (`latestFeedSeq`).
 * With no mark of their scope before, a new one covers it all at `at`, and read marks of their own
 * go only to what none of their marks covers yet of what they may see: the notifications still
 * waiting for a stream id (or given one since `latestFeedSeq` was read). With one, what their
 * marks left unread is marked singly at `at`, and that mark moves on with its first time; what it
 * now reaches that a mark made after it read is marked singly at that mark's time. Marks of other
 * scopes stay: what they covered stays read.
 */
export function markAllRead(previous: readonly InboxMark[], reader: Reader, latestFeedSeq: number, at: Date): MarkAllRead {
  const same = previous.find((mark) => sameScope(mark.reader, reader));
  const others = previous.filter((mark) => mark !== same);
  const mark = same ? { reader, upTo: Math.max(same.upTo, latestFeedSeq), at: same.at } : { reader, upTo: latestFeedSeq, at };
  const { marks, folded } = keptAndFolded(mark, others.filter((other) => !outdoneBy(other, mark)));
  if (!same) return { marks, markSinglyWhatIsUnreadUnder: [mark, ...others], keepingTheTimesOf: [], folded };
  // What marks made no later than `same` read keeps their time beside the moved mark's (the
  // earliest covering wins); what later ones read must be given it singly.
  const later = others.filter((other) => other.at > same.at);
  return { marks, markSinglyWhatIsUnreadUnder: previous.filter((other) => !later.includes(other)), keepingTheTimesOf: later, folded };
}

/**
 * This marking's mark and, of the others, the `MARKS_KEPT - 1` reaching furthest (the later made
 * first among equals), in their order; the rest are folded. The furthest are kept because the
 * unread count reads from the furthest mark the reader is within: folding it would make the count
 * read further back, not wrong.
 */
function keptAndFolded(mark: InboxMark, others: readonly InboxMark[]): { marks: InboxMark[]; folded: InboxMark[] } {
  if (others.length < MARKS_KEPT) return { marks: [mark, ...others], folded: [] };
  const byReach = [...others].sort((a, b) => b.upTo - a.upTo || b.at.getTime() - a.at.getTime());
  const folded = byReach.slice(MARKS_KEPT - 1);
  return { marks: [mark, ...others.filter((other) => !folded.includes(other))], folded };
}


/**
 * When the reader read a notification, by their marks: the earliest mark that covers it (given its
 * stream id up to the mark, and reaching the reader as they were when they marked). A read mark of
 * its own comes before any of these. The SQL of the inbox (`readAtColumn`) reads the same.
 */
export function readByMarks(audience: Audience, feedSeq: number | undefined, marks: readonly InboxMark[]): Date | undefined {
  let earliest: Date | undefined;
  for (const mark of marks) {
    if (feedSeq === undefined || feedSeq > mark.upTo || !audienceIncludes(audience, mark.reader)) continue;
    if (earliest === undefined || mark.at < earliest) earliest = mark.at;
  }
  return earliest;
}
