import { randomUUID } from 'node:crypto';
import { closeServiceRedis, openServiceRedis } from './redis-database';

describe('a suite’s Redis client, named by its service', () => {
  it('closing it removes every key the platform wrote under the service, of each family, and keeps every other service’s', async () => {
    // Given keys under the suite's service (idempotency records, rate-limit counters), under a
    // service whose name starts with it, and under another service
    const service = `int-service-redis-${randomUUID().slice(0, 8)}`;
    const others = [`idempotency:${service}-b:v2:k`, `ratelimit:other-${service}:bucket`, `intake:webhook:sms:${service}`];
    const writer = await openServiceRedis(`${service}-writer`);
    const suite = await openServiceRedis(service);
    try {
      const owned = [`idempotency:${service}:v2:a`, `idempotency:${service}:v2:b`, `ratelimit:${service}:x:1`];
      for (const key of [...owned, ...others]) await writer.set(key, '1');

      // When the suite closes its client
      await closeServiceRedis(suite, service);

      // Then the service's keys are gone, the others kept, and the client closed
      expect(await writer.exists(owned)).toBe(0);
      expect(await writer.exists(others)).toBe(others.length);
      expect(suite.isOpen).toBe(false);
    } finally {
      await writer.del(others);
      await writer.close();
    }
  });
});
