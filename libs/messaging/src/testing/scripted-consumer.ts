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

/** A consumer's call that can be held: its connect, or its run (which kafkajs ends once the consumer has joined its group). */
export type Held = 'connect' | 'run';

/** One consumer, as kafkajs would drive it, and what it was asked to do. */
export class ScriptedConsumer {
  readonly consumer: Consumer;
  /** The offsets committed through this consumer's batches, in order. */
  readonly commits: Offsets[] = [];
  disconnects = 0;
  private eachBatch?: ConsumerRunConfig['eachBatch'];
  private readonly listeners = new Map<string, Listener[]>();
  private release?: () => void;
  private readonly held?: Promise<void>;

  constructor(
    private readonly config: ConsumerConfig,
    real: Consumer,
    private readonly hold?: Held,
  ) {
    if (hold) this.held = new Promise((resolve) => (this.release = resolve));
    const waits = (call: Held) => (this.hold === call && this.held) || Promise.resolve();
    const on = (eventName: string, listener: Listener) => {
      this.listeners.set(eventName, [...(this.listeners.get(eventName) ?? []), listener]);
      return () => undefined;
    };
    // kafkajs's own consumer for its event names; every call that would reach the broker is scripted.
    this.consumer = {
      ...real,
      connect: () => waits('connect'),
      subscribe: () => Promise.resolve(),
      run: (run) => {
        this.eachBatch = run?.eachBatch;
        return waits('run');
      },
      disconnect: () => {
        this.disconnects += 1;
        return Promise.resolve();
      },
      on: on as Consumer['on'],
    };
  }

  /** Whether `run` was called: the consumer joined and was handed its handler. */
  get ran(): boolean {
    return this.eachBatch !== undefined;
  }

  /** The held call goes on. */
  letGo(): void {
    this.release?.();
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
    await this.eachBatch(payload);
  }
}

/** `event` as the broker would hand it over at `offset`. */
function kafkaMessage(brokerTopic: string, event: DomainEvent, offset: string): KafkaMessage {
  const record = toKafkaRecord(brokerTopic, event);
  const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]));
  return { key: Buffer.from(record.key), value: Buffer.from(record.value), timestamp: String(Date.now()), attributes: 0, offset, headers };
}
