import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Consumer, type EachBatchPayload, type EachMessagePayload, KafkaJSNonRetriableError, type KafkaMessage, type Offsets } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { validateConsumedEventData } from '@cs/contracts';
import { Logger, ServiceMetrics, childContext, parseTraceparent, runInTrace } from '@cs/observability';
import { answersAhead, quoteIdentifier } from '@cs/persistence';
import { redactPersonalData } from '@cs/privacy';
import { DomainEvent, EnvelopeError, declaredEventType, fromKafkaMessage } from '../envelope';
import type { PlatformKafka } from '../kafka/kafka-client';
import type { RecordPublisher } from '../ports';
import { DeadLetterReason, deadLetterRecord } from './dead-letter';
import { BeforeCommit, type Delivery, type EventDispatcher } from './event-dispatcher';
import { AssignedCounts, type CountsByOffset, triesOf } from './assigned-counts';
import { FailedAttempts, type FailedTries, type FailedTriesAt, type PartitionOffset, type TakenMessage } from './failed-attempts';
import { type StartFound, judgeStart } from './partition-start';
import { TRIES_ALONE } from './tries-alone';
import { thrownText } from './thrown-text';
import { DEFAULT_SESSION_TIMEOUT_MS, groupMembership } from './group-membership';
import { MembershipLostError, MembershipWatch, membershipLostAfterMs } from './membership-watch';
import { TurnGathering } from './turn-gathering';
import { transactionWithin } from './bounded-transaction';
import { settleWithin } from '../settle-within';
import { ToldOnCommit } from '../told-on-commit';

/** The first wait before a consumer stopped by a crash is started again. */
const RESTART_BACKOFF_MS = 1_000;
const MAX_RESTART_BACKOFF_MS = 60_000;
const CRASHES_FORGOTTEN_AFTER_MS = 10 * 60_000;

export interface EventConsumerOptions {
  /** Consumer group's platform name; also the inbox's consumer name and the dead-letter topic's prefix. */
  readonly group: string;
  readonly schema: string;
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs?: number;
  /** Where a new group starts; `earliest` so no event published before the first start is missed. */
  readonly fromBeginning?: boolean;
  /** How long `stop` waits to leave the group; 10 s unless given. */
  readonly stopTimeoutMs?: number;
  /**
   * Events of one partition handled in one chunk (1: one at a time). A transaction holds the
   * chunks of the partitions handled at once, up to `partitionsConcurrently` × `batchSize` events.
   */
  readonly batchSize?: number;
  /** Partitions consumed at once; each stays in order. */
  readonly partitionsConcurrently?: number;
  /**
   * How often the offsets of handled events are committed to the group. The inbox makes an
   * event read again after a crash or a rebalance a duplicate that changes nothing, so offsets
   * need not be committed per batch (a request to the broker for every partition's batch, waited
   * for before the next fetch); 500 ms unless given.
   */
  readonly commitIntervalMs?: number;
  /**
   * How long the broker waits for this member's heartbeat before giving its partitions to the
   * others; also how long the group stays stopped after a broker restart, waiting for members
   * that crashed meanwhile (ADR 0052). 10 s unless given.
   */
  readonly sessionTimeoutMs?: number;
  /**
   * How long a rebalance waits for this group's members to join again before it goes on without
   * those that did not, their partitions given to the others. A member still heartbeating (a try
   * alone waiting for its turn, ADR 0181) is not put out by its session, only by this bound.
   * 60 s unless given, as kafkajs's default.
   */
  readonly rebalanceTimeoutMs?: number;
  /**
   * Whether a handler's error means a dependency (Postgres, …) could not be reached, rather than
   * that the event or the code is wrong. Such a try is not counted against `maxAttempts`: the
   * event is tried again, every {@link OUTAGE_RETRY_CAP_MS} at most, until the dependency is
   * back, so an outage never sends good events to the dead-letter topic. Every error counts
   * when not given.
   */
  readonly isDependencyFailure?: (error: unknown) => boolean;
  /**
   * How long one transaction's handlers may run before it fails (HandlerTimeoutError) and
   * its partition moves on by the rules any failure follows: its chunks tried alone, then one event
   * at a time, retried, dead-lettered. Each try counts as an attempt. 60 s unless given.
   */
  readonly handlerTimeoutMs?: number;
  /**
   * How long a member may hear nothing of its group (no heartbeat taken, no join) before it is
   * replaced by a new consumer: kafkajs can stay out of its group for good after the broker
   * forgot the member (MembershipWatch). A rebalance and a session on either side of it unless
   * given.
   */
  readonly membershipLostAfterMs?: number;
}

/** A consumer transaction's bound unless configured: twice a statement's default timeout, so a slow statement fails first with its own error. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 60_000;

/** How long a rebalance waits for the members to join again unless configured. */
export const DEFAULT_REBALANCE_TIMEOUT_MS = 60_000;

/** A partition's events read together, handled in one transaction (with other partitions' chunks). */
interface Chunk {
  /** The platform's name of the topic. */
  readonly topic: string;
  readonly partition: number;
  readonly events: { readonly event: DomainEvent; readonly offset: string }[];
}

type Outcome = readonly [type: string, outcome: 'handled' | 'duplicate'];

/** A partition's batch as its assignment found it (ADR 0154, 0164). */
interface BatchCounts {
  readonly counts: CountsByOffset;
  /** The member before ended its process somewhere in this batch, which message unknown: each goes alone, marked as it is tried. */
  readonly oneByOne: boolean;
}

/** How a try taken alone ended: handled, or failed. */
type TryEnd = { readonly outcome: 'handled' | 'duplicate' } | FailedTryEnd;

/** A failed try: counted (`failed`, the tries failed in all), unless a dependency's outage failed it. */
interface FailedTryEnd {
  readonly error: unknown;
  /** The error's text, redacted. */
  readonly reason: string;
  readonly outage: boolean;
  readonly failed: number;
}

/** An event of a gathered transaction, by its chunk and offset. */
interface EventInChunk {
  readonly chunk: Chunk;
  readonly offset: string;
}

/** A try of an event that failed, the event by its offset. */
interface FailedTry {
  readonly error: unknown;
  readonly offset: string;
}

/**
 * A transaction of chunks failed while one event's handlers ran (its handler threw, or the time ran
 * out in it): that event's try, which counts as its first. A failure elsewhere (the inbox's insert,
 * writes gathered for the commit, the commit) is no one event's.
 */
class EventTryFailed extends Error {
  constructor(
    readonly chunk: Chunk,
    readonly offset: string,
    readonly failure: unknown,
  ) {
    super('an event of a gathered transaction failed');
  }
}

/** A chunk to be handled one event at a time, one of its events perhaps tried once already. */
interface OneByOne {
  readonly firstTry?: FailedTry;
  /**
   * The group's counts read when the partition was assigned (ADR 0154), which a message looked up
   * in instead of reading its own: one absent from them had not failed.
   */
  readonly counts?: ReadonlyMap<string, FailedTriesAt>;
}

/** The longest wait between two tries of an event while its handler's dependency is unreachable. */
export const OUTAGE_RETRY_CAP_MS = 5_000;

export type ConsumeOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead_lettered';

/**
 * Consumes domain events idempotently: the inbox row (group, event id) and the handler's
 * effects commit in one transaction, so a redelivered event changes nothing. Events of one
 * partition are handled in order, in chunks of up to `batchSize`; the chunks the partitions of
 * one fetch hand over at the same time go in one transaction (one commit instead of one per
 * event and per partition). If that fails, each chunk is tried alone, and a chunk that fails
 * alone is handled one event at a time, where a failing handler is retried with exponential
 * backoff a bounded number of times, then the message goes to the group's dead-letter topic and
 * the partition moves on. Several partitions are consumed at once.
 */
export class EventConsumer {
  private readonly inbox: string;
  private readonly failedAttempts: FailedAttempts;
  private consumer?: Consumer;
  /** The consumer a stop is taking out of its group: its batch in hand still records what it handles, which the stop commits. */
  private leaving?: Consumer;
  private stopping = false;
  /** Aborted by `stop`: ends a retry's wait at once. */
  private stopped = new AbortController();
  /** Crashes kafkajs would not restart from, since this consumer started: each waits twice as long before the next start. */
  private crashes = 0;
  private lastCrashAt = 0;
  private readonly offsets = new HandledOffsets();
  private readonly assignedCounts = new AssignedCounts();
  /** This consumer instance, as the partitions' starts name it (ADR 0164): a start of its own is never taken for a process that ended. */
  private readonly self = randomUUID();
  /**
   * Each consumer's commit of one request, taken from the latest batch it handed over (ADR 0111):
   * kafkajs restarting a consumer after a crash it may retry builds a new group, which the
   * commits of the batches handed over before do not reach (they name the member that left).
   */
  private readonly sendCommit = new WeakMap<Consumer, OneCommit>();
  private committing?: NodeJS.Timeout;
  /** The running consumer's check that it still belongs to its group. */
  private watching?: NodeJS.Timeout;
  /** Commits run one at a time, so an older offset never lands after a newer one. */
  private commits: Promise<void> = Promise.resolve();
  private commitsWaiting = 0;
  /**
   * Ends the start under way: once a consumer has joined the group (its own, or one that replaced
   * it while its join stalled or after it crashed, ADR 0183), or once stopped.
   */
  private runs?: () => void;
  /** Batches being handled, which stopping lets finish before it commits. */
  private readonly inHand = new Set<Promise<void>>();
  /** The chunks partitions hand over at the same time, for one transaction. */
  private readonly gathering = new TurnGathering<Chunk, Outcome[]>((chunks) => this.transact(chunks));
  /**
   * The reads of the partitions whose first batches since their assignment are handed over at the
   * same time, each partition given its counts once every one of them has read its own: each answer
   * lands in a turn of its own, and a partition going on with it submitted its first chunk alone.
   */
  private readonly assignmentReads = new TurnGathering<() => Promise<BatchCounts>, PromiseSettledResult<BatchCounts>>((reads) =>
    Promise.allSettled(reads.map((read) => read())),
  );

  constructor(
    private readonly kafka: PlatformKafka,
    private readonly dataSource: DataSource,
    private readonly publisher: RecordPublisher,
    private readonly dispatcher: EventDispatcher,
    private readonly options: EventConsumerOptions,
    private readonly logger?: Logger,
    private readonly metrics?: ServiceMetrics,
  ) {
    this.inbox = `${quoteIdentifier(options.schema)}.inbox`;
    this.failedAttempts = new FailedAttempts(options.schema, options.group);
  }

  /**
   * Resolves once a consumer has joined the group, or the consumer is stopped; fails where the
   * first consumer could not connect or subscribe. kafkajs's `run` also ends when the join failed
   * (a crash, which kafkajs or `restartAfterCrash` starts again from), so it is the join that ends
   * the start.
   */
  async start(): Promise<void> {
    this.stopping = false;
    this.leaving = undefined;
    this.stopped = new AbortController();
    const running = new Promise<void>((resolve) => (this.runs = resolve));
    await Promise.race([this.join().then(() => running), running]);
  }

  /**
   * A new consumer joins the group and runs. Started again after a crash it leaves `stopping` as
   * it is: a stop landing meanwhile ends the start instead of being undone by it.
   */
  private async join(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.kafka.names.group(this.options.group),
      allowAutoTopicCreation: false,
      ...groupMembership(this.options.sessionTimeoutMs),
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? DEFAULT_REBALANCE_TIMEOUT_MS,
      // kafkajs restarts a crashed consumer by itself; never one this service has replaced (or is stopping), which would consume beside its replacement.
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000, restartOnFailure: async () => this.consumer === consumer && !this.stopping },
    });
    this.consumer = consumer;
    /** Whether this is still the service's consumer: one replaced (ADR 0183) may outlive its replacement inside kafkajs. */
    const current = () => this.consumer === consumer;
    const owns = () => this.owns(consumer);
    try {
      await consumer.connect();
      const topics = this.dispatcher.topics().map((topic) => this.kafka.names.topic(topic));
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      // Stopped, or replaced while it joined (a stop and a start meanwhile): it must not take the live consumer's timers.
      if (this.stopping || !current()) throw new Error('stopped or replaced while the consumer was joining');
    } catch (error) {
      // Half started (connected, not subscribed): not left connected behind the next start.
      if (this.consumer === consumer) this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    // A rebalance starting: what was handled is committed while this member still owns it (a
    // replaced consumer owns nothing: commitOnce judges). After it, the partitions may be another
    // member's: what was handled and not yet committed is read again there and skipped by the
    // inbox, and is not committed over the new owner's.
    consumer.on(consumer.events.REBALANCING, () => void this.commitHandled(consumer));
    // kafkajs restarts a consumer after a crash whose cause it may retry; after any other (a
    // dead-letter publish the broker refused for good) it leaves the group and stops for good,
    // silently, and the partitions move to the next replica, which meets the same message.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!current()) void consumer.disconnect().catch(() => undefined);
      else if (!payload.restart) void this.restartAfterCrash(consumer, payload.error, 'consumer stopped by an error kafkajs does not retry; starting a new one');
    });
    const membership = new MembershipWatch(
      this.options.membershipLostAfterMs ??
        membershipLostAfterMs(this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS, this.options.rebalanceTimeoutMs ?? DEFAULT_REBALANCE_TIMEOUT_MS),
    );
    consumer.on(consumer.events.HEARTBEAT, () => membership.heard());
    consumer.on(consumer.events.GROUP_JOIN, () => {
      membership.heard();
      if (!owns()) return;
      if (current()) this.runs?.();
      this.offsets.forget();
      this.assignedCounts.forget();
    });
    this.stopTimers();
    this.committing = setInterval(() => {
      if (this.commitsWaiting === 0) void this.commitHandled(consumer);
    }, this.options.commitIntervalMs ?? 500);
    this.watching = setInterval(
      () => {
        // A batch in hand counts as hearing from the group: it may keep a member silent past a rebalance
        // (a handler's transaction, a try alone waiting its turn, a heartbeat refused meanwhile), and the
        // rebalance after it is waited through from its end.
        if (this.inHand.size > 0) membership.heard();
        else if (membership.lost) void this.restartAfterCrash(consumer, new MembershipLostError(membership.silentForMs), 'consumer out of its group; starting a new one');
      },
      Math.min(1_000, membership.lostAfterMs / 4),
    );
    try {
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => {
          // Stopping: nothing more is taken on; the stop commits what was handled and leaves.
          if (this.stopping) return Promise.resolve();
          // Replaced, it handles nothing more: the crash ends it for good (restartOnFailure above).
          if (!current()) throw new KafkaJSNonRetriableError('this consumer was replaced');
          this.sendCommit.set(consumer, payload.commitOffsetsIfNecessary);
          return this.inHandWhile(this.onBatch(payload, owns));
        },
      });
    } catch (error) {
      // Replaced or stopped meanwhile: its failure is not the start's, which the consumer in its place (or the stop) ends.
      if (!current()) return;
      // Not running: nothing of it to commit or watch.
      this.consumer = undefined;
      this.stopTimers();
      throw error;
    }
    // Stopped while it joined (a shutdown abandoning the start), or replaced while it did: disconnected once joined too.
    if (!current()) await consumer.disconnect().catch(() => undefined);
  }

  /**
   * A partition's fetched messages, in order: in chunks, each in one transaction with the chunks
   * other partitions' batches of the same fetch hand over at the same time, else one by one. The
   * partition's first batch since it was assigned reads the group's counts first (ADR 0154).
   * `owned`: whether what it handles is still its consumer's to commit (not once replaced, ADR 0183).
   */
  async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }: EachBatchPayload, owned: () => boolean = () => true): Promise<void> {
    const size = this.options.batchSize ?? 1;
    if (batch.messages.length === 0) return;
    // Read before any transaction heartbeats: a Postgres slow to answer (up to the statement timeout, past the session) must not put the member out of its group.
    const known = this.assignedCounts.known(batch.topic, batch.partition);
    const { counts, oneByOne } = known ? { counts: known, oneByOne: false } : await this.heartbeatingWhile(this.readTogether(() => this.onAssignment(batch.topic, batch.partition, batch.messages[0]!.offset)), heartbeat);
    try {
      await this.inChunks(batch, size, { counts, oneByOne }, { resolveOffset, heartbeat, isRunning, isStale, pause }, owned);
    } catch (error) {
      // kafkajs reads the partition again from the message in hand, in this assignment when it retries
      // the error (a dead letter's publish, a heartbeat's connection): that message's count in memory
      // may be behind the table's, so its next batch reads them again.
      this.assignedCounts.drop(batch.topic, batch.partition);
      throw error;
    }
  }

  /** `read`, done beside the other partitions' reads on assignment handed over at the same time, and answered with them. */
  private async readTogether(read: () => Promise<BatchCounts>): Promise<BatchCounts> {
    const gathered = await this.assignmentReads.submit(read);
    if (!gathered.ok) throw gathered.error;
    if (gathered.result.status === 'rejected') throw gathered.result.reason;
    return gathered.result.value;
  }

  /** The batch's messages in chunks, each looked up in the partition's counts (ADR 0154). */
  private async inChunks(
    batch: EachBatchPayload['batch'],
    size: number,
    { counts, oneByOne }: BatchCounts,
    { resolveOffset, heartbeat, isRunning, isStale, pause }: Pick<EachBatchPayload, 'resolveOffset' | 'heartbeat' | 'isRunning' | 'isStale' | 'pause'>,
    owned: () => boolean,
  ): Promise<void> {
    // A replaced consumer's offsets would be committed by its replacement, over the partition's new owner's (ADR 0111): not recorded, the messages read again and skipped by the inbox.
    const handled = (offset: string) => {
      if (owned()) this.offsets.handled(batch.topic, batch.partition, offset);
    };
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale() || this.stopping || !owned()) return;
      const chunk = batch.messages.slice(start, start + size);
      // A message another member tried is taken alone from the start, from its count: the chunk's try would count for none of its messages.
      const counted = oneByOne || chunk.some((message) => counts.has(message.offset));
      const together = counted ? { counts } : await this.handleTogether(batch.topic, batch.partition, chunk, heartbeat);
      if (together !== true) {
        for (const message of chunk) {
          if (!isRunning() || isStale() || this.stopping) return;
          await this.onMessage({ topic: batch.topic, partition: batch.partition, message, heartbeat, pause }, together);
          resolveOffset(message.offset);
          handled(message.offset);
          // Done with: should it be tried again on this assignment, the table's count is the one to read.
          counts.delete(message.offset);
        }
      } else {
        for (const message of chunk) resolveOffset(message.offset);
        handled(chunk[chunk.length - 1]!.offset);
      }
      await heartbeat();
    }
  }

  /**
   * A partition's first batch since this member was assigned it, beginning at `offset`: its start
   * kept, a try the process before ended in counted (ADR 0164), then the group's counts read.
   */
  private async onAssignment(brokerTopic: string, partition: number, offset: string): Promise<BatchCounts> {
    const at = { topic: this.kafka.names.localTopic(brokerTopic), partition, offset };
    const found = await this.startFound(at);
    if (found.kind === 'ended-in') await this.countEndedTry({ topic: at.topic, partition, offset: found.offset, eventId: found.eventId });
    return { counts: await this.countsOnAssignment(brokerTopic, partition, offset), oneByOne: found.kind === 'unfinished' };
  }

  /** What the partition's start before this one says; nothing counted when it cannot be read or kept. */
  private async startFound(at: PartitionOffset): Promise<StartFound> {
    try {
      return judgeStart(await this.failedAttempts.began(this.dataSource, at, this.self), at.offset, this.self);
    } catch (error) {
      this.logger?.warn({ err: error, topic: at.topic, partition: at.partition }, 'could not keep where a partition assigned begins; a process ending in it is not counted');
      return { kind: 'handed-over' };
    }
  }

  /** Counts the try a process ended in, as a failed try of its message (ADR 0164). */
  private async countEndedTry(taken: TakenMessage): Promise<void> {
    try {
      const counted = await this.failedAttempts.endedIn(this.dataSource, taken);
      this.logger?.error({ eventId: taken.eventId, topic: taken.topic, partition: taken.partition, offset: taken.offset, attempt: counted }, 'a process ended while trying an event; counted as a failed try');
    } catch (error) {
      this.logger?.warn({ err: error, eventId: taken.eventId }, 'could not count a try a process ended in');
    }
  }

  /** `taken` is about to be tried alone: its partition's start says so until the try fails or is passed (ADR 0164). */
  private async markTrying(taken: TakenMessage, heartbeat: () => Promise<void>): Promise<void> {
    await this.heartbeatingWhile(this.failedAttempts.trying(this.dataSource, taken, this.self), heartbeat).catch((error: unknown) => {
      this.logger?.warn({ err: error, eventId: taken.eventId }, 'could not mark an event tried; a process ending in this try is not counted');
    });
  }

  /**
   * The group's failed tries of a newly assigned partition's messages from `offset` on (ADR 0154),
   * one statement; none when they cannot be read (read again on the next batch), and each message
   * then taken alone reads its own.
   */
  private countsOnAssignment(brokerTopic: string, partition: number, offset: string): Promise<CountsByOffset> {
    const topic = this.kafka.names.localTopic(brokerTopic);
    return this.assignedCounts.read(brokerTopic, partition, () =>
      this.failedAttempts.fromOffset(this.dataSource, topic, partition, offset).catch((error: unknown) => {
        this.logger?.warn({ err: error, topic, partition }, 'could not read the failed tries of a partition assigned; each event tried alone reads its own');
        return undefined;
      }),
    );
  }

  /**
   * Handles the chunk in one transaction, gathered with the chunks of the other partitions
   * handed over at the same time (at low rates a partition's batch holds an event or two, and a
   * transaction per partition was most of what an event cost), when every message is a
   * well-formed event of its contract. If that transaction fails, the failure may be another
   * partition's: the chunk is tried alone. Otherwise (nothing done) when a message is not such an
   * event or the chunk's own transaction fails, so the chunk goes one by one, where retries and
   * dead-lettering happen. An event whose handlers failed a transaction (they threw, or its time
   * ran out in them) has had its first try then (`firstTry`), counted as its first failure: its
   * chunk goes one by one without being tried alone first; an event alone in its chunk's own
   * transaction too, whatever failed it. Events of types the group does not handle are skipped by the type
   * their headers declare, their bodies unread, and a chunk of nothing else opens no
   * transaction: a topic's other consumers' events (a burst of SLA warnings) pass by at the cost
   * of decoding the batch.
   */
  private async handleTogether(
    brokerTopic: string,
    partition: number,
    messages: readonly KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<true | OneByOne> {
    const chunk: Chunk = { topic: this.kafka.names.localTopic(brokerTopic), partition, events: [] };
    const skipped: string[] = [];
    for (const message of messages) {
      const declared = declaredEventType(message);
      if (declared !== undefined && !this.dispatcher.contract(declared)) {
        skipped.push(declared);
        continue;
      }
      let event: DomainEvent;
      try {
        event = fromKafkaMessage(message);
      } catch {
        return {};
      }
      const contract = this.dispatcher.contract(event.type);
      if (!contract || validateConsumedEventData(contract, event.data).length > 0) return {};
      chunk.events.push({ event, offset: message.offset });
    }
    if (chunk.events.length === 0) {
      this.countIgnored(skipped);
      return true;
    }
    const gathered = await this.heartbeatingWhile(this.gathering.submit(chunk), heartbeat);
    if (gathered.ok) return this.counted(gathered.result, skipped);
    this.logger?.debug({ err: gathered.error, topic: chunk.topic, partition, together: gathered.together }, 'a gathered transaction failed');
    if (this.stopping) return {};
    // One of this chunk's events failed: its try counts, and the chunk goes one by one without trying it again whole.
    const own = ownTry(gathered.error, chunk);
    if (own) return { firstTry: own };
    // Alone in its transaction, the chunk has had its own try; a chunk of one event, the first try the one-by-one path makes.
    if (gathered.together === 1) return chunk.events.length === 1 ? { firstTry: { error: gathered.error, offset: chunk.events[0]!.offset } } : {};
    // One event alone is what the one-by-one path tries first, with its retries.
    if (chunk.events.length === 1) return {};
    // The gathered transaction may have run long (a lock wait, a timeout): the group hears from this member before another.
    await heartbeat();
    const alone = await this.heartbeatingWhile(this.transact([chunk]), heartbeat).then(
      ([own]): Outcome[] | FailedTry | undefined => own,
      (error: unknown) => ownTry(error, chunk),
    );
    if (alone === undefined) return {};
    return Array.isArray(alone) ? this.counted(alone, skipped) : { firstTry: alone };
  }

  /** A chunk handled: its events counted by outcome, and those of types the group skips. */
  private counted(outcomes: readonly Outcome[], skipped: readonly string[]): true {
    for (const [type, outcome] of outcomes) this.metrics?.eventsConsumed.inc({ type, outcome });
    this.countIgnored(skipped);
    return true;
  }

  /**
   * The chunks' inbox rows in one statement, then each event new to the inbox handled in order, in
   * one transaction; what handlers gathered is written before an event that must see it (ADR
   * 0062), and before the commit.
   */
  private async transact(chunks: readonly Chunk[]): Promise<Outcome[][]> {
    const told = new ToldOnCommit();
    let inHand: EventInChunk | undefined;
    // The event in hand when the time ran out: handlers that finish late, while the timed-out
    // connection closes, must not move the blame to the event after it, perhaps another partition's.
    let timedOutIn: { readonly at: EventInChunk | undefined } | undefined;
    const handled = await this.transaction(async (tx) => {
      const fresh = await this.recordInInbox(tx, chunks.flatMap((chunk) => chunk.events.map(({ event }) => event)));
      const end = new BeforeCommit();
      const types = new Set(chunks.flatMap((chunk) => chunk.events.map(({ event }) => event.type)));
      const done: Outcome[][] = [];
      for (const chunk of chunks) {
        const { topic, partition, events } = chunk;
        const outcomes: Outcome[] = [];
        for (const { event, offset } of events) {
          if (!fresh.delete(event.id)) {
            outcomes.push([event.type, 'duplicate']);
            continue;
          }
          await end.before(event.type, topic);
          // What a handler sends ahead fails on its own event, and what was gathered on none, never on the next event (ADR 0190).
          await answersAhead(tx);
          const trace = childContext(parseTraceparent(event.traceparent));
          inHand = { chunk, offset };
          await runInTrace(trace, () => this.dispatcher.dispatch(event, { topic, partition, offset, attempt: 1, tx, beforeCommit: end.add, types, afterCommit: told.add }));
          await answersAhead(tx);
          inHand = undefined;
          outcomes.push([event.type, 'handled']);
        }
        done.push(outcomes);
      }
      await end.run();
      return done;
    }, () => (timedOutIn = { at: inHand })).catch((error: unknown) => {
      const at = timedOutIn ? timedOutIn.at : inHand;
      throw at ? new EventTryFailed(at.chunk, at.offset, error) : error;
    });
    told.tell();
    return handled;
  }

  private countIgnored(types: readonly string[]): void {
    for (const type of types) this.metrics?.eventsConsumed.inc({ type, outcome: 'ignored' });
  }

  /**
   * A consumer kafkajs will not restart is replaced by a new one, after a back-off that doubles up
   * to a minute while it keeps crashing (or cannot connect), unless the service is stopping.
   */
  private async restartAfterCrash(crashed: Consumer, error: Error, why: string): Promise<void> {
    if (this.stopping || this.consumer !== crashed) return;
    this.consumer = undefined;
    this.stopTimers();
    // A consumer that ran a while since its last crash starts again at the first back-off.
    if (Date.now() - this.lastCrashAt > CRASHES_FORGOTTEN_AFTER_MS) this.crashes = 0;
    this.lastCrashAt = Date.now();
    this.crashes += 1;
    this.metrics?.consumerRestarts.inc({ group: this.options.group });
    this.logger?.error({ err: error, group: this.options.group, crashes: this.crashes }, why);
    // Bounded: a member out of its group may be stuck in a join that never ends, which kafkajs's
    // disconnect waits for. It stops itself (no longer running) should that join end later.
    await settleWithin(crashed.disconnect().catch(() => undefined), 10_000);
    for (let attempt = 0; !this.stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(RESTART_BACKOFF_MS * 2 ** (this.crashes - 1 + attempt), MAX_RESTART_BACKOFF_MS)).unref());
      // Stopped, or a consumer joined meanwhile by another path: this loop has nothing left to replace.
      if (this.stopping || this.consumer) return;
      try {
        await this.join();
        return;
      } catch (startError) {
        this.logger?.warn({ err: startError, group: this.options.group }, 'consumer could not be started again; retrying');
      }
    }
  }

  /**
   * Finishes the chunk in hand (no other starts), commits offsets and leaves the group. A
   * consumer still rejoining after a broker outage can wait for the coordinator far longer than
   * a pod's grace period, and has no message in hand then; so the wait is bounded — the commit
   * by half of it, so the member still leaves — and whatever was handled but not committed is
   * read again and skipped by the inbox.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    this.runs?.();
    const consumer = this.consumer;
    this.consumer = undefined;
    this.leaving = consumer;
    this.stopTimers();
    const bound = this.options.stopTimeoutMs ?? 10_000;
    // Between a replaced consumer and its replacement there is none, but a batch of the replaced one may still be in hand.
    if (!consumer) {
      await settleWithin(Promise.allSettled([...this.inHand]), bound);
      return;
    }
    const leaving = (async () => {
      await Promise.allSettled([...this.inHand]);
      await settleWithin(this.commitHandled(consumer), bound / 2);
      await consumer.disconnect();
    })();
    if (!(await settleWithin(leaving, bound))) {
      this.logger?.warn({ group: this.options.group }, 'consumer did not leave its group in time; stopping anyway');
    }
  }

  /** Whether what `consumer` handles is its own to commit: while it is the service's, or being stopped (not once replaced, ADR 0183). */
  private owns(consumer: Consumer): boolean {
    return this.consumer === consumer || this.leaving === consumer;
  }

  /** The running consumer's commit tick and membership watch, stopped together. */
  private stopTimers(): void {
    clearInterval(this.committing);
    clearInterval(this.watching);
  }

  private inHandWhile(batch: Promise<void>): Promise<void> {
    this.inHand.add(batch);
    batch.then(
      () => this.inHand.delete(batch),
      () => this.inHand.delete(batch),
    );
    return batch;
  }

  /** Commits the offsets handled since the last commit, after any commit still running. */
  private commitHandled(consumer: Consumer): Promise<void> {
    this.commitsWaiting += 1;
    this.commits = this.commits
      .then(() => this.commitOnce(consumer))
      .finally(() => {
        this.commitsWaiting -= 1;
      });
    return this.commits;
  }

  /**
   * Sends the offsets handled since the last commit in one request, named by the group generation
   * current as it is sent, never again. A commit that fails is tried again with the next one,
   * unless the group rebalanced since. Not `consumer.commitOffsets`: kafkajs retries a failed
   * commit by itself for tens of seconds, each try sent with the generation current then, so one
   * that failed before a rebalance was taken by the broker after it as the new generation's, over
   * the offset the partition's new owner had committed (ADR 0111).
   */
  private async commitOnce(consumer: Consumer): Promise<void> {
    // Judged as the commit is sent, not as it was queued: a start since a stop (the stop having outlasted its bound) makes what is handled the new consumer's to commit.
    if (!this.owns(consumer)) return;
    const send = this.sendCommit.get(consumer);
    // Nothing was handed over on this consumer yet, so nothing was handled on it either.
    if (!send) return;
    const due = this.offsets.take();
    if (due.offsets.length === 0) return;
    try {
      await send(byTopic(due.offsets));
    } catch (error) {
      this.offsets.restore(due);
      this.logger?.debug({ err: error, group: this.options.group }, 'could not commit offsets; will try again');
    }
  }

  /**
   * Handles one message in transactions of its own; `firstTry` is how its first try already went,
   * when it has had one, and `counts` the group's counts read as its partition was assigned.
   */
  async onMessage({ topic: brokerTopic, partition, message, heartbeat }: EachMessagePayload, { firstTry: earlierTry, counts }: OneByOne = {}): Promise<ConsumeOutcome> {
    // Dead letters record the platform's topic name, so a replay publishes into the replayer's own namespace.
    const topic = this.kafka.names.localTopic(brokerTopic);
    // A group judges only the events it handles: another type passes by on its headers, its body unread.
    const declared = declaredEventType(message);
    if (declared !== undefined && !this.dispatcher.contract(declared)) {
      this.countIgnored([declared]);
      return 'ignored';
    }
    let event: DomainEvent;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      return this.deadLetter({ topic, partition, message }, 'malformed', error.message, 0, 'unknown');
    }
    const contract = this.dispatcher.contract(event.type);
    if (!contract) {
      this.countIgnored([event.type]);
      return 'ignored';
    }
    const violations = validateConsumedEventData(contract, event.data);
    if (violations.length > 0) {
      const detail = violations.map((v) => `${v.path} ${v.message}`).join('; ');
      return this.deadLetter({ topic, partition, message }, 'contract', detail, 0, event.type);
    }

    const trace = childContext(parseTraceparent(event.traceparent));
    const taken = { topic, partition, offset: message.offset, eventId: event.id };
    // Tries counted by the members that held the partition before (ADR 0136).
    const before = counts ? triesOf(counts, message.offset, event.id) : await this.heartbeatingWhile(this.triesBefore(taken, event.type), heartbeat);
    if (before?.deadLettered) {
      this.logger?.info({ eventId: event.id, type: event.type, topic, partition, offset: message.offset }, 'event already dead-lettered; passed by');
      return 'dead_lettered';
    }
    let failed = before?.attempts ?? 0;
    // The try made on the way here, when it was this message's.
    const firstTry = earlierTry?.offset === message.offset ? earlierTry : undefined;
    // Its last try failed for good, and its consumer stopped before its dead letter was sent. A
    // first try made on the way here (the one every event read gets) is counted, and sends it, below.
    if (!firstTry && failed >= this.options.maxAttempts) return this.deadLetterTaken({ topic, partition, message }, taken, before?.lastError ?? '', failed, event.type);
    let tried = firstTry;
    for (let outageTries = 0; ; ) {
      const run = () => runInTrace(trace, () => this.handleOnce(event, { topic, partition, offset: message.offset, attempt: failed + 1 }));
      const end = tried ? await this.tryOver(taken, tried.error, failed, heartbeat) : await this.tryInTurn(taken, failed, run, heartbeat);
      tried = undefined;
      if ('outcome' in end) {
        this.metrics?.eventsConsumed.inc({ type: event.type, outcome: end.outcome });
        return end.outcome;
      }
      const { error, reason, outage } = end;
      failed = end.failed;
      if (!outage && failed >= this.options.maxAttempts) {
        this.logger?.error({ err: error, eventId: event.id, type: event.type, attempt: failed }, 'handler failed for good');
        return this.deadLetterTaken({ topic, partition, message }, taken, reason, failed, event.type);
      }
      this.metrics?.consumerRetries.inc({ type: event.type });
      const tries = outage ? ++outageTries : failed;
      if (outage) this.logger?.warn({ err: error, eventId: event.id, type: event.type, outageTries }, 'a dependency is unreachable; retrying until it is back');
      else this.logger?.warn({ err: error, eventId: event.id, type: event.type, attempt: failed }, 'handler failed; retrying');
      const cap = outage ? Math.min(OUTAGE_RETRY_CAP_MS, this.options.maxBackoffMs ?? OUTAGE_RETRY_CAP_MS) : (this.options.maxBackoffMs ?? 10_000);
      const delay = Math.min(this.options.initialBackoffMs * 2 ** Math.min(tries - 1, 30), cap);
      // A wait longer than the session must not look like a dead consumer to the group coordinator.
      await this.waitHeartbeating(delay, heartbeat);
      if (this.stopping) throw error;
    }
  }

  /**
   * A try of `taken` alone, in its turn (ADR 0175): marked as its partition's start, run, and over
   * once it is handled, or its failure counted or its mark cleared. The turn ends however the try
   * ends, a throw included: one kept would hold every later try alone of the process for ever.
   * A consumer stopping, or its partition handed over while it waited (ADR 0181), leaves it untried.
   */
  private async tryInTurn(taken: TakenMessage, failed: number, run: () => Promise<'handled' | 'duplicate'>, heartbeat: () => Promise<void>): Promise<TryEnd> {
    // A consumer stopping while it waits is given no turn, however long the try in hand takes (ADR 0181).
    const turn = await this.heartbeatingWhile(TRIES_ALONE.take(this.stopped.signal), heartbeat);
    if (!turn || this.stopping) {
      turn?.();
      throw new Error('stopped before a try of an event taken alone');
    }
    try {
      // Refused (a rebalance began, or ended without this member), the partition may be another
      // member's now: its start is theirs, not to be marked over, and its event theirs to try.
      await heartbeat();
      await this.markTrying(taken, heartbeat);
      try {
        return { outcome: await this.heartbeatingWhile(run(), heartbeat) };
      } catch (error) {
        return await this.tryOver(taken, error, failed, heartbeat);
      }
    } finally {
      turn();
    }
  }

  /**
   * `taken`'s try failed with `error`: counted, unless a dependency could not be reached, whose try
   * is over all the same (its mark cleared: a process stopped, or a partition handed over, during the
   * outage's waits did not end in it, ADR 0164).
   */
  private async tryOver(taken: TakenMessage, error: unknown, failed: number, heartbeat: () => Promise<void>): Promise<FailedTryEnd> {
    // It goes to a log line and a dead-letter header: a handler's message may quote what it was given.
    const reason = redactPersonalData(thrownText(error));
    const outage = this.isOutage(error);
    // Stopping: the event is neither tried again nor dead-lettered here — past the stop's bound the
    // shutdown closes the data source, whose errors would count as attempts. Its offset stays
    // uncommitted and the partition's next owner tries it afresh (ADR 0094), not as a try its process ended in (ADR 0164).
    if (this.stopping) {
      await this.failedAttempts.tryLeft(this.dataSource, taken).catch(() => undefined);
      throw error;
    }
    if (!outage) return { error, reason, outage, failed: await this.heartbeatingWhile(this.countFailure(taken, reason, failed + 1), heartbeat) };
    await this.heartbeatingWhile(this.failedAttempts.tryLeft(this.dataSource, taken), heartbeat).catch(() => undefined);
    return { error, reason, outage, failed };
  }

  /** Whether `error` is a dependency's outage; a judge that cannot read it (a thrown value of no class) counts it as the event's failure. */
  private isOutage(error: unknown): boolean {
    try {
      return this.options.isDependencyFailure?.(error) ?? false;
    } catch {
      return false;
    }
  }

  /** `taken`'s failed tries so far; none when they cannot be read, the try at hand then counted from one. */
  private triesBefore(taken: TakenMessage, type: string): Promise<FailedTries | undefined> {
    return this.failedAttempts.before(this.dataSource, taken).catch((error: unknown) => {
      this.logger?.warn({ err: error, eventId: taken.eventId, type }, 'could not read the failed tries of an event; counting from this one');
      return undefined;
    });
  }

  /**
   * Counts a failed try where every member of the group reads it; the tries failed in all. If it
   * cannot be written, the try still counts for this member, as it did before the count was kept.
   */
  private async countFailure(taken: TakenMessage, reason: string, counted: number): Promise<number> {
    try {
      return Math.max(counted, await this.failedAttempts.failed(this.dataSource, taken, reason));
    } catch (error) {
      this.logger?.warn({ err: error, eventId: taken.eventId }, 'could not keep a failed try of an event; counting it here only');
      return counted;
    }
  }

  /** Dead-letters a message that failed its attempts, and marks it so. */
  private async deadLetterTaken(
    source: Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>,
    taken: TakenMessage,
    reason: string,
    attempts: number,
    type: string,
  ): Promise<'dead_lettered'> {
    const outcome = await this.deadLetter(source, 'handler', reason, attempts, type);
    // Unmarked, a message read again is dead-lettered again at once, not tried: a duplicate dead letter, which a replay's inbox absorbs.
    await this.failedAttempts.deadLettered(this.dataSource, taken).catch((error: unknown) => this.logger?.warn({ err: error, eventId: taken.eventId }, 'could not mark a dead-lettered event'));
    return outcome;
  }

  private get heartbeatIntervalMs(): number {
    return groupMembership(this.options.sessionTimeoutMs).heartbeatInterval;
  }

  /**
   * Waits `ms`, heartbeating from the start and every half interval: kafkajs sends a heartbeat
   * only when a whole interval has passed since its last one, so asked this often the gap between
   * two stays under one and a half intervals. A stop ends the wait at once.
   */
  private async waitHeartbeating(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const step = Math.max(1, Math.floor(this.heartbeatIntervalMs / 2));
    const { signal } = this.stopped;
    for (let left = ms; left > 0; left -= step) {
      if (signal.aborted) return;
      await heartbeat();
      await sleep(Math.min(left, step), undefined, { signal }).catch(() => undefined);
    }
    if (!signal.aborted) await heartbeat();
  }

  /**
   * `work` (a transaction, or a statement of the group's counts), heartbeating every half interval
   * while it runs: kafkajs heartbeats only when asked, and a transaction may run up to the handler
   * timeout, a statement up to the statement timeout, longer than the session (60 s, 30 s and 10 s
   * unless set). Silent that long, the member was put out of its group mid-try, and a
   * stuck event's attempts, counted by the member trying it, started again on the partition's next
   * owner at every try, never reaching the dead-letter topic. A heartbeat refused meanwhile (a
   * rebalance) is left to the one after the work, whose error makes kafkajs join again.
   */
  private async heartbeatingWhile<T>(work: Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
    const done = new AbortController();
    const step = Math.max(1, Math.floor(this.heartbeatIntervalMs / 2));
    void (async () => {
      while (!done.signal.aborted) {
        await sleep(step, undefined, { signal: done.signal }).catch(() => undefined);
        if (done.signal.aborted) return;
        await heartbeat().catch(() => undefined);
      }
    })();
    try {
      return await work;
    } finally {
      done.abort();
    }
  }

  private async handleOnce(event: DomainEvent, delivery: Omit<Delivery, 'tx' | 'beforeCommit' | 'types' | 'afterCommit'>): Promise<'handled' | 'duplicate'> {
    const told = new ToldOnCommit();
    const outcome = await this.transaction((tx) => this.handleIn(tx, event, { ...delivery, afterCommit: told.add }));
    told.tell();
    return outcome;
  }

  private transaction<T>(work: (tx: EntityManager) => Promise<T>, onTimeout?: () => void): Promise<T> {
    return transactionWithin(this.dataSource, this.options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS, work, onTimeout);
  }

  /** The inbox row and the handler's effects, in `tx`; a duplicate changes nothing. */
  private async handleIn(tx: EntityManager, event: DomainEvent, delivery: Omit<Delivery, 'tx' | 'beforeCommit' | 'types'>): Promise<'handled' | 'duplicate'> {
    // Tried before: its failed tries go with the commit that ends it. A first try has none to remove.
    if (delivery.attempt > 1) await this.failedAttempts.settled(tx, { ...delivery, eventId: event.id });
    if ((await this.recordInInbox(tx, [event])).size === 0) return 'duplicate';
    const end = new BeforeCommit();
    await this.dispatcher.dispatch(event, { ...delivery, tx, beforeCommit: end.add, types: new Set([event.type]) });
    await end.run();
    return 'handled';
  }

  /**
   * Writes the events' inbox rows in `tx`; the ids of those not there before (a redelivered one
   * is not). In id order: two transactions holding some of the same events (an old and a new
   * owner of a partition after a rebalance, each with other partitions' chunks) take their rows'
   * locks in the same order, not each in its own, which could deadlock.
   */
  private async recordInInbox(tx: EntityManager, events: readonly DomainEvent[]): Promise<Set<string>> {
    const inserted = (await tx.query(
      `INSERT INTO ${this.inbox} (consumer, event_id, event_type)
       SELECT $1, e.id, e.type FROM unnest($2::text[], $3::text[]) AS e (id, type)
       ORDER BY e.id
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.group, events.map((e) => e.id), events.map((e) => e.type)],
    )) as { event_id: string }[];
    return new Set(inserted.map((r) => r.event_id));
  }

  private async deadLetter(
    source: Pick<EachMessagePayload, 'topic' | 'partition' | 'message'>,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    type: string,
  ): Promise<'dead_lettered'> {
    // If this publish fails the error propagates, the offset is not committed and the
    // message is consumed again: a poison message is parked, never dropped.
    await this.publisher.publish([deadLetterRecord(this.options.group, source, { reason, error, attempts })]);
    this.metrics?.eventsConsumed.inc({ type, outcome: 'dead_lettered' });
    this.logger?.warn({ topic: source.topic, partition: source.partition, offset: source.message.offset, reason, error }, 'message dead-lettered');
    return 'dead_lettered';
  }
}

/** `chunk`'s own event's try, when the transaction failed in it. */
function ownTry(error: unknown, chunk: Chunk): FailedTry | undefined {
  return error instanceof EventTryFailed && error.chunk === chunk ? { error: error.failure, offset: error.offset } : undefined;
}

interface TopicPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read: the last handled one plus one. */
  readonly offset: string;
}

/** Commits the given offsets in one request (a batch's `commitOffsetsIfNecessary`). */
type OneCommit = (offsets: Offsets) => Promise<void>;

/** Offsets as a commit request groups them. */
function byTopic(offsets: readonly TopicPartitionOffset[]): Offsets {
  const topics = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset } of offsets) topics.set(topic, [...(topics.get(topic) ?? []), { partition, offset }]);
  return { topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) };
}

/** Offsets taken to be committed, with the group membership they were handled in. */
export interface DueOffsets {
  readonly offsets: readonly TopicPartitionOffset[];
  readonly membership: number;
}

/** Per partition, the offset after the last handled event, until it is committed. */
export class HandledOffsets {
  private readonly pending = new Map<string, TopicPartitionOffset>();
  /** Counts rebalances: offsets of an earlier membership are never committed. */
  private membership = 0;

  handled(topic: string, partition: number, offset: string): void {
    this.pending.set(`${partition}:${topic}`, { topic, partition, offset: (BigInt(offset) + 1n).toString() });
  }

  /** The offsets to commit, no longer pending. */
  take(): DueOffsets {
    const offsets = [...this.pending.values()];
    this.pending.clear();
    return { offsets, membership: this.membership };
  }

  /** Offsets whose commit failed: pending again, unless a later one was handled or the group rebalanced since. */
  restore(due: DueOffsets): void {
    if (due.membership !== this.membership) return;
    for (const o of due.offsets) {
      const key = `${o.partition}:${o.topic}`;
      if (!this.pending.has(key)) this.pending.set(key, o);
    }
  }

  /** The group rebalanced: what was handled and not committed is the partitions' next owner's to read again. */
  forget(): void {
    this.pending.clear();
    this.membership += 1;
  }
}
