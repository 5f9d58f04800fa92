import type { DataSource } from 'typeorm';
import type { Queryable } from '@cs/persistence';
import { type ThrowawaySchema, buffersRead, recordingQueries, throwawaySchema } from '@cs/testing';
import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration } from '../outbox/messaging-migration';
import { DEAD_LETTER_MARK_KEPT_S, EXPIRED_MARKS_AT_ONCE, FailedAttempts, type TakenMessage } from './failed-attempts';

/**
 * A dead letter's mark outlives the removal of its partition's earlier rows by a later message's
 * failure or handling, for as long as its offset may still be uncommitted (ADR 0154): a member
 * crashing within the commit interval leaves the message to be read again, and only its mark
 * keeps it from being tried a full set and dead-lettered twice. The table is made by the
 * services' migrations.
 */
let db: ThrowawaySchema;
let schema: string;
let dataSource: DataSource;
let attempts: FailedAttempts;

beforeAll(async () => {
  db = await throwawaySchema('failed_attempts', [consumerAttemptsMigration(1766700000000), consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000)]);
  ({ schema, dataSource } = db);
  attempts = new FailedAttempts(schema, 'tickets');
});

afterAll(async () => {
  await db?.drop();
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

  it('given more marks expired at once than a statement removes (a member stopped past their time), when later messages fail, then the oldest go with each until none is left, and a recent mark stays', async () => {
    const expired = EXPIRED_MARKS_AT_ONCE * 2 + EXPIRED_MARKS_AT_ONCE / 2;
    await deadLetter(at(4, expired + 1));
    await dataSource.query(
      `INSERT INTO ${schema}.consumer_attempts (consumer, topic, partition, message_offset, event_id, attempts, last_error, dead_lettered, failed_at)
       SELECT 'tickets', 'contact.recorded.v1', 4, i, 'evt-4-' || i, 1, 'cannot record', true, now() - make_interval(secs => $2 + $1 - i) FROM generate_series(1, $1) i`,
      [expired, DEAD_LETTER_MARK_KEPT_S + 1],
    );
    const left: number[] = [];
    for (let i = 0; i < 3; i++) {
      await attempts.failed(dataSource, at(4, expired + 2), 'cannot record');
      left.push((await attempts.fromOffset(dataSource, 'contact.recorded.v1', 4, '0')).size);
    }

    expect(left).toEqual([expired - EXPIRED_MARKS_AT_ONCE + 2, expired - 2 * EXPIRED_MARKS_AT_ONCE + 2, 2]);
    expect([...(await attempts.fromOffset(dataSource, 'contact.recorded.v1', 4, '0')).keys()]).toEqual([String(expired + 1), String(expired + 2)]);
  });

  it('given a message whose count reached the limit long after its last failure, when its dead letter is sent, then its mark is kept from then on', async () => {
    await attempts.failed(dataSource, at(3, 5), 'cannot record');
    await dataSource.query(`UPDATE ${schema}.consumer_attempts SET failed_at = now() - make_interval(secs => $1) WHERE partition = 3`, [DEAD_LETTER_MARK_KEPT_S + 1]);
    await attempts.deadLettered(dataSource, at(3, 5));

    await attempts.failed(dataSource, at(3, 6), 'cannot record');

    expect((await attempts.before(dataSource, at(3, 5)))?.deadLettered).toBe(true);
  });
});

/**
 * A flood of poison messages leaves a partition ten minutes of dead letters' marks: tens of
 * thousands at the shortest back-offs or one attempt. What removes a partition's earlier rows,
 * and the read on assignment, reads the rows they may remove or return, not every mark kept.
 */
describe('a partition holding the marks of a flood of dead letters', () => {
  const MARKS = 20_000;
  const FEW = 60;

  beforeAll(async () => {
    await dataSource.query(
      `INSERT INTO ${schema}.consumer_attempts (consumer, topic, partition, message_offset, event_id, attempts, last_error, dead_lettered, failed_at)
       SELECT 'tickets', 'contact.recorded.v1', 9, i, 'evt-9-' || i, 1, 'cannot record', true, now() - make_interval(secs => ($1 - i) / 100.0) FROM generate_series(1, $1) i`,
      [MARKS],
    );
    await dataSource.query(`ANALYZE ${schema}.consumer_attempts`);
  });

  /** The buffers the one statement `call` runs reads, run again in a transaction rolled back, as a custom and as a generic plan. */
  async function buffersOf(call: (db: Queryable) => Promise<unknown>): Promise<{ custom: number | 'a few'; generic: number | 'a few' }> {
    const { db, statements } = recordingQueries(dataSource);
    await call(db);
    const [statement] = statements;
    if (!statement || statements.length > 1) throw new Error(`${statements.length} statements`);
    const few = (buffers: number): number | 'a few' => (buffers < FEW ? 'a few' : buffers);
    return { custom: few(await buffersRead(dataSource, statement)), generic: few(await buffersRead(dataSource, statement, { generic: true })) };
  }

  it(`given ${MARKS} kept marks, when a later message fails, then counting its try reads a few buffers, not the marks`, async () => {
    const buffers = await buffersOf((db) => attempts.failed(db, at(9, MARKS + 1), 'cannot record'));
    expect(buffers).toEqual({ custom: 'a few', generic: 'a few' });
  });

  it(`given ${MARKS} kept marks, when a later message is handled after failing, then removing its rows reads a few buffers, not the marks`, async () => {
    const buffers = await buffersOf((db) => attempts.settled(db, at(9, MARKS + 1)));
    expect(buffers).toEqual({ custom: 'a few', generic: 'a few' });
  });

  it(`given ${MARKS} kept marks, when the partition is assigned at its committed offset, then reading its counts reads a few buffers`, async () => {
    const buffers = await buffersOf((db) => attempts.fromOffset(db, 'contact.recorded.v1', 9, String(MARKS + 1)));
    expect(buffers).toEqual({ custom: 'a few', generic: 'a few' });
  });
});
