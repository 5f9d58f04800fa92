import { randomUUID } from 'node:crypto';
import { createLogger } from '@cs/observability';
import { RedisClient, destroyRedisClient } from '@cs/persistence';
import { redactPersonalData } from '@cs/privacy';
import { RelayCut, TcpRelay, eventually } from '@cs/testing';
import { isDependencyFailure } from './problem/dependency-failure';
import { serviceRedisClient } from './service-redis';

/**
 * The service's own Redis client losing Redis (stopped, or frozen with its connection open) and
 * getting it back, as a service meets it: through a relay the test cuts, with a password in its
 * URL, which no line it logs and no error it fails with may show.
 */
const PASSWORD = `pw-${randomUUID()}`;
const ANSWER_TIMEOUT_MS = 600;

let relay: TcpRelay;
let redis: RedisClient;
const lines: string[] = [];

beforeAll(async () => {
  relay = await TcpRelay.to(process.env['REDIS_URL']!);
  // The shared Redis has no password of its own: its default user takes any, as a protected one takes the right one.
  const url = new URL(relay.via(process.env['REDIS_URL']!));
  url.username = 'default';
  url.password = PASSWORD;
  const logger = createLogger('redis-spec', 'info', { write: (line: string) => void lines.push(line) }, { redactText: redactPersonalData });
  redis = serviceRedisClient({ service: 'tickets', redis: { url: url.toString(), answerTimeoutMs: ANSWER_TIMEOUT_MS } }, logger);
  await eventually(async () => expect(await redis.ping()).toBe('PONG'), 10_000, 100);
});

afterAll(async () => {
  if (redis) destroyRedisClient(redis);
  await relay?.close();
});

const logged = (message: string) => lines.filter((line) => line.includes(message)).length;

it.each<[string, RelayCut, string]>([
  ['stopped', 'refuse', 'redis not reachable; retrying in the background'],
  ['frozen, its connection open', 'freeze', 'redis stopped answering; replacing the connection'],
])('given Redis %s, then commands fail as a lost dependency, the outage is logged once without the URL’s password, and once Redis is back the client answers again by itself within a few seconds', async (_, mode, outage) => {
  const [outagesBefore, backBefore] = [logged(outage), logged('redis reachable again')];
  await relay.cut(mode);
  const failures: unknown[] = [];
  try {
    await eventually(async () => {
      failures.push(await redis.ping().then(() => undefined, (error: unknown) => error));
      expect(logged(outage)).toBe(outagesBefore + 1);
    }, 10_000, 100);
    // Retrying in the background, without a line per attempt.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(logged(outage)).toBe(outagesBefore + 1);
  } finally {
    await relay.restore();
  }
  const restored = Date.now();
  await eventually(async () => expect(await redis.ping()).toBe('PONG'), 15_000, 50);
  // Reconnection attempts are at most 2 s apart, plus a frozen connection's replacement; not a latency target.
  expect(Date.now() - restored).toBeLessThan(8_000);
  await eventually(() => expect(logged('redis reachable again')).toBe(backBefore + 1), 5_000, 50);

  const errors = failures.filter((failure) => failure !== undefined);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((error) => isDependencyFailure(error))).toBe(true);
  const shown = [...lines, ...errors.map((error) => `${String(error)} ${JSON.stringify(error)}`)].join('\n');
  expect(shown).not.toContain(PASSWORD);
});
