import { createLogger } from '@cs/observability';
import type { RedisClient } from '@cs/persistence';
import { RateLimiter } from './rate-limiter';

/** A Redis whose connection is gone: every command fails as node-redis fails it then. */
const lostRedis = {
  eval: () => Promise.reject(Object.assign(new Error('The client is closed'), { name: 'ClientClosedError' })),
} as unknown as RedisClient;

describe('RateLimiter while Redis is lost', () => {
  let limiter: RateLimiter;
  const at = (seconds: number) => jest.setSystemTime(new Date(Date.UTC(2026, 11, 5, 9, 0, 0) + seconds * 1000));
  const allowed = async () => (await limiter.consume('client:203.0.113.7', 3, 60)).allowed;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    limiter = new RateLimiter(lostRedis, { service: 'callbacks' }, createLogger('callbacks', 'silent'));
  });
  afterEach(() => {
    limiter.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('given a client refused in its own memory, then it stays refused until the window’s earliest request has left it, and is counted again after', async () => {
    at(0);
    expect(await allowed()).toBe(true);
    at(59);
    expect([await allowed(), await allowed(), await allowed()]).toEqual([true, true, false]);
    // The request at 0 s has left the window: one more fits, then the three of 59 s fill it again.
    at(60.5);
    expect([await allowed(), await allowed()]).toEqual([true, false]);
    at(100);
    expect(await allowed()).toBe(false);
    const refused = await limiter.consume('client:203.0.113.7', 3, 60);
    expect(refused.resetSeconds).toBe(19);
    at(119.5);
    expect([await allowed(), await allowed(), await allowed()]).toEqual([true, true, false]);
  });

  it('given a steady client, then no more than the limit gets through in any window', async () => {
    let through = 0;
    for (let second = 0; second < 300; second += 1) {
      at(second);
      if (await allowed()) through += 1;
    }
    // Five windows of 60 s, three a window.
    expect(through).toBe(15);
  });
});
