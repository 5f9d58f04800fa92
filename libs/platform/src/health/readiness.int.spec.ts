import { loadServiceConfig } from '@cs/config';
import { createRedisClient } from '@cs/persistence';
import { RelayCut, TcpRelay, adminUrl } from '@cs/testing';
import { ReadinessProbe } from './readiness';

/**
 * Readiness answers within 2 s whatever a dependency does, as every request's answer while one is
 * lost: Kafka and Redis reached through relays the test cuts, Postgres directly.
 */
const ANSWER_WITHIN_MS = 2_000;
let kafkaRelay: TcpRelay;
let redisRelay: TcpRelay;

beforeAll(async () => {
  kafkaRelay = await TcpRelay.to(`kafka://${process.env['KAFKA_BROKERS']!.split(',')[0]}`);
  redisRelay = await TcpRelay.to(process.env['REDIS_URL']!);
});

afterAll(async () => {
  await kafkaRelay.close();
  await redisRelay.close();
});

/** A probe of a service whose Kafka and Redis are the relays'; its clients closed by `close`. */
async function probe(): Promise<{ readiness: ReadinessProbe; close(): Promise<void> }> {
  const config = loadServiceConfig('intake', { DATABASE_URL: adminUrl(), KAFKA_BROKERS: `127.0.0.1:${kafkaRelay.port}`, KAFKA_CLIENT_ID: 'readiness-test' });
  // Its answers unwatched: the check's bound is what ends the wait.
  const redis = createRedisClient(redisRelay.via(process.env['REDIS_URL']!), 'readiness-test');
  await redis.connect();
  const readiness = new ReadinessProbe(config, redis);
  return {
    readiness,
    close: async () => {
      await readiness.onApplicationShutdown();
      await redis.disconnect();
    },
  };
}

describe('readiness while a dependency answers nothing', () => {
  it.each<[string, 'kafka' | 'redis', RelayCut]>([
    ['Kafka’s host silent before the first check', 'kafka', 'blackhole'],
    ['Redis frozen, its connection open', 'redis', 'freeze'],
  ])('%s: answered within 2 s, the dependency down for want of an answer, the others up', async (_, dependency, mode) => {
    const { readiness, close } = await probe();
    const relay = dependency === 'kafka' ? kafkaRelay : redisRelay;
    await relay.cut(mode);
    try {
      const started = Date.now();
      const checks = await readiness.check();
      const ms = Date.now() - started;
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
      expect(checks.map((c) => [c.name, c.up])).toEqual([
        ['postgres', true],
        ['redis', dependency !== 'redis'],
        ['kafka', dependency !== 'kafka'],
      ]);
      expect(checks.find((c) => c.name === dependency)?.detail).toBe('no answer within 1500 ms');
    } finally {
      await relay.restore();
      await close();
    }
  });

  it('against a silent broker, one connection at a time: a check while one is in flight waits for it', async () => {
    const { readiness, close } = await probe();
    await kafkaRelay.cut('blackhole');
    const before = kafkaRelay.accepted;
    try {
      // Four probe periods' checks, each answered at its bound while the first connection waits for its answer.
      for (let i = 0; i < 4; i++) {
        const kafka = (await readiness.check()).find((c) => c.name === 'kafka');
        expect([kafka?.up, kafka?.detail]).toEqual([false, 'no answer within 1500 ms']);
      }
      expect(kafkaRelay.accepted - before).toBe(1);
    } finally {
      await kafkaRelay.restore();
      await close();
    }
  }, 30_000);

  it('a broker refusing connections is tried once per check, and seen back at the next check', async () => {
    const { readiness, close } = await probe();
    const kafkaCheck = async () => {
      const started = Date.now();
      const kafka = (await readiness.check()).find((c) => c.name === 'kafka');
      return { up: kafka?.up, ms: Date.now() - started, detail: kafka?.detail };
    };
    await kafkaRelay.cut('refuse');
    try {
      const refused = await kafkaCheck();
      expect(refused.up).toBe(false);
      expect(refused.ms).toBeLessThan(ANSWER_WITHIN_MS);
      // Refused at once, not retried until the check's bound.
      expect(refused.detail).not.toBe('no answer within 1500 ms');
    } finally {
      await kafkaRelay.restore();
    }
    try {
      expect(await kafkaCheck()).toEqual(expect.objectContaining({ up: true }));
    } finally {
      await close();
    }
  }, 30_000);
});
