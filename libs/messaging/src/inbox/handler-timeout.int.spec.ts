import { eventually } from '@cs/testing';
import { type StuckHandlerBed, openStuckHandlerBed } from '../testing/stuck-handler-bed';

/**
 * A handler that awaits something that never answers (not a statement: those time out by
 * themselves) holds its partition only for the consumer's handler timeout: the transaction fails,
 * nothing of it is written, and the event is retried and dead-lettered as any failing one, so the
 * events after it are handled.
 */
let stuck: StuckHandlerBed;
const lateWrites: Promise<unknown>[] = [];

beforeAll(async () => {
  // Once let go on, a stuck handler writes: its transaction's connection was closed meanwhile.
  stuck = await openStuckHandlerBed('stuck', { batchSize: 10, handlerTimeoutMs: 1_000 }, async (tx, schema) => {
    const late = tx.query(`INSERT INTO ${schema}.shipped VALUES ('late')`);
    lateWrites.push(late.then(() => 'written', (error: unknown) => error));
    await late;
  });
});

afterAll(async () => {
  await stuck?.close();
});

describe('a handler that never finishes', () => {
  it('fails its transaction after the handler timeout, is dead-lettered after its attempts, and the partition moves on with nothing of it written', async () => {
    // Given a handler stuck on the first of two events
    await stuck.publishStuckThenShipped();

    // Then the event after it is handled, and the stuck one is dead-lettered
    await eventually(async () => expect(await stuck.shipped()).toEqual(['parcel-2']), 60_000, 200);
    await eventually(async () => expect(await stuck.deadLetters()).toBe('1'), 30_000, 200);

    // When the stuck handlers go on and write
    stuck.unstick();
    await eventually(() => expect(lateWrites.length).toBeGreaterThan(0), 10_000, 50);
    const outcomes = await Promise.all(lateWrites);

    // Then none of their writes lands: their transactions' connections were closed
    expect(outcomes.every((outcome) => outcome instanceof Error)).toBe(true);
    expect(await stuck.shipped()).toEqual(['parcel-2']);
  }, 120_000);
});
