import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/** How long a browser's EventSource waits before reconnecting after a drop. */
const RECONNECT_MS = 3_000;
/** The longest delay a Node timer keeps; a token lives a day at most, far less. */
const MAX_TIMER_MS = 2_147_483_647;
/**
 * What a stream may hold that its client has not taken (the response's and its socket's buffers,
 * past what the kernel holds): a stream that would hold more is closed, and its client resumes
 * from its Last-Event-ID (ADR 0170). Well above what a reading client leaves behind, a replay's
 * page of notifications (~350 KB) included.
 */
export const MAX_UNSENT_BYTES = 1024 * 1024;
/**
 * What a stream may hold unsent before a writer with more to send (a replay's next page) waits for
 * its client to take it all (`drained`): half the bound, so a page written then stays within it.
 */
export const DRAIN_MARK_BYTES = MAX_UNSENT_BYTES / 2;
/** What chunked encoding adds to each write: its length in hex and two line ends. */
const CHUNK_FRAMING_BYTES = 16;

export interface StreamOptions {
  /** Told once, with the bytes the stream held unsent, when it is closed because its client stopped reading. */
  readonly overflowed?: (unsentBytes: number) => void;
  /** Headers to send with the stream's own. */
  readonly headers?: OutgoingHttpHeaders;
}

/**
 * A `text/event-stream` response written on the raw socket (the route hijacks the reply): the
 * headers that keep proxies from buffering it, a comment every heartbeat so an idle stream stays
 * open and a dead one is noticed, and named events. Writes after the stream closed are dropped.
 *
 * A client that stops reading while its connection stays up (a desk asleep behind a NAT that keeps
 * the session, a stuck proxy) would have every later event kept in the service's memory: once
 * what it has not taken would pass `MAX_UNSENT_BYTES`, the connection is dropped instead, and what
 * it held with it. Nothing is lost on a stream that resumes with Last-Event-ID.
 */
export class ServerSentEvents {
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeListeners: (() => void)[] = [];
  /** Writers waiting for the client to take what the stream holds. */
  private readonly drainWaiters: (() => void)[] = [];
  private closed = false;

  /**
   * Takes the route's reply over and opens the stream on it, with the headers the request's hooks
   * set on the reply: CORS (a desk on another origin reads the stream only with them, as it reads
   * every other answer), X-Request-Id, traceparent. Written on the raw socket, they would be lost.
   */
  static open(reply: FastifyReply, heartbeatMs: number, options: Omit<StreamOptions, 'headers'>): ServerSentEvents {
    reply.hijack();
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
    return new ServerSentEvents(reply.raw, heartbeatMs, { ...options, headers });
  }

  constructor(
    private readonly response: ServerResponse,
    private readonly heartbeatMs: number,
    private readonly options: StreamOptions = {},
  ) {
    response.writeHead(200, {
      ...options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // Its connection ends with it: kept for another request, the connection of a stream ended
      // after a shutting-down HTTP server let go of its idle ones holds the shutdown as long as
      // the client (the ingress) keeps it. A new connection for a reconnect is all this costs.
      connection: 'close',
      // nginx (the ingress) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    // A client that left before the stream opened (while its request was being authorised) closed
    // the response already, and its 'close' came before anyone listened.
    if (response.destroyed) this.closeOnce();
    else response.once('close', () => this.closeOnce());
  }

  /** One event; `data` goes out as one line of JSON. */
  send(event: string, data: unknown, id?: string | number): void {
    this.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /**
   * Resolves when a writer with more to send may go on: at once while the stream holds no more
   * than `DRAIN_MARK_BYTES` unsent, else once its socket has given the kernel all it held, or the
   * stream closed. A client that stops reading keeps a waiting writer waiting, holding what it held
   * (within the bound), until what else the stream is given passes the bound or it ends.
   */
  drained(): Promise<void> {
    if (this.closed || this.response.writableLength <= DRAIN_MARK_BYTES || !this.response.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.drainWaiters.length === 0) this.response.once('drain', this.releaseWriters);
      this.drainWaiters.push(resolve);
    });
  }

  /**
   * Closes the stream for a writer that has more waiting for its client than it keeps. A client
   * that has not taken what the stream holds (more than `DRAIN_MARK_BYTES`) stopped reading: it is
   * dropped as at the bound, and told to `overflowed`. Otherwise the stream ends after what it
   * holds, as `close` ends it. Either way its client resumes from its Last-Event-ID.
   */
  closeBehind(): void {
    if (this.closed) return;
    // A client that left a moment before, its 'close' still to come, did not stop reading: what its
    // connection held is gone with it, and is not counted.
    const unsent = this.response.writableLength;
    if (this.connectionGone) this.closeOnce();
    else if (unsent > DRAIN_MARK_BYTES) this.overflow(unsent);
    else this.close();
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

  /**
   * Ends the stream after what it holds, and tells its listeners at once: what it fed (a
   * subscription, a registry entry) is let go now, not when a slow client has taken the rest. A
   * client that has not taken it by the next heartbeat is not reading: the connection is dropped.
   */
  close(): void {
    if (this.closed) return;
    this.response.end();
    if (!this.response.writableFinished && !this.response.destroyed) {
      const linger = setTimeout(() => this.response.destroy(), this.heartbeatMs);
      linger.unref();
      this.response.once('close', () => clearTimeout(linger));
    }
    this.closeOnce();
  }

  /**
   * `callback` once the stream is closed: by `close`, by passing its bound, or by the client
   * leaving; at once if it already is.
   */
  onClose(callback: () => void): void {
    if (this.closed) callback();
    else this.closeListeners.push(callback);
  }

  private write(text: string): void {
    if (this.closed || this.connectionGone || this.response.writableEnded) return;
    // Written as bytes: a string is counted in writableLength by its UTF-16 units, which for
    // Chinese text is a third of what it holds in UTF-8, and the bound would be 3 MiB.
    const chunk = Buffer.from(text, 'utf8');
    const unsent = this.response.writableLength;
    // An empty buffer takes any one event, or one larger than the bound would never be sent.
    if (unsent > 0 && unsent + chunk.length + CHUNK_FRAMING_BYTES > MAX_UNSENT_BYTES) this.overflow(unsent);
    else this.response.write(chunk);
  }

  /**
   * The response or its socket was destroyed (the client reset the connection, say) and its
   * 'close' has not come yet: the socket still counts what it held in `writableLength`.
   */
  private get connectionGone(): boolean {
    return this.response.destroyed || this.response.socket?.destroyed === true;
  }

  /** The client stopped reading: the connection is dropped, with what it held, and the stream closed. */
  private overflow(unsentBytes: number): void {
    this.response.destroy();
    this.closeOnce();
    this.options.overflowed?.(unsentBytes);
  }

  private readonly releaseWriters = (): void => {
    this.response.off('drain', this.releaseWriters);
    for (const writer of this.drainWaiters.splice(0)) writer();
  };

  private closeOnce(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.releaseWriters();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
