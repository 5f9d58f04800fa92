import type { Admin } from 'kafkajs';
import { Pool } from 'pg';
import { SERVICE_NAMES } from '@cs/config';
import { TOPICS } from '@cs/contracts';
import type { PlatformKafka } from '@cs/messaging';
import { LagSample, round } from './figures';
import { sleep } from './copy';

/** What a service's relay and consumers carried: events, and the rounds and transactions they went in. */
export interface Carried {
  readonly published: number;
  readonly rounds: number;
  readonly perRound: number | null;
  readonly received: number;
  readonly transactions: number;
  readonly perTransaction: number | null;
}

/** A watch started by Backlog.watch: stop it to get its samples. */
export interface BacklogWatch {
  readonly startedAt: number;
  stop(): Promise<LagSample[]>;
}

/**
 * Events written and not yet handled, in the copy, at both places they can wait: rows of each
 * service's outbox its relay has not published (`outbox: intake`), and records on the event
 * topics past each consumer group's committed offsets (`group: tickets`). A topic a group has
 * committed nothing on is taken as one it does not read (every group commits on its topics
 * within a batch of starting). The rebuild's own groups are left out: they are not live.
 */
export class Backlog {
  private constructor(
    private readonly kafka: PlatformKafka,
    private readonly admin: Admin,
    private readonly pool: Pool,
    /** The groups' names on the brokers, and the prefix that makes them the copy's. */
    private readonly groups: readonly string[],
    private readonly prefix: string,
  ) {}

  static async connect(kafka: PlatformKafka, databaseUrl: string): Promise<Backlog> {
    const admin = kafka.admin();
    await admin.connect();
    const ours = kafka.names.group('');
    const { groups } = await admin.listGroups();
    const live = groups.map((g) => g.groupId).filter((id) => id.startsWith(ours) && !id.includes('.rebuild.'));
    return new Backlog(kafka, admin, new Pool({ connectionString: databaseUrl, max: 1 }), live.sort(), ours);
  }

  async sample(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ service: string; n: number }>(
      SERVICE_NAMES.map((s) => `SELECT '${s}' AS service, count(*)::int AS n FROM ${s}.outbox WHERE published_at IS NULL`).join(' UNION ALL '),
    );
    const backlog: Record<string, number> = Object.fromEntries(rows.map((r) => [`outbox: ${r.service}`, r.n]));
    const topics = Object.values(TOPICS).map((t) => this.kafka.names.topic(t));
    const ends = new Map(
      await Promise.all(topics.map(async (topic) => [topic, new Map((await this.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]))] as const)),
    );
    for (const group of this.groups) {
      let behind = 0;
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId: group, topics })) {
        if (partitions.every((p) => p.offset === '-1')) continue;
        for (const p of partitions) {
          const end = ends.get(topic)?.get(p.partition);
          if (!end) continue;
          const at = p.offset === '-1' ? Number(end.low) : Number(p.offset);
          behind += Math.max(0, Number(end.high) - at);
        }
      }
      backlog[`group: ${group.slice(this.prefix.length)}`] = behind;
    }
    return backlog;
  }

  /** The database's clock, which stamps the rows `carried` counts. */
  async databaseNow(): Promise<Date> {
    const { rows } = await this.pool.query<{ now: Date }>('SELECT now() AS now');
    const [row] = rows;
    if (!row) throw new Error('SELECT now() returned no row');
    return row.now;
  }

  /**
   * How the events written since `since` (by the database's clock) travelled, per service: its
   * outbox's rows published and the relay rounds that carried them (a round stamps its rows with
   * its transaction's start), and the events its consumers took in and the transactions they took
   * them in (an inbox row is stamped with its transaction's start). Each round and each
   * transaction is paid for in statements and sends, whatever it carries.
   */
  async carried(since: Date): Promise<Record<string, Carried>> {
    const { rows } = await this.pool.query<{ service: string; published: number; rounds: number; received: number; transactions: number }>(
      SERVICE_NAMES.map(
        (s) =>
          `SELECT '${s}' AS service, o.published, o.rounds, i.received, i.transactions
             FROM (SELECT count(*)::int AS published, count(DISTINCT published_at)::int AS rounds FROM ${s}.outbox WHERE created_at >= $1 AND published_at IS NOT NULL) o,
                  (SELECT count(*)::int AS received, count(DISTINCT received_at)::int AS transactions FROM ${s}.inbox WHERE received_at >= $1) i`,
      ).join(' UNION ALL ') + ' ORDER BY service',
      [since],
    );
    return Object.fromEntries(
      rows.map((r) => [
        r.service,
        {
          published: r.published,
          rounds: r.rounds,
          perRound: r.rounds > 0 ? round(r.published / r.rounds) : null,
          received: r.received,
          transactions: r.transactions,
          perTransaction: r.transactions > 0 ? round(r.received / r.transactions) : null,
        },
      ]),
    );
  }

  /** Samples the backlog every `everyMs` until stopped; a sample Postgres or the brokers did not answer is left out. */
  watch(everyMs = 1_000): BacklogWatch {
    const samples: LagSample[] = [];
    const startedAt = Date.now();
    let watching = true;
    const loop = (async () => {
      while (watching) {
        const at = Date.now();
        try {
          samples.push({ atSeconds: round((at - startedAt) / 1000), lag: await this.sample() });
        } catch {
          // the next sample tries again
        }
        await sleep(Math.max(0, everyMs - (Date.now() - at)));
      }
    })();
    return {
      startedAt,
      stop: async () => {
        watching = false;
        await loop;
        // The state when watching stopped, whatever the interval left since the last sample.
        try {
          samples.push({ atSeconds: round((Date.now() - startedAt) / 1000), lag: await this.sample() });
        } catch {
          // the samples taken are the record
        }
        return samples;
      },
    };
  }

  /**
   * Waits until nothing is left in any outbox or consumer group (at most `waitSeconds`), so a
   * scenario that measures a read is not measuring the system still digesting the one before.
   * Returns the seconds waited, or undefined when the backlog did not drain in time.
   */
  async settle(waitSeconds: number): Promise<number | undefined> {
    const startedAt = Date.now();
    while (Date.now() - startedAt < waitSeconds * 1000) {
      if (Object.values(await this.sample()).every((n) => n === 0)) return round((Date.now() - startedAt) / 1000);
      await sleep(200);
    }
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all([this.admin.disconnect(), this.pool.end()]);
  }
}

/** One line: `intake 44.2 a round (1956 rounds), 25.5 a transaction (1506 transactions); tickets …`. */
export function describeCarried(carried: Record<string, Carried>): string {
  return Object.entries(carried)
    .map(
      ([service, c]) =>
        `${service} ${c.perRound ?? '–'} a round (${c.rounds} rounds), ${c.perTransaction ?? '–'} a transaction (${c.transactions} transactions)`,
    )
    .join('; ');
}
