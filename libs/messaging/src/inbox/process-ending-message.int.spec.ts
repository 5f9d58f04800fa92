import { setTimeout as sleep } from 'node:timers/promises';
import { deadLetterTopic } from '@cs/contracts';
import { spawnTypeScript, watchProcess } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '../testing/consumer-testbed';
import { parcelShippedOn } from '../testing/parcel-shipped';
import type { ProcessEndingBed } from '../testing/process-ending-consumer';
import { ENDED_THE_PROCESS } from './failed-attempts';

/**
 * A message whose handling ends its process (out of memory, a native abort, a kill) is counted by
 * the partition's next owner and dead-lettered at the limit like any poison message (ADR 0164).
 * Before, no try of it was ever counted: each process restarted on it and ended again, for good.
 */
const names = consumerSuiteNames('ending');
const { name: prefix, schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);
const MAX_ATTEMPTS = 2;
/** Processes started at most: a crash loop the fix does not end stops the test here. */
const MAX_PROCESSES = 6;

let bed: ConsumerTestbed;

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  await bed.dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
  await bed.dataSource.query(`CREATE TABLE ${schema}.tries (parcel_id text)`);
});

afterAll(async () => {
  await bed?.drop();
});

const parcels = async (table: 'shipped' | 'tries'): Promise<string[]> =>
  ((await bed.dataSource.query(`SELECT parcel_id FROM ${schema}.${table}`)) as { parcel_id: string }[]).map((r) => r.parcel_id);

/** Runs the consumer process until it ends by itself or `done` holds (then it is stopped); whether it ended by itself. */
async function runProcess(done: () => Promise<boolean>): Promise<boolean> {
  const bedOfProcess: ProcessEndingBed = { brokers: process.env['KAFKA_BROKERS']!.split(','), prefix, schema, topic, type: Shipped.type, group, maxAttempts: MAX_ATTEMPTS };
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
