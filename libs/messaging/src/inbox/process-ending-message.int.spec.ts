import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic } from '@cs/contracts';
import { runKafkaBrokers, spawnTypeScript, watchProcess } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerSuiteNames, type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '../testing/consumer-testbed';
import { parcelShippedOn } from '../testing/parcel-shipped';
import type { ProcessEndingBed } from '../testing/process-ending-consumer';
import { ENDED_THE_PROCESS } from './failed-attempts';

/**
 * A message whose handling ends its process (out of memory, a native abort, a kill) is counted by
 * the partition's next owner and dead-lettered at the limit like any poison message (ADR 0164).
 * Before, no try of it was ever counted: each process restarted on it and ended again, for good.
 */
const names = consumerSuiteNames('ending');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);
/** Two partitions consumed at once, a killer on one and a slow parcel on the other (ADR 0175). */
const beside = consumerSuiteNames('ending-beside');
const MAX_ATTEMPTS = 2;
/** Processes started at most: a crash loop the fix does not end stops the test here. */
const MAX_PROCESSES = 6;

let bed: ConsumerTestbed;
let bedBeside: ConsumerTestbed;

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  bedBeside = await openConsumerTestbed(beside, undefined, 2);
  for (const [{ dataSource }, { schema }] of [[bed, names], [bedBeside, beside]] as const) {
    await dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
    await dataSource.query(`CREATE TABLE ${schema}.tries (parcel_id text)`);
  }
});

afterAll(async () => {
  await bed?.drop();
  await bedBeside?.drop();
});

const parcelsOf = async (on: ConsumerTestbed, schema: string, table: 'shipped' | 'tries'): Promise<string[]> =>
  ((await on.dataSource.query(`SELECT parcel_id FROM ${schema}.${table}`)) as { parcel_id: string }[]).map((r) => r.parcel_id);
const parcels = (table: 'shipped' | 'tries'): Promise<string[]> => parcelsOf(bed, schema, table);

/** Runs a consumer process of the suite `of` until it ends by itself or `done` holds (then it is stopped); whether it ended by itself. */
async function runProcess(done: () => Promise<boolean>, of: ConsumerSuiteNames = names, partitionsConcurrently = 1): Promise<boolean> {
  const bedOfProcess: ProcessEndingBed = {
    brokers: runKafkaBrokers(),
    prefix: of.namespace,
    schema: of.schema,
    topic: of.topic,
    type: parcelShippedOn(of.topic).type,
    group: of.group,
    maxAttempts: MAX_ATTEMPTS,
    partitionsConcurrently,
  };
  const child = spawnTypeScript('libs/messaging/src/testing/process-ending-consumer.ts', [JSON.stringify(bedOfProcess)]);
  const { ended } = watchProcess(child);
  let exited = false;
  void ended.then(() => (exited = true));
  for (const deadline = Date.now() + 90_000; Date.now() < deadline && !exited; await sleep(200)) {
    if (await done()) {
      child.kill('SIGTERM');
      await ended;
      return false;
    }
  }
  if (!exited) child.kill('SIGKILL');
  await ended;
  return true;
}

describe('a message whose handling ends its process', () => {
  it('is counted by each next process and dead-lettered at the limit; the partition moves on', async () => {
    // Given a parcel, one that kills its process mid-try, and a parcel behind it
    for (const parcelId of ['parcel-1', 'killer-2', 'parcel-3']) {
      await bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);
    }

    // When consumer processes are started one after another, as a pod restarted after each crash
    let processes = 0;
    for (let crashed = true; crashed && processes < MAX_PROCESSES; processes++) crashed = await runProcess(async () => (await parcels('shipped')).includes('parcel-3'));

    // Then the killer is dead-lettered after its attempts (one try ended a process before any was counted), and the parcel behind it shipped
    expect(await parcels('shipped')).toEqual(expect.arrayContaining(['parcel-1', 'parcel-3']));
    const killerTries = (await parcels('tries')).filter((p) => p === 'killer-2').length;
    expect(killerTries).toBeGreaterThanOrEqual(MAX_ATTEMPTS);
    expect(killerTries).toBeLessThanOrEqual(MAX_ATTEMPTS + 2);
    expect(processes).toBe(killerTries + 1);
    expect((await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high).toBe('1');
    expect(await bed.dataSource.query(`SELECT attempts, last_error, dead_lettered FROM ${schema}.consumer_attempts WHERE message_offset = 1`)).toEqual([
      { attempts: MAX_ATTEMPTS, last_error: ENDED_THE_PROCESS, dead_lettered: true },
    ]);
  }, 600_000);
});

describe('a message that ends its process while another partition\'s event is tried alone', () => {
  it('is dead-lettered, and the event tried beside it is not counted for it: it is shipped', async () => {
    // Given a killer on one partition and a slow parcel on the other, each first in its partition
    const SlowShipped = parcelShippedOn(beside.topic);
    for (const parcelId of ['killer-2', 'slow-3']) {
      await bedBeside.publisher.publish([toKafkaRecord(beside.topic, newEvent(SlowShipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);
    }
    const offsets = await bedBeside.admin.fetchTopicOffsets(bedBeside.kafka.names.topic(beside.topic));
    expect(offsets.map((o) => o.high)).toEqual(['1', '1']);

    const deadLettered = async (): Promise<number> =>
      (await bedBeside.admin.fetchTopicOffsets(bedBeside.kafka.names.topic(deadLetterTopic(beside.group)))).reduce((sum, o) => sum + Number(o.high), 0);

    // When consumer processes taking both partitions at once are started one after another, as a pod restarted after each crash
    let processes = 0;
    for (let crashed = true; crashed && processes < MAX_PROCESSES; processes++) {
      crashed = await runProcess(async () => {
        const letters = await deadLettered();
        return letters > 1 || (letters === 1 && (await parcelsOf(bedBeside, beside.schema, 'shipped')).includes('slow-3'));
      }, beside, 2);
    }

    // Then the killer alone is dead-lettered, and the slow parcel shipped
    expect(await deadLettered()).toBe(1);
    expect(await parcelsOf(bedBeside, beside.schema, 'shipped')).toEqual(['slow-3']);
    expect(await bedBeside.dataSource.query(`SELECT event_id FROM ${beside.schema}.consumer_attempts WHERE dead_lettered`)).toHaveLength(1);
  }, 600_000);
});
