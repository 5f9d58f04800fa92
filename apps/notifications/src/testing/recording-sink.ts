import type { StreamSink } from '../application/live-streams';
import type { StoredNotification } from '../infrastructure/notification.repository';

/** A live stream as the HTTP side holds one: what it was sent, and whether it was closed. */
export class RecordingSink implements StreamSink {
  readonly delivered: (StoredNotification & { feedSeq: number })[] = [];
  closed = false;
  deliver(item: StoredNotification & { feedSeq: number }): void {
    this.delivered.push(item);
  }
  close(): void {
    this.closed = true;
  }
  onClose(): void {}
}
