import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES } from '@cs/config';
import { RelayCut, openServiceRedis, prepareDatabaseAndTopics } from '@cs/testing';
import { ApiWalk, IN_FLIGHT_REFUSED, IN_FLIGHT_SERVED, Sent, WALK_FROM, actionable503 } from './support/api-walk';
import { ANSWER_WITHIN_MS, POSTGRES_LOSSES, ServicesBehindRelays } from './support/services-behind-relays';

/**
 * Every operation of every service's OpenAPI document, one request each (and one more with an
 * Idempotency-Key where it takes one: an ApiWalk), while each service's Postgres is lost (stopped,
 * its host silent, its host frozen), then while Redis is: the resilience suite's promise (a quick
 * 503 problem+json with Retry-After, never a 500 or a hang; Redis only degrades) held by the whole
 * API, not by one read and one write per service, and every read served again once the
 * dependency is back. Dependencies are lost through relays, never by stopping the servers, which
 * other suites share, so the suite runs beside others; the Kafka broker stopped is walked by the
 * servers-stopped suite.
 */
const PORTS = {
  services: { intake: 5901, tickets: 5902, callbacks: 5903, knowledge: 5904, reporting: 5905, notifications: 5906 },
  postgres: { intake: 5911, tickets: 5912, callbacks: 5913, knowledge: 5914, reporting: 5915, notifications: 5916 },
  redis: 5920,
};
const run = randomUUID().slice(0, 6);
let bed: ServicesBehindRelays;
let walk: ApiWalk;

beforeAll(async () => {
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  const environment = ApiWalk.environment();
  bed = await ServicesBehindRelays.start(PORTS, environment);
  walk = await ApiWalk.start(bed, { run, project: `E2E-OS-${run}`, secret: environment.QUESTIONNAIRE_LINK_SECRET });
});

afterAll(async () => {
  await bed?.stop();
});

/**
 * The answers other than a 503 that an operation may give while Postgres is away, each right
 * without a database, by `service METHOD /path` (and ` keyed`). Every other operation must answer
 * 503, a 4xx included: each one decided before the database is needed (a body, a role) comes after
 * the walk's valid requests reach their handlers. A new operation that answers anything else fails
 * the walk until it is named here, with why.
 */
const CALENDAR_IN_MEMORY = 'a business calendar the service holds in memory, read again at most seconds after a change (ADR 0018): 200 while the copy is fresh, 503 once it needs the database';
const WITHOUT_POSTGRES: Record<string, { readonly status: number; readonly why: string }> = {
  'notifications GET /v1/notifications/stream': {
    status: 200,
    why: 'a live stream: its headers go out before it reads anything, and one that cannot read what it missed then ends, so its client reconnects',
  },
  'tickets GET /v1/calendars/{id}': { status: 200, why: CALENDAR_IN_MEMORY },
  'tickets GET /v1/calendars/{id}/add': { status: 200, why: CALENDAR_IN_MEMORY },
};

describe('every operation of every service while its Postgres is lost', () => {
  it.each(POSTGRES_LOSSES)('%s: a 503 problem+json DEPENDENCY.UNAVAILABLE with Retry-After from every operation but those answering without a database, every answer within 2 s; back, every read is served', async (_, mode) => {
    await bed.cutPostgres(mode);
    let answers: Sent[];
    try {
      // The token serves every project: with Postgres away nothing it asks can be written, and a shared setting's handler is reached too.
      answers = await walk.sweep(walk.everyone, IN_FLIGHT_REFUSED);
      expect(await bed.readinessOfEvery()).toEqual(SERVICE_NAMES.map((service) => [service, 503, 'unavailable']));
    } finally {
      await bed.restorePostgres();
    }
    const offenders = answers.filter(
      (sent) => sent.status === 0 || sent.ms >= ANSWER_WITHIN_MS || !(actionable503(sent, 'DEPENDENCY.UNAVAILABLE') || WITHOUT_POSTGRES[sent.operation]?.status === sent.status),
    );
    expect(offenders).toEqual([]);
    await walk.expectEveryReadServedOnceReady();
  });

  it('counted the walk\'s questionnaire requests by their own address, under the platform\'s namespace', async () => {
    const redis = await openServiceRedis(`sweep-${run}`);
    try {
      const under = async (pattern: string) => {
        const found: string[] = [];
        for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: 1_000 })) found.push(...keys);
        return found;
      };
      const namespace = process.env['KAFKA_TOPIC_PREFIX']!;
      // The bucket's 60 s window opened at its first request, sweeps ago, and its key goes when it
      // ends, which may fall just before the scan: one more request from WALK_FROM just before it,
      // and once more if a window ended in between (two cannot end within a minute).
      const counted = async () => {
        await walk.askForQuestionnaire();
        return under(`${namespace}:ratelimit:callbacks:60:questionnaire*${WALK_FROM}`);
      };
      let keys = await counted();
      if (keys.length === 0) keys = await counted();
      expect(keys).toHaveLength(1);
      expect(await under(`ratelimit:callbacks:*${WALK_FROM}`)).toEqual([]);
    } finally {
      await redis.close();
    }
  });
});

/**
 * What needs Redis, by docs/operations.md and ADR 0038: a presence heartbeat or leaving (a write
 * to Redis alone), and any request with an Idempotency-Key (fail closed: the key cannot be
 * checked). Everything else is served, degraded at most.
 */
const NEEDS_REDIS = new Set(['tickets PUT /v1/tickets/{id}/presence', 'tickets DELETE /v1/tickets/{id}/presence']);

describe('every operation of every service while Redis is lost', () => {
  it.each<[string, RelayCut]>([
    ['stopped', 'refuse'],
    ['its host silent', 'blackhole'],
    ['frozen, connections open', 'freeze'],
  ])('%s: served, but a keyed request or a presence refused with a 503 problem+json, every answer within 2 s; back, every read is served', async (_, mode) => {
    await walk.seedEverything();
    await bed.redis.cut(mode);
    let answers: Sent[];
    try {
      // With Postgres up the walk's writes are applied: a token of the suite's project alone keeps
      // them to what the suite made (a shared setting is refused it, 403), never what other suites read.
      answers = await walk.sweep(walk.ofTheProject, IN_FLIGHT_SERVED);
      expect(await bed.readinessOfEvery()).toEqual(SERVICE_NAMES.map((service) => [service, 200, 'degraded']));
    } finally {
      await bed.redis.restore();
    }
    // Fail closed: a keyed request whose key cannot be checked, or a presence Redis alone holds, is
    // never answered 2xx; a 4xx decided before either is needed (a role, a body, a ticket no longer
    // open after the walk's own close) is right with or without Redis.
    const refusedWithoutRedis = (sent: Sent) => sent.keyed || NEEDS_REDIS.has(sent.operation);
    const offenders = answers.filter(
      (sent) =>
        sent.status === 0 ||
        sent.ms >= ANSWER_WITHIN_MS ||
        (refusedWithoutRedis(sent) && sent.status < 300) ||
        (sent.status >= 500 && !(refusedWithoutRedis(sent) && actionable503(sent, sent.keyed ? 'IDEMPOTENCY.UNAVAILABLE' : 'DEPENDENCY.UNAVAILABLE'))),
    );
    expect(offenders).toEqual([]);
    // Served: most of the walk, every keyed request excepted, answered below 400.
    expect(answers.filter((sent) => !sent.keyed && sent.status > 0 && sent.status < 400).length).toBeGreaterThan(answers.filter((sent) => !sent.keyed).length / 2);
    await walk.expectEveryReadServedOnceReady();
  });
});
