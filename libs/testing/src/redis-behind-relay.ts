import { RedisClient, createRedisClient, destroyRedisClient } from '@cs/persistence';
import { RelayCut, TcpRelay } from './tcp-relay';

/** How long a test's client lets a PING go unanswered, as a service's does with REDIS_ANSWER_TIMEOUT_MS. */
export const RELAYED_REDIS_ANSWER_TIMEOUT_MS = 600;

/** The test's Redis reached through a relay the test cuts, by a client watched as a service's is. */
export interface RedisBehindRelay {
  readonly relay: TcpRelay;
  readonly client: RedisClient;
  close(): Promise<void>;
}

/** Connects `name`'s client to REDIS_URL through a new relay; `close` ends both. */
export async function redisBehindRelay(name: string): Promise<RedisBehindRelay> {
  const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const relay = await TcpRelay.to(url);
  const client = createRedisClient(relay.via(url), name, { answerTimeoutMs: RELAYED_REDIS_ANSWER_TIMEOUT_MS });
  await client.connect();
  return {
    relay,
    client,
    close: async () => {
      destroyRedisClient(client);
      await relay.close();
    },
  };
}

/** The ways a running service loses Redis, as `it.each` takes them: its name in a test's title, and the relay's cut. */
export const REDIS_LOSSES: ReadonlyArray<readonly [string, RelayCut]> = [
  ['stopped', 'refuse'],
  ['frozen, its connection open', 'freeze'],
];

/** What a suite's `redisBehindRelayFor` serves its tests, once its `beforeAll` has run. */
export interface RedisBehindRelayBed<T> {
  readonly relay: TcpRelay;
  /** What `start` built on the relayed client: an app, a use case. */
  readonly subject: T;
}

/**
 * Registers the suite's hooks: before all, `name`'s client behind a relay and `start`'s subject on
 * it; after all, the subject closed (when it can be), then the client and the relay.
 */
export function redisBehindRelayFor<T>(name: string, start: (client: RedisClient) => T | Promise<T>): RedisBehindRelayBed<T> {
  let lost: RedisBehindRelay | undefined;
  let subject: T | undefined;
  beforeAll(async () => {
    lost = await redisBehindRelay(name);
    subject = await start(lost.client);
  });
  afterAll(async () => {
    const closable = subject as { close?: () => Promise<unknown> } | undefined;
    if (typeof closable?.close === 'function') await closable.close();
    await lost?.close();
  });
  return {
    get relay() {
      if (!lost) throw new Error('the relay is set up in beforeAll');
      return lost.relay;
    },
    get subject() {
      if (subject === undefined) throw new Error('the subject is started in beforeAll');
      return subject;
    },
  };
}
