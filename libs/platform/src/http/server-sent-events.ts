import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/** How long a browser's EventSource waits before reconnecting after a drop. */
const RECONNECT_MS = 3_000;
/** The longest delay a Node timer keeps; a token lives a day at most, far less. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A `text/event-stream` response written on the raw socket (the route hijacks the reply): the
 * headers that keep proxies from buffering it, a comment every heartbeat so an idle stream stays
 * open and a dead one is noticed, and named events. Writes after the client left are dropped.
 */
export class ServerSentEvents {
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  /**
   * Takes the route's reply over and opens the stream on it, with the headers the request's hooks
   * set on the reply: CORS (a desk on another origin reads the stream only with them, as it reads
   * every other answer), X-Request-Id, traceparent. Written on the raw socket, they would be lost.
   */
  static open(reply: FastifyReply, heartbeatMs: number, onHeartbeat?: () => void): ServerSentEvents {
    reply.hijack();
    const pending: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) pending[name] = value;
    return new ServerSentEvents(reply.raw, heartbeatMs, onHeartbeat, pending);
  }

  constructor(
    private readonly response: ServerResponse,
    heartbeatMs: number,
    onHeartbeat?: () => void,
    headers: OutgoingHttpHeaders = {},
  ) {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // nginx (the ingress) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
    this.heartbeat = setInterval(() => {
      this.write(': heartbeat\n\n');
      onHeartbeat?.();
    }, heartbeatMs);
    this.onClose(() => clearInterval(this.heartbeat));
  }

  /** One event; `data` goes out as one line of JSON. */
  send(event: string, data: unknown, id?: string | number): void {
    this.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /**
   * Ends the stream at `at` (the token it was opened with expires then): the client reconnects,
   * with a token that is valid, or is refused. Nothing is lost on a stream that resumes with
   * Last-Event-ID.
   */
  endAt(at: Date | undefined): void {
    if (at === undefined) return;
    const end = setTimeout(() => this.close(), Math.min(Math.max(at.getTime() - Date.now(), 0), MAX_TIMER_MS));
    end.unref();
    this.onClose(() => clearTimeout(end));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.response.end();
  }

  /**
   * `callback` once the client has gone. A client that left before the stream opened (while its
   * request was being authorised) closed the response already, and its 'close' came before anyone
   * listened: the callback runs at once, or the stream would be kept, and fed, for good.
   */
  onClose(callback: () => void): void {
    if (this.response.destroyed) callback();
    else this.response.once('close', callback);
  }

  private write(chunk: string): void {
    if (!this.closed && !this.response.writableEnded) this.response.write(chunk);
  }
}
