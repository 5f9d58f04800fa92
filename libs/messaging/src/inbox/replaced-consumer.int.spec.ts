import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaJSNonRetriableError } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventually } from '@cs/testing';
import { newEvent } from '../envelope';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed, parcelShippedOn, shippingParcels } from '../testing';
import { ScriptedKafka } from '../testing/scripted-consumer';

/**
 * A consumer replaced (ADR 0183) may live on inside kafkajs beside its replacement: a batch handed
 * over, a join that completes late, a crash, a rebalance. None of it may consume, commit or touch
 * the replacement's state; and a start ends once a consumer has joined, whichever. The broker
 * reaches these paths only by timing a test cannot choose, so kafkajs's side is scripted
 * (ScriptedKafka, in kafkajs's order) and the events are handled in the real database.
 */
const names = consumerSuiteNames('replaced-consumer');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);

let bed: ConsumerTestbed;
let dataSource: DataSource;
let brokerTopic: string;
const running: EventConsumer[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  ({ dataSource } = bed);
  brokerTopic = bed.kafka.names.topic(topic);
});

afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await bed?.drop();
});

/** A parcel's event. */
const parcel = (parcelId: string) => newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } });

/** Offsets committed for partitions of the suite's topic, as one commit request names them. */
const committed = (...partitions: { partition: number; offset: string }[]) => ({ topics: [{ topic: brokerTopic, partitions }] });

/**
 * A consumer of its own group over scripted kafkajs consumers, shipping into a table of its own; a
 * parcel named `slow…` waits until `release` is called, `entered` resolving once one is in hand.
 */
async function shipper(label: string, options: Partial<EventConsumerOptions> = {}) {
  const table = `${schema}.shipped_${label.replace(/-/g, '_')}`;
  await dataSource.query(`CREATE TABLE ${table} (parcel_id text)`);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let enter!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const parcels = shippingParcels(Shipped, async (parcelId, { tx }) => {
    if (parcelId.startsWith('slow')) {
      enter();
      await released;
    }
    await tx.query(`INSERT INTO ${table} VALUES ($1)`, [parcelId]);
  });
  const kafka = new ScriptedKafka(bed.kafka.names);
  // Offsets are committed by a rebalance or the stop alone: what each commit carries is then the test's to read.
  const consumer = new EventConsumer(kafka, dataSource, bed.publisher, parcels, { group: `${group}-${label}`, schema, maxAttempts: 3, initialBackoffMs: 20, commitIntervalMs: 600_000, ...options });
  running.push(consumer);
  const shipped = async () => ((await dataSource.query(`SELECT parcel_id FROM ${table} ORDER BY parcel_id`)) as { parcel_id: string }[]).map((r) => r.parcel_id);
  return { kafka, consumer, shipped, release, entered };
}

describe('a consumer replaced while kafkajs still runs it', () => {
  it('first join stalled: replaced, the start ended by its replacement; joining late, it is handed nothing, not restarted, and touches nothing of its replacement', async () => {
    // Bound 3 s, checked every 750 ms: the stalled consumer hears nothing and is replaced; its replacement hears a heartbeat every 100 ms.
    const { kafka, consumer, shipped } = await shipper('stalled', { membershipLostAfterMs: 3_000 });
    kafka.holdNext = 'join';
    let started = false;
    const starting = consumer.start().then(() => (started = true));
    await eventually(() => expect(kafka.consumers).toHaveLength(2), 15_000, 20);
    const [stalled, replacement] = [kafka.at(0), kafka.at(1)];
    const heartbeats = setInterval(() => replacement.emit(replacement.consumer.events.HEARTBEAT), 100);
    try {
      await starting;
      expect(started).toBe(true);
      // kafkajs's disconnect during a first join returns at once (its runner is not running yet), leaving the join to go on.
      expect(stalled.disconnects).toBe(1);
      expect([await stalled.restartOnFailure(), await replacement.restartOnFailure()]).toEqual([false, true]);
      await replacement.batch(brokerTopic, 0, 0, [parcel('parcel-1')]);
      expect(await shipped()).toEqual(['parcel-1']);

      // The stalled join completes: told as a join, which must not forget the replacement's handled offset, and disconnected.
      stalled.letGo();
      await eventually(() => expect(stalled.disconnects).toBe(2), 2_000, 10);
      // Its orphaned runner fetches: the batch ends it, and the crash is told once it is disconnected.
      await expect(stalled.batch(brokerTopic, 0, 0, [parcel('parcel-1')])).rejects.toBeInstanceOf(KafkaJSNonRetriableError);
      await stalled.crash(new Error('this consumer was replaced'));
      expect(stalled.disconnects).toBe(4);
      expect(await shipped()).toEqual(['parcel-1']);
      // Its heartbeats keep the replacement in its group past the bound: replaced once, never again.
      await sleep(4_000);
      expect(kafka.consumers).toHaveLength(2);
    } finally {
      clearInterval(heartbeats);
    }
    await consumer.stop();
    expect(replacement.commits).toEqual([committed({ partition: 0, offset: '1' })]);
    expect(stalled.commits).toEqual([]);
  }, 40_000);

  it('finishing a batch after a stop outlasted its bound and a start, commits nothing, nor does its replacement for it', async () => {
    const { kafka, consumer, shipped, release, entered } = await shipper('in-hand', { stopTimeoutMs: 300 });
    await consumer.start();
    const stopped = kafka.at(0);
    const inHand = stopped.batch(brokerTopic, 0, 5, [parcel('slow-1')]);
    await entered;
    await consumer.stop();
    await consumer.start();
    const started = kafka.at(1);
    await started.batch(brokerTopic, 1, 0, [parcel('parcel-2')]);
    release();
    await inHand;
    // Its group rebalancing (told once its batches have ended): nothing is committed through the stopped consumer.
    stopped.emit(stopped.consumer.events.REBALANCING);
    expect(await shipped()).toEqual(['parcel-2', 'slow-1']);
    await consumer.stop();
    // Partition 0's offset is not the new consumer's to commit: its owner reads slow-1 again, a duplicate to the inbox.
    expect(started.commits).toEqual([committed({ partition: 1, offset: '1' })]);
    expect(stopped.commits).toEqual([]);
    expect(stopped.disconnects).toBe(1);
  }, 30_000);

  it('stopped, commits what its batch in hand handled, then leaves', async () => {
    const { kafka, consumer, shipped, release, entered } = await shipper('stop-in-hand');
    await consumer.start();
    const running = kafka.at(0);
    const inHand = running.batch(brokerTopic, 0, 7, [parcel('slow-2')]);
    await entered;
    let stopped = false;
    const stopping = consumer.stop().then(() => (stopped = true));
    await sleep(300);
    expect(stopped).toBe(false);
    release();
    await Promise.all([inHand, stopping]);
    expect(await shipped()).toEqual(['slow-2']);
    expect(running.commits).toEqual([committed({ partition: 0, offset: '8' })]);
    expect(running.disconnects).toBe(1);
  }, 30_000);

  it('stopped, and joining again meanwhile, commits nothing handled before the join', async () => {
    const { kafka, consumer, release, entered } = await shipper('stop-rejoin');
    await consumer.start();
    const running = kafka.at(0);
    await running.batch(brokerTopic, 0, 3, [parcel('parcel-5')]);
    const inHand = running.batch(brokerTopic, 1, 7, [parcel('slow-3')]);
    await entered;
    const stopping = consumer.stop();
    // Another broker's fetch finds the metadata stale and kafkajs joins again, the batch still in hand: partition 0 may be another member's now.
    running.emit(running.consumer.events.GROUP_JOIN);
    release();
    await Promise.all([inHand, stopping]);
    expect(running.commits).toEqual([committed({ partition: 1, offset: '8' })]);
  }, 30_000);

  it('joining late, after a stop and a start, takes nothing of the consumer that started', async () => {
    const { kafka, consumer, shipped } = await shipper('late-join');
    kafka.holdNext = 'connect';
    const firstStart = consumer.start();
    const late = kafka.at(0);
    await consumer.stop();
    // The stop ends the start it abandoned.
    await firstStart;
    await consumer.start();
    const live = kafka.at(1);
    late.letGo();
    await eventually(() => expect(late.disconnects).toBe(2), 2_000, 10);
    expect(late.ran).toBe(false);
    await live.batch(brokerTopic, 0, 0, [parcel('parcel-3')]);
    expect(await shipped()).toEqual(['parcel-3']);
    await consumer.stop();
    expect(live.commits).toEqual([committed({ partition: 0, offset: '1' })]);
  }, 30_000);

  it('crashed, is replaced after the back-off, and no second consumer joins where a stop and a start joined one meanwhile', async () => {
    const { kafka, consumer } = await shipper('restart-loop');
    await consumer.start();
    const crashed = kafka.at(0);
    await crashed.crash(new Error('refused for good'));
    expect(crashed.disconnects).toBe(2);
    // Within the restart's first back-off (1 s).
    await sleep(100);
    await consumer.stop();
    await consumer.start();
    expect(kafka.consumers).toHaveLength(2);
    await sleep(2_000);
    expect(kafka.consumers).toHaveLength(2);
    expect(kafka.at(1).ran).toBe(true);
  }, 30_000);

  it('ends a start whose first join failed only once a consumer has joined: the one replacing it', async () => {
    const { kafka, consumer } = await shipper('join-failed');
    kafka.holdNext = 'join';
    let started = false;
    const starting = consumer.start().then(() => (started = true));
    // The join fails; kafkajs's run ends with the crash.
    await eventually(() => expect(kafka.at(0).ran).toBe(true), 2_000, 10);
    await kafka.at(0).crash(new Error('the coordinator refused the join'));
    await sleep(500);
    expect([started, kafka.consumers.length]).toEqual([false, 1]);
    await starting;
    expect(kafka.consumers).toHaveLength(2);
    await consumer.stop();
  }, 30_000);
});
