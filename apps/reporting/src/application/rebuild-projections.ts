import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Consumer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import type { ServiceConfig } from '@cs/config';
import { DomainError } from '@cs/ddd';
import { DomainEvent, PlatformKafka, fromKafkaMessage, groupMembership, resultWithin } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { sqlStateOf } from '@cs/persistence';
import { KAFKA, LOGGER, SERVICE_CONFIG } from '@cs/platform';
import { offsetOf, stillToReplay } from '../domain/kafka-offset';
import { SHADOW_TABLES } from '../infrastructure/projection-tables';
import {
  Rebuild,
  RebuildPosition,
  HeldEvent,
  advance,
  holdEvents,
  holdRebuildStart,
  latestRebuild,
  releaseReplay,
  runningRebuildEnds,
  shareRebuildStart,
  startRebuild,
  swapIn,
  takeHeldEvents,
  tryHoldReplay,
  unfinishedPartitions,
} from '../infrastructure/rebuild.repository';
import { PROJECTIONS, projectEvents } from './project-event';
import { recountTickets } from './recount-tickets';

/** The topics the read model is built from, by the platform's names. */
const SOURCE_TOPICS = [...new Set(PROJECTIONS.map((p) => p.definition.topic))].sort();

const key = (topic: string, partition: number): string => `${topic}#${partition}`;

/**
 * Records applied per transaction: one read and one write per table for the whole chunk, so the
 * rate is bounded by rows written, not by commits.
 */
const CHUNK = 2_000;
const CHUNK_ATTEMPTS = 3;
/**
 * Partitions replayed at once: while one chunk waits on Postgres another is decoded and evolved.
 * Chunks of different partitions touch different tickets (a ticket's events share a key), lock
 * what they share in one order, and only append to the rollups, so they do not wait on each other.
 */
const PARTITIONS_AT_ONCE = 3;
/** Enough per fetch to fill several chunks. */
const FETCH_BYTES = 8 * 1024 * 1024;
/** How often a replica that found another replaying the rebuild asks again, to take it over should that one stop. */
const TAKE_OVER_EVERY_MS = 5_000;
/**
 * How long a rebuild's start waits for Kafka to give the topics' ends, each time it asks: a broker
 * that answers does so in milliseconds, and one that does not is a 503 within 2 s.
 */
const ENDS_WITHIN_MS = 1_500;

/** Kafka gave no answer in time: an unreachable dependency (`ETIMEDOUT`), answered 503 with Retry-After. */
class KafkaSilentError extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(ms: number) {
    super(`Kafka gave the topics' ends no answer within ${ms} ms`);
    this.name = 'KafkaSilentError';
  }
}

/**
 * Each source partition still holds its first record (its earliest offset is 0). Retention
 * deletes a partition's oldest records whole segments at a time, and the broker keeps a week by
 * default: a rebuild from what is left swaps in figures without the tickets of the weeks before.
 */
function assertWholeHistory(ends: readonly RebuildPosition[]): void {
  const truncated = ends.filter((p) => p.nextOffset > 0n);
  if (truncated.length === 0) return;
  const partitions = truncated.map((p) => ({ topic: p.topic, partition: p.partition, earliestOffset: Number(p.nextOffset) }));
  throw new DomainError(
    'PROJECTION.HISTORY_TRUNCATED',
    'conflict',
    `retention has deleted the oldest events of ${truncated.map((p) => key(p.topic, p.partition)).join(', ')}: a rebuild would replace the figures with those of the events left, ` +
      'dropping every earlier ticket from the reports; start it with acceptTruncatedHistory=true to do so knowingly',
    'acceptTruncatedHistory',
    { partitions },
  );
}

/** The work's result, or a {@link KafkaSilentError} once {@link ENDS_WITHIN_MS} passed; the work's failure in time is passed on. */
const withinEnds = <T>(work: Promise<T>): Promise<T> => resultWithin(work, ENDS_WITHIN_MS, () => new KafkaSilentError(ENDS_WITHIN_MS));

/**
 * 重建投影 — rebuilds the read model from the start of the topics into shadow tables while the
 * live tables keep serving and being written. Records are applied a chunk of a partition at a
 * time, each chunk with its partition's position in one transaction (ADR 0039), so a restart
 * resumes right after the last chunk committed. Live handlers also write events past the
 * rebuild's end offsets to the shadow tables: at once for a partition replayed to its end, else
 * held and applied after the partition's last replayed records (applied at once, a change to a
 * ticket whose earlier records the replay had not reached was lost, or overtaken by them). Once
 * every partition reaches its end offset the shadow tables replace the live ones.
 */
@Injectable()
export class RebuildProjections implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: Consumer;
  private running?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: PlatformKafka,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'consumer'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await latestRebuild(this.dataSource.manager, 'running')) this.launch();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.consumer?.disconnect();
  }

  async progress(): Promise<Rebuild | undefined> {
    return latestRebuild(this.dataSource.manager);
  }

  /**
   * Starts a rebuild up to the topics' current ends; 409 while one runs, 503 within
   * {@link ENDS_WITHIN_MS} when Kafka does not give them. A topic whose oldest records retention
   * has deleted holds only part of the history: the rebuild would replace the live figures with
   * those of the events left, so it is refused (409) unless `acceptTruncatedHistory` says so.
   */
  async start(by: string, options: { readonly acceptTruncatedHistory?: boolean } = {}): Promise<Rebuild> {
    const id = randomUUID();
    const admin = this.kafka.admin();
    try {
      // Asked first without the lock: a Kafka that does not answer is a 503 that no live transaction waited for.
      const ends = await withinEnds(admin.connect().then(() => this.currentEnds(admin)));
      if (!options.acceptTruncatedHistory) assertWholeHistory(ends);
      // The ends the rebuild keeps are read again once no live transaction is between asking whether a rebuild runs and committing:
      // a record written live before the start is below them, one written after is past them and goes to the shadow tables too.
      // Read before the lock, they could be below a record a live transaction committing meanwhile applied live only.
      // Kafka has just answered on this connection; should it go now, live transactions wait for it no longer than the bound.
      const started = await this.dataSource.transaction(async (tx) => {
        await holdRebuildStart(tx);
        return startRebuild(tx, id, by, await withinEnds(this.currentEnds(admin)));
      });
      if (!started) throw new DomainError('PROJECTION.REBUILD_RUNNING', 'conflict', 'a rebuild is running; follow its progress');
    } finally {
      // Not awaited: a connection still waiting on a silent broker would hold the answer back.
      void admin.disconnect().catch(() => undefined);
    }
    const rebuild = (await latestRebuild(this.dataSource.manager)) as Rebuild;
    this.launch();
    return rebuild;
  }

  /**
   * The live events (topics by the platform's names, as deliveries give them) that must also go
   * to the shadow tables: those past where the running rebuild reads their partition to. Asked in the events' own transaction, not on a second connection,
   * holding the rebuild's start back until that transaction commits ({@link shareRebuildStart}).
   */
  async pastItsEnd<E extends { readonly topic: string; readonly partition: number; readonly offset: string }>(tx: EntityManager, events: readonly E[]): Promise<E[]> {
    await shareRebuildStart(tx);
    const ends = new Map((await runningRebuildEnds(tx)).map((e) => [key(e.topic, e.partition), e.endOffset]));
    return events.filter((e) => {
      const end = ends.get(key(e.topic, e.partition));
      return end !== undefined && offsetOf(e.offset) >= end;
    });
  }

  /**
   * The live events that go to the shadow tables now: those past the running rebuild's end of a
   * partition it has replayed to the end. Those of a partition it is still replaying are held, in
   * the events' own transaction, for the transaction that replays its last records.
   */
  async forShadow<E extends HeldEvent>(tx: EntityManager, events: readonly E[]): Promise<E[]> {
    const past = await this.pastItsEnd(tx, events);
    if (past.length === 0) return [];
    const partitions = [...new Map(past.map((e) => [key(e.topic, e.partition), { topic: e.topic, partition: e.partition }])).values()];
    const unfinished = new Set((await unfinishedPartitions(tx, partitions)).map((p) => key(p.topic, p.partition)));
    await holdEvents(
      tx,
      past.filter((e) => unfinished.has(key(e.topic, e.partition))),
    );
    return past.filter((e) => !unfinished.has(key(e.topic, e.partition)));
  }

  /** Resolves when the rebuild launched last has swapped in (for tests and the CLI). */
  async settled(): Promise<void> {
    await this.running;
  }

  private async currentEnds(admin: Admin): Promise<RebuildPosition[]> {
    const positions: RebuildPosition[] = [];
    for (const topic of SOURCE_TOPICS) {
      const offsets = await admin.fetchTopicOffsets(this.kafka.names.topic(topic));
      for (const o of offsets) positions.push({ topic, partition: o.partition, nextOffset: offsetOf(o.low), endOffset: offsetOf(o.high) });
    }
    return positions;
  }

  private launch(): void {
    this.running = this.replayAlone().catch((error: unknown) => {
      // The positions are committed: a replica waiting to take over, or the next start of the service, resumes from them.
      this.logger.error({ err: error }, 'projection rebuild stopped; it resumes when the service restarts');
    });
  }

  /**
   * Replays the running rebuild once this replica holds its replay, which one replica holds at a
   * time: every replica that starts while a rebuild runs (a rolling restart, one the autoscaler
   * adds) launches it. Two replaying at once split the rebuild's partitions between their
   * consumers, each waited for ever for those the other had, and a partition handed over was
   * replayed again from where the replica that took it had last looked. A replica that finds the
   * replay held asks again until the rebuild is over, so it takes over if the holder stops.
   */
  private async replayAlone(): Promise<void> {
    for (;;) {
      const holder = this.dataSource.createQueryRunner();
      try {
        if (await tryHoldReplay(holder.manager)) {
          try {
            // Read again now it is held: the replica that held it may have replayed some or all of it.
            const rebuild = await latestRebuild(this.dataSource.manager, 'running');
            if (rebuild) await this.replay(rebuild);
            return;
          } finally {
            await releaseReplay(holder.manager);
          }
        }
      } finally {
        await holder.release();
      }
      if (!(await latestRebuild(this.dataSource.manager, 'running'))) return;
      try {
        await wait(TAKE_OVER_EVERY_MS, undefined, { signal: this.stopping.signal });
      } catch {
        return;
      }
    }
  }

  private async replay(rebuild: Rebuild): Promise<void> {
    const remaining = new Map(rebuild.positions.filter((p) => p.nextOffset < p.endOffset).map((p) => [key(p.topic, p.partition), p]));
    if (remaining.size > 0) await this.read(rebuild.id, remaining);
    // Counted once, a month per transaction, into one row per cell: the maintenance loop folds what live handlers add.
    await recountTickets(this.dataSource, SHADOW_TABLES);
    await this.dataSource.transaction((tx) => swapIn(tx, rebuild.id));
    this.logger.info({ rebuild: rebuild.id }, 'projection rebuild swapped in');
  }

  private async read(id: string, remaining: Map<string, RebuildPosition>): Promise<void> {
    // The live consumers' session (ADR 0052): after a broker restart the replay goes on within it.
    const consumer = this.kafka.consumer({
      groupId: this.kafka.names.group(`reporting.rebuild.${id}`),
      maxBytesPerPartition: FETCH_BYTES,
      ...groupMembership(this.config.consumer.sessionTimeoutMs),
    });
    this.consumer = consumer;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set([...remaining.values()].map((p) => this.kafka.names.topic(p.topic)))], fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const local = this.kafka.names.localTopic(batch.topic);
          const position = remaining.get(key(local, batch.partition));
          if (!position) return;
          const wanted = batch.messages.filter((m) => stillToReplay(position, offsetOf(m.offset)));
          for (let at = 0; at < wanted.length; at += CHUNK) {
            if (!isRunning() || isStale()) return;
            const chunk = wanted.slice(at, at + CHUNK);
            const last = offsetOf(chunk[chunk.length - 1]?.offset ?? '');
            const events = chunk.flatMap((m) => decoded(m) ?? []);
            const finishes = last + 1n >= position.endOffset;
            await this.applyChunk(id, local, batch.partition, events, last, chunk.length, finishes);
            resolveOffset(String(last));
            await heartbeat();
            if (finishes) remaining.delete(key(local, batch.partition));
            else remaining.set(key(local, batch.partition), { ...position, nextOffset: last + 1n });
          }
          if (remaining.size === 0) done();
        },
      });
      await finished;
    } finally {
      await consumer.disconnect();
      this.consumer = undefined;
    }
  }

  /**
   * A chunk of one partition's records in one transaction with the partition's position, so a
   * restart resumes right after the last chunk committed; the partition's last chunk also applies
   * the live events held for it, after its records. Live handlers writing the shadow tables for
   * later records may deadlock with it on a ticket; the chunk is then tried again.
   */
  private async applyChunk(
    id: string,
    topic: string,
    partition: number,
    events: readonly DomainEvent[],
    last: bigint,
    records: number,
    finishes: boolean,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction(async (tx) => {
          // Tickets are counted into the shadow rollups once the replay has caught up: counting each chunk's would append as many cells as it reads rows.
          await projectEvents(tx, events, SHADOW_TABLES, 'counted_tickets');
          // The position waits for live transactions that found the partition unfinished and held
          // events (they share its row) and makes later ones find it finished; the held events are
          // read after it, so every one is there. Moved after the chunk's tickets are locked, as live
          // transactions lock theirs before the row: the other order deadlocked with them.
          await advance(tx, id, topic, partition, last, records);
          if (finishes) await projectEvents(tx, await takeHeldEvents(tx, id, topic, partition), SHADOW_TABLES, 'counted_tickets');
        });
        return;
      } catch (error) {
        if (attempt >= CHUNK_ATTEMPTS || !isTransient(error)) throw error;
      }
    }
  }
}

/** Deadlock detected, serialization failure: the transaction can simply be run again. */
function isTransient(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === '40P01' || state === '40001';
}

/** A record that is not an event of ours is passed over, as the live consumer dead-letters it. */
function decoded(message: Parameters<typeof fromKafkaMessage>[0]): DomainEvent | undefined {
  try {
    return fromKafkaMessage(message);
  } catch {
    return undefined;
  }
}
