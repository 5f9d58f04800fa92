import type { Audience } from '../domain/audience';
import { InboxMark, readByMarks } from '../domain/inbox-mark';

/**
 * How many notifications a stream remembers the desk shows unread, and as many shown read, for a
 * read made elsewhere: more than a desk lists without paging, few enough that a replica's streams
 * hold little.
 */
export const UNREAD_REMEMBERED = 256;

/** A notification as the desk at the other end of a stream shows it: unread, or read at `readAt`. */
export interface Shown {
  readonly id: string;
  readonly audience: Audience;
  readonly readAt?: Date;
  /** `readAt` is the reader's own read mark's (singly, or given by a marking), which the inbox lists whatever marks cover it. */
  readonly singly?: boolean;
}

/**
 * What the desk on a stream shows of the notifications the stream sent it (or, resumed, that its
 * earlier connection did), the latest `UNREAD_REMEMBERED` unread and as many read, by stream id.
 * A read is told when it moves the desk to the time the inbox lists: the reader's own read mark
 * (set once) over any mark, and of marks the earliest. So two markings whose messages cross leave
 * the desk at the earlier time, a later mark is never told over it, and a mark crossing a single
 * read of the notification it found unread is never told over that read (ADR 0149).
 */
export class DeskView {
  private readonly unread = new Map<number, Shown>();
  private readonly read = new Map<number, Shown & { readonly readAt: Date }>();

  /**
   * `inheritedUpTo`: where the stream began. What a resumed stream's earlier connection was sent
   * (its window, up to there) is remembered only while the desk shows it unread, for its read to
   * be told: once told or shown read it is let go, so a stream open for hours holds none of it.
   */
  constructor(private readonly inheritedUpTo = 0) {}

  /** The desk has it, unread or read at `readAt`. */
  shows(seq: number, shown: Shown): void {
    if (shown.readAt) {
      this.unread.delete(seq);
      if (seq > this.inheritedUpTo) keepLatest(this.read, seq, { ...shown, readAt: shown.readAt });
    } else if (!this.read.has(seq)) keepLatest(this.unread, seq, shown);
  }

  /**
   * One of the earlier connection's notifications, as that connection left the desk showing it,
   * read since by `reading`: the reading to tell, when it moves the desk to the inbox's time.
   * Remembered only if it still shows unread.
   */
  inherits(seq: number, shown: Shown, reading: Reading | undefined): Reading | undefined {
    if (reading && movesTo(shown, reading.at, reading.singly)) return reading;
    if (!shown.readAt) keepLatest(this.unread, seq, shown);
    return undefined;
  }

  /** How many notifications it remembers the desk's state of. */
  get remembered(): number {
    return this.unread.size + this.read.size;
  }

  /** Whether the desk's state of it is remembered. */
  remembers(seq: number): boolean {
    return this.unread.has(seq) || this.read.has(seq);
  }

  /**
   * A read of `seq` at `readAt`, by a read mark of the reader's own (`singly`) or a mark: the
   * notification to tell read, when it moves the desk to the inbox's time; it then shows that.
   */
  readAt(seq: number, readAt: Date, singly = false): Shown | undefined {
    const shown = this.unread.get(seq) ?? this.read.get(seq);
    if (!shown || !movesTo(shown, readAt, singly)) return undefined;
    this.shows(seq, { ...shown, readAt, singly });
    return shown;
  }

  /** What `mark` covers that the desk shows unread or read later than the mark: each now shows read at its time. */
  coveredBy(mark: InboxMark): Shown[] {
    const covered: Shown[] = [];
    for (const [seq, shown] of [...this.unread, ...this.read]) {
      if (readByMarks(shown.audience, seq, [mark]) && this.readAt(seq, mark.at)) covered.push(shown);
    }
    return covered;
  }
}

/** A reading of a notification: when, and whether by a read mark of the reader's own (`singly`) or by a mark. */
export interface Reading {
  readonly at: Date;
  readonly singly: boolean;
}

/** Of these readings of one notification, the one its inbox lists: the reader's own read mark's, else the earliest mark's. */
export function listedReading(readings: readonly (Reading | undefined)[]): Reading | undefined {
  let listed: Reading | undefined;
  for (const reading of readings) {
    if (reading && (!listed || movesTo({ readAt: listed.at, singly: listed.singly }, reading.at, reading.singly))) listed = reading;
  }
  return listed;
}

/** Whether the inbox lists it read at `readAt` once this reading is in, as the desk does not show it. */
function movesTo(shown: Pick<Shown, 'readAt' | 'singly'>, readAt: Date, singly: boolean): boolean {
  if (!shown.readAt) return true;
  if (shown.singly) return false;
  return singly ? readAt.getTime() !== shown.readAt.getTime() : readAt < shown.readAt;
}

function keepLatest<T>(shown: Map<number, T>, seq: number, value: T): void {
  shown.set(seq, value);
  if (shown.size <= UNREAD_REMEMBERED) return;
  const [oldest] = shown.keys();
  if (oldest !== undefined) shown.delete(oldest);
}
