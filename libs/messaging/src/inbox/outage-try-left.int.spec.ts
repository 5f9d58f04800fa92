import { deadLetterTopic } from '@cs/contracts';
import { createLogger } from '@cs/observability';
import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '../testing/consumer-testbed';
import { parcelShippedOn, shippingParcels } from '../testing/parcel-shipped';
import { EventConsumer } from './event-consumer';

/**
 * A try that failed because a dependency could not be reached is not counted (ADR 0136), and its
 * process did not end in it (ADR 0164): stopped during the wait before the next try (a rolling
 * deploy during the outage), its consumer leaves no mark of a try in hand for the partition's next
 * owner to count. Before, the mark written before the try stayed through the outage's waits, and
 * the next owner counted it as a try its process ended in: with CONSUMER_MAX_ATTEMPTS=1 a good
 * event was dead-lettered untried once the outage was over.
 */
const names = consumerSuiteNames('outage-left');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);

class Unreachable extends Error {}

let bed: ConsumerTestbed;
const running: EventConsumer[] = [];

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
});

afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await bed?.drop();
});

describe('a try failed by an outage, its consumer stopped while it waits to try again', () => {
  it('is not counted by the partition\'s next owner: the event is handled once the dependency is back', async () => {
    // Given a parcel whose handler's dependency is unreachable, and a consumer that dead-letters at the first counted failure
    let down = true;
    const tries: string[] = [];
    const shipped: string[] = [];
    const parcels = shippingParcels(Shipped, async (parcelId) => {
      tries.push(parcelId);
      if (down) throw new Unreachable('connect ECONNREFUSED');
      shipped.push(parcelId);
    });
    let waits = 0;
    const log = createLogger(group, 'warn', {
      write: (line: string) => {
        if ((JSON.parse(line) as { msg?: string }).msg === 'a dependency is unreachable; retrying until it is back') waits += 1;
      },
    });
    // Outage waits of 1 s, then 2 s: the stop lands in the second, long beside the 50 ms its wait is watched at.
    const options = { group, schema, maxAttempts: 1, initialBackoffMs: 1_000, maxBackoffMs: 60_000, sessionTimeoutMs: 6_000, isDependencyFailure: (error: unknown) => error instanceof Unreachable };
    const first = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, parcels, options, log);
    running.push(first);
    await bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: 'parcel-1', data: { parcelId: 'parcel-1' } }))]);
    await first.start();

    // When it is stopped while waiting to try again after a try of its own (the first try, made with its chunk, marks nothing), and the dependency is back for the next owner
    await eventually(() => expect(waits).toBeGreaterThanOrEqual(2), 60_000, 50);
    await first.stop();
    down = false;
    const next = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, parcels, options);
    running.push(next);
    await next.start();

    // Then the parcel is shipped, nothing was counted and nothing dead-lettered
    await eventually(() => expect(shipped).toEqual(['parcel-1']), 30_000, 100);
    expect(await bed.dataSource.query(`SELECT attempts FROM ${schema}.consumer_attempts`)).toEqual([]);
    expect((await bed.admin.fetchTopicOffsets(bed.kafka.names.topic(deadLetterTopic(group))))[0]?.high).toBe('0');
  }, 120_000);
});
