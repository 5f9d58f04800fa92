import { settleWithin } from './settle-within';

describe('settleWithin', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is true when the promise settles before the time is up', async () => {
    const waiting = settleWithin(new Promise((resolve) => setTimeout(resolve, 50)), 1_000);
    await jest.advanceTimersByTimeAsync(50);
    await expect(waiting).resolves.toBe(true);
  });

  it('is false when the promise never settles, once the time is up', async () => {
    const waiting = settleWithin(new Promise(() => undefined), 1_000);
    await jest.advanceTimersByTimeAsync(999);
    let settled = false;
    void waiting.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(waiting).resolves.toBe(false);
  });

  it('passes a rejection on, so a failed disconnect is not mistaken for a slow one', async () => {
    await expect(settleWithin(Promise.reject(new Error('broker gone')), 1_000)).rejects.toThrow('broker gone');
  });

  it('leaves no timer behind', async () => {
    await settleWithin(Promise.resolve(), 1_000);
    expect(jest.getTimerCount()).toBe(0);
  });
});
