import { loadServiceConfig } from '@cs/config';
import { createRedisClient } from '@cs/persistence';
import { RelayCut, TcpRelay, adminUrl, eventually } from '@cs/testing';
import { type DependencyStatus, ReadinessProbe } from './readiness';

/**
 * Readiness answers within 2 s whatever a dependency does, as every request's answer while one is
 * lost: Kafka and Redis reached through relays the test cuts, Postgres directly. Half a second over
 * it for a loaded machine's timers, as the idempotency and rate-limit suites allow the same promise:
 * a check left unbounded waits 30 s or for ever, and the detail names the check's own 1.5 s.
 */
const ANSWER_WITHIN_MS = 2_500;
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

/**
 * Checks until one finds each of `up` up: a new probe's first check opens its Postgres connection and
 * its Kafka client, each within 1 s, which a loaded machine can miss, and the check a test times is
 * to be about the dependency it cuts, not about those.
 */
async function warmed(readiness: ReadinessProbe, up: readonly DependencyStatus['name'][]): Promise<void> {
  await eventually(
    async () => {
      const checks = await readiness.check();
      expect(up.filter((name) => !checks.find((c) => c.name === name)?.up)).toEqual([]);
    },
    10_000,
    100,
  );
}

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
    try {
      if (dependency === 'kafka') {
        // Its client kept cold, as the case says: refused meanwhile, a check leaves no client behind.
        await kafkaRelay.cut('refuse');
        await warmed(readiness, ['postgres', 'redis']);
        await kafkaRelay.restore();
      } else {
        await warmed(readiness, ['postgres', 'redis', 'kafka']);
      }
      await relay.cut(mode);
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
      for (const cut of [kafkaRelay, redisRelay]) if (cut.isCut) await cut.restore();
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
