import { randomUUID } from 'node:crypto';
import { RedisClient, createRedisClient, destroyRedisClient, duplicateRedisClient } from '@cs/persistence';
import { TcpRelay, eventually } from '@cs/testing';
import { isDependencyFailure } from './problem/dependency-failure';

/**
 * Redis stopping to answer on an open connection, as a client meets it: reached through a TCP
 * relay that the test freezes (nothing passes on open connections, new ones are never answered)
 * and restores.
 */
const ANSWER_TIMEOUT_MS = 600;

const channel = `redis-answers:${randomUUID()}`;

let relay: TcpRelay;
let redis: RedisClient;
/** Its duplicate, subscribed to `channel`: a live feed's connection. */
let subscriber: RedisClient;
/** Not through the relay. */
let publisher: RedisClient;
let unanswered = 0;
const heard: string[] = [];

beforeAll(async () => {
  relay = await TcpRelay.to(process.env['REDIS_URL']!);
  redis = createRedisClient(relay.via(process.env['REDIS_URL']!), 'redis-answers-spec', {
    answerTimeoutMs: ANSWER_TIMEOUT_MS,
    onUnanswered: () => (unanswered += 1),
  });
  await redis.connect();
  subscriber = duplicateRedisClient(redis);
  await subscriber.connect();
  await subscriber.subscribe(channel, (message) => heard.push(message));
  publisher = createRedisClient(process.env['REDIS_URL']!, 'redis-answers-publisher');
  await publisher.connect();
});

afterAll(async () => {
  for (const client of [redis, subscriber, publisher]) if (client) destroyRedisClient(client);
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

it('a command on a connection that stopped answering fails as a lost dependency, later ones at once, and the client and its subscribed duplicate recover by themselves', async () => {
  const key = `redis-answers:${randomUUID()}`;
  await redis.set(key, 'before');
  await eventually(async () => {
    await publisher.publish(channel, 'before');
    expect(heard).toContain('before');
  }, 5_000, 100);
  await relay.cut('freeze');
  try {
    // Written to a socket that takes it and answers nothing: only the watch's PING going unanswered ends the wait.
    const waiting = await settled(redis.get(key));
    // One or two watch intervals; the bound is the 2 s within which a lost dependency must answer, and
    // half a second for a loaded machine's timers, as the idempotency and rate-limit suites allow it.
    expect(waiting.ms).toBeLessThan(2_500);
    expect(isDependencyFailure(waiting.error)).toBe(true);
    const next = await settled(redis.get(key));
    // Not waiting on a watch of its own (that would be at least one answer timeout).
    expect(next.ms).toBeLessThan(ANSWER_TIMEOUT_MS);
    expect(isDependencyFailure(next.error)).toBe(true);
    // The subscriber's PING goes unanswered too: each connection replaced once.
    await eventually(() => expect(unanswered).toBe(2), 5_000, 50);
  } finally {
    await relay.restore();
  }
  await eventually(async () => expect(await redis.get(key)).toBe('before'), 10_000, 100);
  // Subscribed again on its new connection.
  await eventually(async () => {
    await publisher.publish(channel, 'after');
    expect(heard).toContain('after');
  }, 10_000, 100);
  expect(unanswered).toBe(2);
});
