import { afterAttempt } from './delivery-schedule';

const policy = { maxAttempts: 4, initialBackoffMs: 1_000, maxBackoffMs: 5_000 };
const now = new Date('2026-03-02T08:00:00Z');
const later = (ms: number) => ({ status: 'pending', nextAttemptAt: new Date(now.getTime() + ms) });

describe('retrying a webhook delivery', () => {
  it('given a 2xx answer, then the delivery is done', () => {
    expect(afterAttempt(1, true, policy, now)).toEqual({ status: 'delivered' });
  });

  it('given failures, then each retry waits twice as long as the one before, up to the cap', () => {
    expect([1, 2, 3].map((attempt) => afterAttempt(attempt, false, { ...policy, maxAttempts: 10 }, now))).toEqual([later(1_000), later(2_000), later(4_000)]);
    expect(afterAttempt(5, false, { ...policy, maxAttempts: 10 }, now)).toEqual(later(5_000));
  });

  it('given the last allowed attempt failed, then the delivery has failed', () => {
    expect(afterAttempt(3, false, policy, now)).toEqual(later(4_000));
    expect(afterAttempt(4, false, policy, now)).toEqual({ status: 'failed' });
  });
});
