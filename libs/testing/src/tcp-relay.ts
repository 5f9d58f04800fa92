import { AddressInfo, Server, Socket, connect, createServer } from 'node:net';

/**
 * How a cut relay treats a client: `refuse` closes the listening socket, so a new connection is
 * refused at once (a stopped server); `blackhole` accepts it and never answers (a host that
 * went silent), so only the client's own timeout ends the wait. Open connections are reset
 * either way, except with `freeze`: a host that stops answering while its connections stay
 * open (a paused machine, a partition no reset crosses) — nothing passes on them until the
 * relay is restored, when what was held flows on, and new ones are treated as by `blackhole`.
 */
export type RelayCut = 'refuse' | 'blackhole' | 'freeze';

/** One relayed connection: the client's socket and the one to the server. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

/**
 * A TCP relay between a client under test and a real server (Postgres, Redis) that a test can
 * cut and restore, to lose the dependency while the client runs, as a client meets it. The
 * relay listens on the same port throughout, so the client needs no new configuration when the
 * dependency returns.
 */
export class TcpRelay {
  private server?: Server;
  private readonly piped = new Set<Pair>();
  private readonly held = new Set<Socket>();
  private cutMode?: RelayCut;
  private acceptedCount = 0;
  private clientFlightCount = 0;

  private constructor(
    private readonly target: { readonly host: string; readonly port: number },
    private listenPort: number,
  ) {}

  /** Starts a relay to `target` (host and port of a URL) on `port` (0: any free one). */
  static async to(target: string | URL, port = 0): Promise<TcpRelay> {
    const url = new URL(target);
    const defaults: Record<string, number> = { 'postgres:': 5432, 'postgresql:': 5432, 'redis:': 6379, 'rediss:': 6379 };
    const relay = new TcpRelay({ host: url.hostname, port: Number(url.port || defaults[url.protocol] || 0) }, port);
    await relay.listen();
    return relay;
  }

  get port(): number {
    return this.listenPort;
  }

  /** Connections made to the relay since it started, cut or not: how many a client opened. */
  get accepted(): number {
    return this.acceptedCount;
  }

  /**
   * Chunks the relay read from clients, over every connection. A client in the relay's own
   * process writes all it sends in one turn of its event loop before the relay reads, so this
   * counts the times such a client sent and then waited for an answer: its round trips, not its
   * socket writes (a chunk is at most 64 KiB, so a larger sending counts more than once).
   */
  get clientFlights(): number {
    return this.clientFlightCount;
  }

  get isCut(): boolean {
    return this.cutMode !== undefined;
  }

  /** `url` with its host and port replaced by the relay's: the same server, reached through the relay. */
  via(url: string | URL): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(this.listenPort);
    return through.toString();
  }

  /** Loses the dependency: resets (or, frozen, stalls) every open connection and refuses (or swallows) new ones. */
  async cut(mode: RelayCut = 'refuse'): Promise<void> {
    if (this.cutMode) throw new Error('the relay is already cut');
    this.cutMode = mode;
    if (mode === 'freeze') {
      for (const pair of this.piped) unpipe(pair);
      return;
    }
    // The listener closes once its connections are gone, so those are reset before it is awaited.
    const closed = mode === 'refuse' ? this.closeListener() : Promise.resolve();
    for (const socket of this.pipedSockets()) socket.resetAndDestroy();
    this.piped.clear();
    await closed;
  }

  /** The dependency is back: new connections reach the server again. */
  async restore(): Promise<void> {
    if (!this.cutMode) return;
    const mode = this.cutMode;
    this.cutMode = undefined;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
    if (mode === 'freeze') for (const pair of this.piped) pipe(pair);
    if (mode === 'refuse') await this.listen();
  }

  async close(): Promise<void> {
    this.cutMode = undefined;
    const closed = this.closeListener();
    for (const socket of [...this.pipedSockets(), ...this.held]) socket.destroy();
    this.piped.clear();
    this.held.clear();
    await closed;
  }

  private pipedSockets(): Socket[] {
    return [...this.piped].flatMap((pair) => [pair.client, pair.upstream]);
  }

  private accept(client: Socket): void {
    this.acceptedCount += 1;
    client.on('error', () => client.destroy());
    if (this.cutMode === 'blackhole' || this.cutMode === 'freeze') {
      this.held.add(client);
      client.on('close', () => this.held.delete(client));
      return;
    }
    const pair: Pair = { client, upstream: connect(this.target.port, this.target.host) };
    this.piped.add(pair);
    client.on('data', () => (this.clientFlightCount += 1));
    for (const socket of [pair.client, pair.upstream]) {
      socket.on('close', () => {
        this.piped.delete(pair);
        // One side gone: the other goes too, as a dropped connection does.
        pair.client.destroy();
        pair.upstream.destroy();
      });
      socket.on('error', () => socket.destroy());
    }
    pipe(pair);
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        this.listenPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

function pipe({ client, upstream }: Pair): void {
  client.pipe(upstream).pipe(client);
}

/** Nothing passes either way; what arrives meanwhile waits in the sockets' buffers. */
function unpipe({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
