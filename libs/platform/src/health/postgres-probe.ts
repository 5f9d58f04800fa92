import { Client } from 'pg';
import { settleWithin } from '@cs/messaging';

export interface PostgresProbeOptions {
  readonly url: string;
  /** How long connecting, and then the probe's statement, may take before the probe fails. */
  readonly timeoutMs: number;
  readonly applicationName?: string;
}

/**
 * Whether Postgres answers, asked on a connection of the probe's own. Through the service's pool,
 * a pool busy with requests read as a database gone: the probe queued behind them past its
 * timeout, the pod turned unready, its traffic moved to the other replicas, which were then as
 * busy, and one overload became every replica out of the Service. A failed connection is closed
 * and the next probe opens a new one, so an outage is seen while it lasts and recovery at once.
 */
export class PostgresProbe {
  private client?: Client;
  /** The connection being opened: probes at once share it, so they never hold more than one. */
  private connecting?: Promise<Client>;
  private closed = false;

  constructor(private readonly options: PostgresProbeOptions) {}

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the Postgres probe is closed');
    const client = this.client ?? (await (this.connecting ??= this.connect().finally(() => (this.connecting = undefined))));
    try {
      await client.query('SELECT 1');
    } catch (error) {
      this.drop(client);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    if (client) await endWithin(client, this.options.timeoutMs);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.timeoutMs,
      // A Postgres that stops answering would otherwise hold the probe's statement, and every probe after it.
      query_timeout: this.options.timeoutMs,
      keepAlive: true,
      ...(this.options.applicationName === undefined ? {} : { application_name: this.options.applicationName }),
    });
    // A connection that breaks between probes reports it here; the next probe opens a new one.
    client.on('error', () => this.drop(client));
    try {
      await client.connect();
    } catch (error) {
      void endWithin(client, this.options.timeoutMs);
      throw error;
    }
    if (this.closed) {
      void endWithin(client, this.options.timeoutMs);
      throw new Error('the Postgres probe is closed');
    }
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client === client) this.client = undefined;
    void endWithin(client, this.options.timeoutMs);
  }
}

/** Ends a connection, waiting at most `ms`: ending one whose socket froze would wait for TCP to give up. */
async function endWithin(client: Client, ms: number): Promise<void> {
  await settleWithin(client.end().catch(() => undefined), ms);
}
