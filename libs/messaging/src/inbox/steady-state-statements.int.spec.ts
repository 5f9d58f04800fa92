import { eventually } from '@cs/testing';
import { newEvent, toKafkaRecord } from '../envelope';
import { type ConsumerTestbed, consumerSuiteNames, openConsumerTestbed } from '../testing/consumer-testbed';
import { parcelShippedOn, shippingParcels } from '../testing/parcel-shipped';
import { EventConsumer } from './event-consumer';

/**
 * What a partition's batches cost in statements when nothing fails: the group's tries are read and
 * its start kept once per assignment (ADR 0154, 0164), never per batch. Each batch is one
 * transaction: its start, the inbox row, the handler's statement and its commit.
 */
const names = consumerSuiteNames('steady');
const { schema, topic, group } = names;
const Shipped = parcelShippedOn(topic);
const BATCHES = 12;

let bed: ConsumerTestbed;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  bed = await openConsumerTestbed(names);
  await bed.dataSource.query(`CREATE TABLE ${schema}.shipped (parcel_id text)`);
});

afterAll(async () => {
  await consumer?.stop();
  await bed?.drop();
});

/** Every statement the data source sends from now on, by any of its query runners. */
function recordStatements(): string[] {
  const statements: string[] = [];
  const create = bed.dataSource.createQueryRunner.bind(bed.dataSource);
  jest.spyOn(bed.dataSource, 'createQueryRunner').mockImplementation((mode) => {
    const runner = create(mode);
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    const recorded = (sql: string, ...rest: unknown[]): Promise<unknown> => {
      statements.push(sql);
      return query(sql, ...rest);
    };
    runner.query = recorded as typeof runner.query;
    return runner;
  });
  return statements;
}

describe('a partition whose events are handled without a failure', () => {
  it('reads and keeps the group\'s tries once on assignment, and then nothing more per batch', async () => {
    // Given a consumer taking one event a batch, its statements recorded
    const statements = recordStatements();
    const shipped: string[] = [];
    const parcels = shippingParcels(Shipped, async (parcelId, { tx }) => {
      await tx.query(`INSERT INTO ${schema}.shipped VALUES ($1)`, [parcelId]);
      shipped.push(parcelId);
    });
    consumer = new EventConsumer(bed.kafka, bed.dataSource, bed.publisher, parcels, { group, schema, maxAttempts: 2, initialBackoffMs: 20, batchSize: 1 });
    await consumer.start();

    // When events come one at a time, each its own batch
    for (let i = 0; i < BATCHES; i++) {
      const parcelId = `parcel-${i}`;
      await bed.publisher.publish([toKafkaRecord(topic, newEvent(Shipped, { source: '/cs/test', subject: parcelId, data: { parcelId } }))]);
      await eventually(() => expect(shipped).toContain(parcelId), 30_000, 20);
    }

    // Then the group's tries and starts were touched only on assignment, and each batch sent its transaction alone
    const ofTries = statements.filter((sql) => /consumer_(attempts|starts)/.test(sql));
    expect(ofTries).toHaveLength(2);
    expect(statements.indexOf(ofTries[1]!)).toBeLessThan(statements.findIndex((sql) => /INSERT INTO \S+\.inbox/.test(sql)));
    await eventually(() => expect(statements.length - ofTries.length).toBe(BATCHES * 4), 10_000, 50);
  }, 120_000);
});
