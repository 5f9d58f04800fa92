import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../infrastructure/webhook-signature';

export interface ReceivedPost {
  readonly path: string;
  readonly at: number;
  readonly event: string;
  readonly delivery: string;
  readonly valid: boolean;
  readonly body: string;
}

/**
 * A local webhook receiver for the int tests: answers each path with the statuses given for it,
 * in turn (200 for any other path; 'hang' never answers), and records each POST with whether its
 * signature holds for `secret`.
 */
export class WebhookReceiver {
  readonly received: ReceivedPost[] = [];
  private readonly server: Server;
  private readonly calls = new Map<string, number>();

  /** Mutable, since a subscription's secret is known only once it is created with the receiver's URL. */
  constructor(
    public secret: string,
    private readonly answers: Record<string, readonly (number | 'hang')[]> = {},
  ) {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '/';
    const n = this.calls.get(path) ?? 0;
    this.calls.set(path, n + 1);
    this.received.push({
      path,
      at: Date.now(),
      event: String(request.headers['x-cs-event']),
      delivery: String(request.headers['x-cs-delivery']),
      valid: verifySignature(String(request.headers['x-cs-signature']), this.secret, body, new Date()).valid,
      body,
    });
    const script = this.answers[path] ?? [200];
    const answer = script[Math.min(n, script.length - 1)]!;
    if (answer === 'hang') return;
    response.writeHead(answer).end();
  }
}
