import type { DataSource } from 'typeorm';
import type { Logger, ServiceMetrics } from '@cs/observability';
import { advisoryLockKey, quoteIdentifier } from '@cs/persistence';
import type { KafkaRecord } from '../envelope';
import type { RecordPublisher } from '../ports';
import { settleWithin } from '../settle-within';

export interface OutboxRelayOptions {
  readonly schema: string;
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly maxBackoffMs?: number;
  /** Published rows are kept this long (for audit and replay), then pruned. */
  readonly retentionHours?: number;
  /** How long `stop` lets the batch in flight finish before abandoning it; 10 s unless given. */
  readonly stopTimeoutMs?: number;
  /**
   * How long one round's publish may take before it is given up (its rows stay unpublished, its
   * producer is replaced); 15 s unless given. The round holds the relay's lock meanwhile, and
   * kafkajs' own retries on a half-open connection run to minutes, which no other replica could
   * publish through.
   */
  readonly publishTimeoutMs?: number;
}

/** A round's publish took longer than `publishTimeoutMs`; its rows stay unpublished for the next round. */
export class PublishTimedOutError extends Error {
  constructor(ms: number) {
    super(`outbox publish took longer than ${ms} ms; given up, the batch stays unpublished`);
  }
}

/** The batch in flight was given up because the relay is stopping; its rows stay unpublished. */
export class RelayStoppedError extends Error {
  constructor() {
    super('outbox relay stopped while publishing; the batch stays unpublished');
  }
}

const PRUNE_EVERY_MS = 10 * 60_000;
/**
 * The pending-count gauge is a count(*): refreshed at most once a second after rows were
 * published (a busy relay runs dozens of rounds a second, and counted after each one it was
 * a statement in every five the relay sent), and this often while nothing was.
 */
const PENDING_GAUGE_AFTER_PUBLISH_MS = 1_000;
const PENDING_GAUGE_IDLE_MS = 5_000;
const PRUNE_BATCH = 5_000;
/**
 * How soon a round that found another replica publishing looks again, doubled while that goes on
 * (that replica draining a backlog in full batches), up to the poll interval. The other round
 * claimed the rows committed before it began; rows committed since (this replica's, which woke
 * this relay) would otherwise wait for this relay's next poll, or for that replica to be woken.
 */
const HELD_ELSEWHERE_RETRY_MS = 20;

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: string;
}

/**
 * Publishes committed outbox rows to Kafka in `seq` order and marks them published in the
 * same transaction. One relay per schema runs at a time (a transaction-scoped advisory
 * lock of the relays' class, ADR 0108), which keeps per-key order across replicas. A crash between publish and commit
 * republishes the batch on restart: at-least-once, made exactly-once in effect by the
 * consumers' inbox.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly lockKey: string;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Set when events were committed while a batch was in flight: publish again without sleeping. */
  private nudged = false;
  /** Consecutive failed rounds; while failing, the relay backs off and a nudge does not wake it. */
  private failures = 0;
  /** Set when stop gives up on the batch in flight: a publish still to come in that round is refused. */
  private givenUp = false;
  /** Ends the publish in flight, if any (set for the length of each publish only). */
  private abandonInFlight?: () => void;
  /** Set by a round that found the lock held: another replica was publishing then. */
  private heldElsewhere = false;
  /** Rounds in a row that found the lock held. */
  private heldElsewhereRounds = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RecordPublisher,
    private readonly options: OutboxRelayOptions,
    private readonly logger?: Logger,
    private readonly metrics?: ServiceMetrics,
  ) {
    this.table = `${quoteIdentifier(options.schema)}.outbox`;
    this.lockKey = `${options.schema}.outbox-relay`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.givenUp = false;
    this.loop = this.run();
  }

  /**
   * Lets the batch in flight finish, then stops. A publish stuck in the client's retries (the
   * broker went away) is abandoned after `stopTimeoutMs`: its transaction rolls back, so the
   * rows stay unpublished and the next relay sends them; anything that did reach the broker
   * is then delivered twice and skipped by the consumers' inbox.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    if (!this.loop) return;
    if (!(await settleWithin(this.loop, this.options.stopTimeoutMs ?? 10_000))) {
      this.logger?.warn('abandoning the outbox batch in flight; it stays unpublished');
      this.givenUp = true;
      this.abandonInFlight?.();
      await this.loop;
    }
  }

  /** Events were just committed: publish them now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    if (this.failures === 0) this.wake?.();
  }

  /** Publishes one batch; returns how many rows it published (0 when idle or another replica holds the lock). */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [lock] = (await tx.query(`SELECT pg_try_advisory_xact_lock(${advisoryLockKey('outboxRelay', '$1')}) AS locked`, [this.lockKey])) as {
        locked: boolean;
      }[];
      if (!lock?.locked) {
        this.heldElsewhere = true;
        return 0;
      }
      // Marked published as they are read, in one statement: if publishing fails, the rollback
      // leaves them unpublished, as if never read. At ordinary rates a round carries an event or
      // two, so the statement saved is a fifth of what each round sends. The batch's seqs as an
      // array make each row a primary-key lookup whatever plan the table's statistics suggest
      // (a join could scan the week of published rows the table keeps). A relay of the previous
      // release, taking its lock by another key during a rollout (ADR 0108), claims the same
      // first rows: this statement waits for its row locks, and the second `published_at IS NULL`
      // (checked again on the rows as that relay committed them) leaves out what it published.
      const rows = (await tx.query(
        `WITH claimed AS (
           UPDATE ${this.table} SET published_at = now()
            WHERE seq = ANY (ARRAY(SELECT seq FROM ${this.table} WHERE published_at IS NULL ORDER BY seq LIMIT $1))
              AND published_at IS NULL
           RETURNING seq, topic, message_key, headers, payload
         )
         SELECT seq, topic, message_key, headers, payload FROM claimed ORDER BY seq`,
        [this.options.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      const records: KafkaRecord[] = rows.map((r) => ({
        topic: r.topic,
        key: r.message_key,
        value: r.payload,
        headers: r.headers,
      }));
      await this.publishUnlessAbandoned(records);
      for (const r of records) this.metrics?.outboxPublished.inc({ topic: r.topic });
      return rows.length;
    });
  }

  /**
   * The publish, raced against stop giving up on it. The race is against a promise of this
   * round's own: raced against one promise for the relay's life, every round left a reaction on
   * it that nothing released, and a service's memory grew with the rounds it published (about
   * 1.5 MiB a minute in intake at 50 contacts a second).
   */
  private async publishUnlessAbandoned(records: KafkaRecord[]): Promise<void> {
    if (this.givenUp) throw new RelayStoppedError();
    const abandoned = new Promise<never>((_, reject) => {
      this.abandonInFlight = () => reject(new RelayStoppedError());
    });
    // The deadline is for the broker to acknowledge something: a large round goes in parts, and
    // each part acknowledged sets it again, so a round of many parts is not given up for its size.
    const timeoutMs = this.options.publishTimeoutMs ?? 15_000;
    let deadline: NodeJS.Timeout | undefined;
    let giveUp: () => void = () => undefined;
    const late = new Promise<never>((_, reject) => {
      giveUp = () => {
        this.publisher.abandon?.();
        reject(new PublishTimedOutError(timeoutMs));
      };
      deadline = setTimeout(giveUp, timeoutMs);
    });
    const progress = () => {
      clearTimeout(deadline);
      deadline = setTimeout(giveUp, timeoutMs);
    };
    const publishing = this.publisher.publish(records, progress);
    // Given up on, its own failure later is no one's to handle.
    publishing.catch(() => undefined);
    try {
      await Promise.race([publishing, abandoned, late]);
    } finally {
      clearTimeout(deadline);
      this.abandonInFlight = undefined;
    }
  }

  /**
   * Deletes published rows older than the retention, a bounded batch at a time so a large
   * backlog never holds locks for long. Unpublished rows are never pruned.
   */
  async prunePublished(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - (this.options.retentionHours ?? 168) * 3_600_000);
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE seq IN (
         SELECT seq FROM ${this.table} WHERE published_at IS NOT NULL AND published_at < $1 LIMIT $2)`,
      [cutoff, PRUNE_BATCH],
    )) as [unknown, number];
    return deleted;
  }

  private async anyUnpublished(): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE published_at IS NULL) AS pending`)) as {
      pending: boolean;
    }[];
    return row?.pending === true;
  }

  async pendingCount(): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM ${this.table} WHERE published_at IS NULL`)) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  private async run(): Promise<void> {
    this.failures = 0;
    let lastPrune = 0;
    let lastGauge = 0;
    let publishedSinceGauge = false;
    /** A round the interval started: nothing of this process's asked for it, so rows are looked for first. */
    let polled = false;
    while (this.running) {
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await this.prunePublished().catch((error: unknown) => this.logger?.warn({ err: error }, 'outbox pruning failed'));
      }
      let published = 0;
      this.nudged = false;
      this.heldElsewhere = false;
      const lookFirst = polled;
      polled = false;
      try {
        // Started by the interval, a round first looks for rows (another replica's, or left by a
        // crash) in one statement: an idle relay's poll is not the round's transaction of four.
        published = lookFirst && !(await this.anyUnpublished()) ? 0 : await this.publishBatch();
        if (this.failures > 0) this.logger?.info({ failures: this.failures }, 'outbox relay recovered');
        this.failures = 0;
        publishedSinceGauge ||= published > 0;
        if (this.metrics && Date.now() - lastGauge >= (publishedSinceGauge ? PENDING_GAUGE_AFTER_PUBLISH_MS : PENDING_GAUGE_IDLE_MS)) {
          lastGauge = Date.now();
          publishedSinceGauge = false;
          this.metrics.outboxPending.set(await this.pendingCount());
        }
      } catch (error) {
        this.failures += 1;
        this.logger?.warn({ err: error, failures: this.failures }, 'outbox relay could not publish; will retry');
      }
      this.heldElsewhereRounds = this.heldElsewhere ? this.heldElsewhereRounds + 1 : 0;
      // Stopped meanwhile: the backoff below would only hold the shutdown up (stop wakes a sleep already begun, not one to come).
      if (!this.running) break;
      if (published >= this.options.batchSize || (this.failures === 0 && this.nudged)) continue;
      // Found another replica publishing: it may have begun before the rows this round was for
      // were committed, so they are looked for again soon (a look, not a round: it may have sent them).
      const backoff = this.failures > 0
        ? Math.min(this.options.pollIntervalMs * 2 ** this.failures, this.options.maxBackoffMs ?? 5_000)
        : this.heldElsewhere
          ? Math.min(HELD_ELSEWHERE_RETRY_MS * 2 ** Math.min(this.heldElsewhereRounds - 1, 20), this.options.pollIntervalMs)
          : this.options.pollIntervalMs;
      await this.sleep(backoff);
      polled = this.failures === 0 && !this.nudged;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
