import { randomUUID } from 'node:crypto';
import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { TcpRelay, eventually } from '@cs/testing';
import { isDependencyFailure } from './problem/dependency-failure';

/**
 * Redis stopping to answer on an open connection, as a client meets it: reached through a TCP
 * relay that the test freezes (nothing passes on open connections, new ones are never answered)
 * and restores.
 */
const ANSWER_TIMEOUT_MS = 300;

let relay: TcpRelay;
let redis: RedisClient;
let unanswered = 0;

beforeAll(async () => {
  relay = await TcpRelay.to(process.env['REDIS_URL']!);
  redis = createRedisClient(relay.via(process.env['REDIS_URL']!), 'redis-answers-spec', {
    answerTimeoutMs: ANSWER_TIMEOUT_MS,
    onUnanswered: () => (unanswered += 1),
  });
  await redis.connect();
});

afterAll(async () => {
  destroyRedisClient(redis);
  await relay.close();
});

async function settled(command: Promise<unknown>): Promise<{ readonly ms: number; readonly error?: unknown }> {
  const started = Date.now();
  try {
    await command;
    return { ms: Date.now() - started };
  } catch (error: unknown) {
    return { ms: Date.now() - started, error };
  }
}

it('a command on a connection that stopped answering fails as a lost dependency, later ones at once, and the client recovers by itself', async () => {
  const key = `redis-answers:${randomUUID()}`;
  await redis.set(key, 'before');
  await relay.cut('freeze');
  try {
    // Written to a socket that takes it and answers nothing: only the watch's PING going unanswered ends the wait.
    const waiting = await settled(redis.get(key));
    expect(waiting.ms).toBeLessThan(2 * ANSWER_TIMEOUT_MS + 500);
    expect(isDependencyFailure(waiting.error)).toBe(true);
    expect(unanswered).toBe(1);
    const next = await settled(redis.get(key));
    expect(next.ms).toBeLessThan(100);
    expect(isDependencyFailure(next.error)).toBe(true);
  } finally {
    await relay.restore();
  }
  await eventually(async () => expect(await redis.get(key)).toBe('before'), 10_000, 100);
  expect(unanswered).toBe(1);
});
