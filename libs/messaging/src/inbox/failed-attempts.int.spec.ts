import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testDataSource } from '@cs/testing';
import { consumerAttemptsDdl } from '../outbox/messaging-tables';
import { DEAD_LETTER_MARK_KEPT_S, FailedAttempts, type TakenMessage } from './failed-attempts';

/**
 * A dead letter's mark outlives the removal of its partition's earlier rows by a later message's
 * failure or handling, for as long as its offset may still be uncommitted (ADR 0154): a member
 * crashing within the commit interval leaves the message to be read again, and only its mark
 * keeps it from being tried a full set and dead-lettered twice.
 */
const schema = `failed_attempts_${randomUUID().slice(0, 8)}`;
let dataSource: DataSource;
let attempts: FailedAttempts;

beforeAll(async () => {
  dataSource = await testDataSource({ schema }).initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const sql of consumerAttemptsDdl(schema)) await dataSource.query(sql);
  attempts = new FailedAttempts(schema, 'tickets');
});

afterAll(async () => {
  await dataSource?.query(`DROP SCHEMA ${schema} CASCADE`);
  await dataSource?.destroy();
});

const at = (partition: number, offset: number): TakenMessage => ({ topic: 'contact.recorded.v1', partition, offset: String(offset), eventId: `evt-${partition}-${offset}` });

async function deadLetter(message: TakenMessage): Promise<void> {
  await attempts.failed(dataSource, message, 'cannot record');
  await attempts.deadLettered(dataSource, message);
}

describe('the group\'s failed tries of a partition', () => {
  it('given a message dead-lettered, when a later one of its partition fails, then the dead letter\'s mark is kept and the partition\'s rows read on assignment hold both', async () => {
    await deadLetter(at(0, 5));
    await attempts.failed(dataSource, at(0, 6), 'cannot record');

    const read = await attempts.fromOffset(dataSource, 'contact.recorded.v1', 0, '5');
    expect([...read]).toEqual([
      ['5', { eventId: 'evt-0-5', attempts: 1, lastError: 'cannot record', deadLettered: true }],
      ['6', { eventId: 'evt-0-6', attempts: 1, lastError: 'cannot record', deadLettered: false }],
    ]);
    expect((await attempts.fromOffset(dataSource, 'contact.recorded.v1', 0, '6')).has('5')).toBe(false);
  });

  it('given a message dead-lettered, when a later one is handled after failing, then the dead letter\'s mark is kept and the handled one\'s row removed', async () => {
    await deadLetter(at(1, 5));
    await attempts.failed(dataSource, at(1, 6), 'cannot record');
    await attempts.settled(dataSource, at(1, 6));

    expect((await attempts.before(dataSource, at(1, 5)))?.deadLettered).toBe(true);
    expect(await attempts.before(dataSource, at(1, 6))).toBeUndefined();
  });

  it('given a dead letter\'s mark older than it is kept, when a later message fails, then the mark is removed with the other earlier rows', async () => {
    await deadLetter(at(2, 5));
    await attempts.failed(dataSource, at(2, 6), 'cannot record');
    await dataSource.query(`UPDATE ${schema}.consumer_attempts SET failed_at = now() - make_interval(secs => $1) WHERE partition = 2`, [DEAD_LETTER_MARK_KEPT_S + 1]);

    await attempts.failed(dataSource, at(2, 7), 'cannot record');

    expect([...(await attempts.fromOffset(dataSource, 'contact.recorded.v1', 2, '0')).keys()]).toEqual(['7']);
  });

  it('given a message whose count reached the limit long after its last failure, when its dead letter is sent, then its mark is kept from then on', async () => {
    await attempts.failed(dataSource, at(3, 5), 'cannot record');
    await dataSource.query(`UPDATE ${schema}.consumer_attempts SET failed_at = now() - make_interval(secs => $1) WHERE partition = 3`, [DEAD_LETTER_MARK_KEPT_S + 1]);
    await attempts.deadLettered(dataSource, at(3, 5));

    await attempts.failed(dataSource, at(3, 6), 'cannot record');

    expect((await attempts.before(dataSource, at(3, 5)))?.deadLettered).toBe(true);
  });
});
