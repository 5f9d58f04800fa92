import type { FastifyReply } from 'fastify';
import { ServerSentEvents } from '@cs/platform';
import type { StreamSink } from '../application/live-streams';
import type { StoredNotification } from '../infrastructure/notification.repository';
import { NotificationView } from './notification.dto';

/**
 * The live stream as server-sent events: each notification is an event `notification` whose id is
 * its place on the feed; a read update is an event `read` with no id, so a client's Last-Event-ID
 * stays the last notification's.
 */
export class SseSink implements StreamSink {
  private readonly events: ServerSentEvents;

  /**
   * Takes the reply over; `until`: when the reader's token expires, which ends the stream;
   * `overflowed`: told when it is closed because its client stopped reading.
   */
  constructor(reply: FastifyReply, heartbeatMs: number, until: Date | undefined, overflowed: (unsentBytes: number) => void) {
    this.events = ServerSentEvents.open(reply, heartbeatMs, { overflowed });
    this.events.endAt(until);
  }

  deliver(item: StoredNotification & { feedSeq: number }): void {
    this.events.send('notification', NotificationView.of(item), item.feedSeq);
  }

  deliverRead(notificationId: string, readAt: Date): void {
    this.events.send('read', { id: notificationId, readAt: readAt.toISOString() });
  }

  drained(): Promise<void> {
    return this.events.drained();
  }

  close(): void {
    this.events.close();
  }

  closeBehind(): void {
    this.events.closeBehind();
  }

  onClose(callback: () => void): void {
    this.events.onClose(callback);
  }
}
