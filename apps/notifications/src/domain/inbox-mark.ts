import type { Reader } from './audience';

/**
 * 全部已读 — a reader's "mark all read": every notification their token reached when they marked
 * it (`reader`, their roles, projects and department then), up to a place on the live stream
 * (`upTo`), counts as read since `at`. A notification given its stream id later, or reaching them
 * only through a role or project given them later, is unread until marked. One per user.
 */
export interface InboxMark {
  readonly reader: Reader;
  /** The stream id (feed sequence) the mark reaches, inclusive. */
  readonly upTo: number;
  readonly at: Date;
}

export interface MarkAllRead {
  /** The reader's mark from now on. */
  readonly mark: InboxMark;
  /**
   * The notifications the reader may see that are unread as this mark has it are given read marks
   * of their own, at the time of this marking: the new mark keeps the time of the one before, so
   * a notification already read keeps its first time.
   */
  readonly markSinglyWhatIsUnreadUnder: InboxMark;
}

/**
 * Marks read what the reader may see now, up to the newest stream id given (`latestFeedSeq`).
 * Without a mark before, the new one covers it all at `at`, and read marks of their own go only to
 * the notifications still waiting for a stream id (or given one since `latestFeedSeq` was read).
 * With one, what it left unread is marked singly at `at`, and the mark moves on with its first time.
 */
export function markAllRead(previous: InboxMark | undefined, reader: Reader, latestFeedSeq: number, at: Date): MarkAllRead {
  if (previous === undefined) {
    const mark = { reader, upTo: latestFeedSeq, at };
    return { mark, markSinglyWhatIsUnreadUnder: mark };
  }
  return {
    mark: { reader, upTo: Math.max(previous.upTo, latestFeedSeq), at: previous.at },
    markSinglyWhatIsUnreadUnder: previous,
  };
}
