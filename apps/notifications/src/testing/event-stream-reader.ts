import { type Agent, IncomingMessage, request } from 'node:http';

/** One server-sent event as a browser's EventSource hands it on. */
export interface StreamEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: Record<string, unknown>;
}

/**
 * `GET /v1/notifications/stream` read over a real socket, as an EventSource reads it: the events
 * parsed as they come, and the id to resume from (`Last-Event-ID`) once it ends.
 */
export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  /** Resolves once the service ended the stream, or the client left. */
  readonly ended: Promise<void>;
  private buffered = '';

  private constructor(private readonly response: IncomingMessage) {
    this.ended = new Promise((resolve) => response.once('close', () => resolve()));
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.take(chunk));
  }

  /**
   * Opens the stream at `baseUrl` with the bearer `token`, resuming after `lastEventId` if given;
   * rejects on an answer other than 200. Its connection is `agent`'s (Node's global one, which lets
   * an idle connection go after 5 s, unless given).
   */
  static open(baseUrl: string, token: string, lastEventId?: string, agent?: Agent): Promise<EventStreamReader> {
    return new Promise((resolve, reject) => {
      const sent = request(
        new URL('/v1/notifications/stream', baseUrl),
        {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}) },
          ...(agent ? { agent } : {}),
        },
        (response) => {
          if (response.statusCode === 200) resolve(new EventStreamReader(response));
          else {
            response.resume();
            reject(new Error(`the stream answered ${response.statusCode ?? 'nothing'}`));
          }
        },
      );
      sent.on('error', reject);
      sent.end();
    });
  }

  /** The `data` of the events named `event`, in order. */
  dataOf(event: 'notification' | 'read'): Record<string, unknown>[] {
    return this.events.filter((sent) => sent.event === event).map((sent) => sent.data);
  }

  /** The id of the last event that had one: what an EventSource sends as Last-Event-ID when it reconnects. */
  get lastEventId(): string | undefined {
    return this.events.filter((sent) => sent.id !== undefined).at(-1)?.id;
  }

  /** The client leaves, as a window closed or a network dropped. */
  close(): void {
    this.response.destroy();
  }

  private take(chunk: string): void {
    this.buffered += chunk;
    for (let end = this.buffered.indexOf('\n\n'); end >= 0; end = this.buffered.indexOf('\n\n')) {
      const block = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        // A line starting with a colon is a comment (the heartbeat); `retry` sets the client's delay.
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
      }
      const event = fields.get('event');
      const data = fields.get('data');
      const id = fields.get('id');
      if (event !== undefined && data !== undefined) this.events.push({ event, data: JSON.parse(data) as Record<string, unknown>, ...(id !== undefined ? { id } : {}) });
    }
  }
}
