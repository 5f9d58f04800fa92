import type { ServerResponse } from 'node:http';
import type { StreamSink } from '../application/live-streams';
import type { StoredNotification } from '../infrastructure/notification.repository';
import { NotificationView } from './notification.dto';

/** How long a browser's EventSource waits before reconnecting (with Last-Event-ID) after a drop. */
const RECONNECT_MS = 3_000;

/**
 * A `text/event-stream` response: each notification is an event `notification` whose id is its
 * place on the feed, and an idle stream gets a comment every heartbeat so proxies keep it open
 * and the client notices a dead connection.
 */
export class SseSink implements StreamSink {
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    heartbeatMs: number,
  ) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // nginx (the ingress) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    this.onClose(() => clearInterval(this.heartbeat));
  }

  deliver(item: StoredNotification & { feedSeq: number }): void {
    this.write(`id: ${item.feedSeq}\nevent: notification\ndata: ${JSON.stringify(NotificationView.of(item))}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.response.end();
  }

  onClose(callback: () => void): void {
    this.response.once('close', callback);
  }

  private write(chunk: string): void {
    if (!this.closed && !this.response.writableEnded) this.response.write(chunk);
  }
}
