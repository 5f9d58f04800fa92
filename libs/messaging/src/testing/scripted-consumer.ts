import type { Consumer, ConsumerConfig, ConsumerRunConfig, EachBatchPayload, KafkaMessage, Offsets } from 'kafkajs';
import { type DomainEvent, toKafkaRecord } from '../envelope';
import { PlatformKafka } from '../kafka/kafka-client';
import type { KafkaNamespace } from '../kafka/namespace';

/**
 * A kafkajs client whose consumers a test drives by hand: what kafkajs would do to a consumer
 * (hand it a batch, report a heartbeat, a join, a rebalance, a crash) is done when the test says,
 * in the order it says. For the paths of `EventConsumer` that the broker reaches only by timing a
 * test cannot choose: a consumer replaced while kafkajs still runs it (ADR 0183). Nothing here
 * connects to a broker.
 */
export class ScriptedKafka extends PlatformKafka {
  /** Every consumer made, in order: the service's current one is the last. */
  readonly consumers: ScriptedConsumer[] = [];
  /** A call of the next consumer's that waits until the test lets it go on (`ScriptedConsumer.letGo`): a connect, or the join `run` waits for. */
  holdNext?: Held;

  constructor(names: KafkaNamespace) {
    // An address nothing listens on: a path that did reach the broker would fail, not pass.
    super({ clientId: 'scripted', brokers: ['127.0.0.1:9'] }, names);
  }

  override consumer(config: ConsumerConfig): Consumer {
    const scripted = new ScriptedConsumer(config, super.consumer(config), this.holdNext);
    this.holdNext = undefined;
    this.consumers.push(scripted);
    return scripted.consumer;
  }

  /** The consumer made `index`-th; fails the test when there is none yet. */
  at(index: number): ScriptedConsumer {
    const scripted = this.consumers[index];
    if (!scripted) throw new Error(`no consumer #${index} was made (${this.consumers.length} so far)`);
    return scripted;
  }
}

type Listener = (event: { payload: unknown }) => void;

/** A consumer's call that can be held: its connect, or its join (which kafkajs's `run` waits for). */
export type Held = 'connect' | 'join';

/**
 * One consumer, as kafkajs 2.2.4 would drive it, and what it was asked to do. Its order is
 * kafkajs's: `run` ends once the consumer has joined its group (GROUP_JOIN told first), or once
 * the join failed (a crash); a crash disconnects the consumer, which lets its batches in hand end,
 * and only then is told (consumer/index.js, runner.js).
 */
export class ScriptedConsumer {
  readonly consumer: Consumer;
  /** The offsets committed through this consumer's batches, in order. */
  readonly commits: Offsets[] = [];
  disconnects = 0;
  private eachBatch?: ConsumerRunConfig['eachBatch'];
  private readonly listeners = new Map<string, Listener[]>();
  private readonly inHand = new Set<Promise<void>>();
  private release?: () => void;
  private readonly held?: Promise<void>;
  private endRun?: () => void;

  constructor(
    private readonly config: ConsumerConfig,
    real: Consumer,
    private readonly hold?: Held,
  ) {
    if (hold) this.held = new Promise((resolve) => (this.release = resolve));
    const on = (eventName: string, listener: Listener) => {
      this.listeners.set(eventName, [...(this.listeners.get(eventName) ?? []), listener]);
      return () => undefined;
    };
    // kafkajs's own consumer for its event names; every call that would reach the broker is scripted.
    this.consumer = {
      ...real,
      connect: () => (this.hold === 'connect' && this.held) || Promise.resolve(),
      subscribe: () => Promise.resolve(),
      run: (run) => {
        this.eachBatch = run?.eachBatch;
        return new Promise<void>((resolve) => {
          this.endRun = resolve;
          const joined = () => {
            if (this.endRun !== resolve) return;
            this.emit(this.consumer.events.GROUP_JOIN);
            this.endRun = undefined;
            resolve();
          };
          if (this.hold === 'join' && this.held) void this.held.then(joined);
          else joined();
        });
      },
      disconnect: () => {
        this.disconnects += 1;
        return Promise.resolve();
      },
      on: on as Consumer['on'],
    };
  }

  /** Whether `run` was called: the consumer was handed its handler. */
  get ran(): boolean {
    return this.eachBatch !== undefined;
  }

  /** The held call goes on: the connect, or the join (which then completes). */
  letGo(): void {
    this.release?.();
  }

  /**
   * A crash kafkajs does not retry (or whose restart `restartOnFailure` refused): the consumer is
   * disconnected, its batches in hand ending first, then the crash is told; a join still under way
   * fails, and `run` ends.
   */
  async crash(error: Error): Promise<void> {
    await Promise.allSettled([...this.inHand]);
    this.disconnects += 1;
    this.emit(this.consumer.events.CRASH, { error, groupId: this.config.groupId, restart: false });
    const endRun = this.endRun;
    this.endRun = undefined;
    endRun?.();
  }

  /** What kafkajs asks before restarting this consumer after a crash. */
  restartOnFailure(): Promise<boolean> {
    const retry = this.config.retry;
    if (!retry?.restartOnFailure) throw new Error('the consumer was made without restartOnFailure');
    return retry.restartOnFailure(new Error('a retriable crash'));
  }

  /** kafkajs tells the consumer's listeners of `eventName` (`consumer.events`' values). */
  emit(eventName: string, payload: unknown = {}): void {
    for (const listener of this.listeners.get(eventName) ?? []) listener({ payload });
  }

  /** kafkajs hands the consumer `events` of one partition, from `firstOffset` on. */
  async batch(brokerTopic: string, partition: number, firstOffset: number, events: readonly DomainEvent[]): Promise<void> {
    if (!this.eachBatch) throw new Error('the consumer was not run');
    const messages = events.map((event, i) => kafkaMessage(brokerTopic, event, String(firstOffset + i)));
    const last = messages.at(-1)?.offset ?? String(firstOffset - 1);
    const payload: EachBatchPayload = {
      batch: {
        topic: brokerTopic,
        partition,
        highWatermark: String(Number(last) + 1),
        messages,
        isEmpty: () => messages.length === 0,
        firstOffset: () => messages[0]?.offset ?? null,
        lastOffset: () => last,
        offsetLag: () => '0',
        offsetLagLow: () => '0',
      },
      resolveOffset: () => undefined,
      heartbeat: () => Promise.resolve(),
      pause: () => () => undefined,
      commitOffsetsIfNecessary: (offsets?: Offsets) => {
        if (offsets) this.commits.push(offsets);
        return Promise.resolve();
      },
      uncommittedOffsets: () => ({ topics: [] }),
      isRunning: () => true,
      isStale: () => false,
    };
    const handed = this.eachBatch(payload);
    this.inHand.add(handed);
    try {
      await handed;
    } finally {
      this.inHand.delete(handed);
    }
  }
}

/** `event` as the broker would hand it over at `offset`. */
function kafkaMessage(brokerTopic: string, event: DomainEvent, offset: string): KafkaMessage {
  const record = toKafkaRecord(brokerTopic, event);
  const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]));
  return { key: Buffer.from(record.key), value: Buffer.from(record.value), timestamp: String(Date.now()), attributes: 0, offset, headers };
}
