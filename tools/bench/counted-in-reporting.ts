import { sleep } from './copy';

interface Waiting {
  readonly receivedAt: number;
  readonly deadline: number;
  readonly settle: (counted: boolean) => void;
}

/**
 * Tells each watcher when reporting counts its ticket, with one request a tick for all of them:
 * `GET /v1/kpis/tickets` (the rows behind the KPIs, written in the transaction that counts the
 * ticket) over the span of receipt times still waited for. A poll per watcher made reporting
 * answer more polls the further behind it fell, which slowed the consumer being measured.
 */
export class CountedInReporting {
  private readonly waiting = new Map<string, Waiting>();
  private polling?: Promise<void>;

  constructor(
    private readonly reportingUrl: string,
    private readonly token: string,
    private readonly everyMs = 50,
  ) {}

  /** Resolves true once the ticket received at `receivedAt` is counted, false after `deadline` (performance.now()). */
  counted(ticketId: string, receivedAt: Date, deadline: number): Promise<boolean> {
    return new Promise((settle) => {
      this.waiting.set(ticketId, { receivedAt: receivedAt.getTime(), deadline, settle });
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    });
  }

  private async poll(): Promise<void> {
    while (this.waiting.size > 0) {
      const times = [...this.waiting.values()].map((w) => w.receivedAt);
      const from = new Date(Math.min(...times)).toISOString();
      const to = new Date(Math.max(...times) + 1).toISOString();
      const seen = await this.ticketsCounted(from, to).catch(() => new Set<string>());
      const now = performance.now();
      for (const [id, w] of this.waiting) {
        if (!seen.has(id) && now < w.deadline) continue;
        this.waiting.delete(id);
        w.settle(seen.has(id));
      }
      await sleep(this.everyMs);
    }
  }

  /** Ids of the tickets reporting counts as received in [from, to). */
  private async ticketsCounted(from: string, to: string): Promise<Set<string>> {
    const response = await fetch(`${this.reportingUrl}/v1/kpis/tickets?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(10_000),
    });
    const csv = await response.text();
    if (response.status !== 200) throw new Error(`GET /v1/kpis/tickets answered ${response.status}`);
    // The first column is the ticket id (a uuid: never quoted); the first line is the header.
    return new Set(csv.split('\n').slice(1).map((line) => line.split(',')[0]!).filter((id) => id.length > 0));
  }
}
