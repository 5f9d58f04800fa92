import type { StreamSink } from '../application/live-streams';
import type { StoredNotification } from '../infrastructure/notification.repository';

/** A live stream as the HTTP side holds one: what it was sent, and whether it was closed. */
export class RecordingSink implements StreamSink {
  readonly delivered: (StoredNotification & { feedSeq: number })[] = [];
  /** The read updates it was sent, in order. */
  readonly reads: { readonly id: string; readonly readAt: Date }[] = [];
  closed = false;
  deliver(item: StoredNotification & { feedSeq: number }): void {
    this.delivered.push(item);
  }
  deliverRead(id: string, readAt: Date): void {
    this.reads.push({ id, readAt });
  }
  /** Whether it was closed because more waited for it than a stream keeps. */
  closedBehind = false;
  async drained(): Promise<void> {}
  close(): void {
    this.closed = true;
  }
  closeBehind(): void {
    this.closed = this.closedBehind = true;
  }
  onClose(): void {}

  /** When the notification shows read on a desk applying what this stream sent; undefined: unread, or never sent. */
  shownReadAt(id: string): Date | undefined {
    const item = this.delivered.find((sent) => sent.notification.id === id);
    if (!item) return undefined;
    return this.reads.findLast((read) => read.id === id)?.readAt ?? item.readAt;
  }
}
