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
}

/**
 * What the desk on a stream shows of the notifications the stream sent it (or, resumed, that its
 * earlier connection did), the latest `UNREAD_REMEMBERED` unread and as many read, by stream id.
 * A read is told when the desk shows the notification unread, or read later than that read: the
 * inbox lists a notification read at its earliest reading, so two markings whose messages cross
 * leave the desk at the earlier time, and a later one is never told over it (ADR 0149).
 */
export class DeskView {
  private readonly unread = new Map<number, Shown>();
  private readonly read = new Map<number, Shown & { readonly readAt: Date }>();

  /** The desk has it, unread or read at `readAt`. */
  shows(seq: number, shown: Shown): void {
    if (shown.readAt) {
      this.unread.delete(seq);
      keepLatest(this.read, seq, { ...shown, readAt: shown.readAt });
    } else if (!this.read.has(seq)) keepLatest(this.unread, seq, shown);
  }

  /** Whether the desk's state of it is remembered. */
  remembers(seq: number): boolean {
    return this.unread.has(seq) || this.read.has(seq);
  }

  /** A read of `seq` at `readAt`: the notification to tell read, when the desk shows it unread or read later; it then shows it read then. */
  readAt(seq: number, readAt: Date): Shown | undefined {
    const shown = this.unread.get(seq) ?? this.read.get(seq);
    if (!shown || (shown.readAt && shown.readAt <= readAt)) return undefined;
    this.shows(seq, { ...shown, readAt });
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

function keepLatest<T>(shown: Map<number, T>, seq: number, value: T): void {
  shown.set(seq, value);
  if (shown.size <= UNREAD_REMEMBERED) return;
  const [oldest] = shown.keys();
  if (oldest !== undefined) shown.delete(oldest);
}
