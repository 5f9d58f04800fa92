import { eventually } from '@cs/testing';
import { type StuckHandlerBed, openStuckHandlerBed } from '../testing/stuck-handler-bed';

/**
 * The handler timeout is longer than the group's session (60 s and 10 s unless set): a member
 * stays in its group while a transaction runs, so a stuck event's tries add up to the attempts
 * that dead-letter it instead of each ending with the member put out of its group.
 */
let stuck: StuckHandlerBed;

beforeAll(async () => {
  stuck = await openStuckHandlerBed('stuck-session', { batchSize: 1, sessionTimeoutMs: 6_000, handlerTimeoutMs: 9_000 });
});

afterAll(async () => {
  await stuck?.close();
});

describe('a handler stuck longer than the group session', () => {
  it('keeps the member in its group: the event is dead-lettered after its attempts and the partition moves on', async () => {
    // Given a handler stuck on the first of two events, for longer than the session each time
    await stuck.publishStuckThenShipped();

    // Then its two tries are the attempts that dead-letter it, and the event after it is handled
    await eventually(async () => expect(await stuck.deadLetters()).toBe('1'), 100_000, 500);
    await eventually(async () => expect(await stuck.shipped()).toEqual(['parcel-2']), 30_000, 200);
  }, 150_000);
});
