import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { deadLetterTopic } from '@cs/contracts';
import { kafkaFromEnv } from '@cs/messaging';
import { scrapeMetric } from '@cs/observability';
import { ServiceProcess, RelayCut, TcpRelay, adminQuery, callJson, devToken, eventually, pipelineSettled, prepareDatabaseAndTopics } from '@cs/testing';
import { ContactLoad, expectEveryContactOnce, expectReadModelsCountEachTicketOnce } from './support/contact-load';
import { ANSWER_WITHIN_MS, POSTGRES_LOSSES, ServicesBehindRelays, contactBody as contactOf, seedCalendarAndTicket } from './support/services-behind-relays';
import { ServiceProbes } from './support/service-probes';

/**
 * The six services as real processes, each reaching Postgres through a TCP relay the test cuts
 * (open connections reset, new ones refused or left unanswered; or every connection left
 * unanswered, the open ones too) and restores, and all six
 * reaching Redis through another: a lost Postgres is a quick 503 with Retry-After on every
 * service and readiness goes unready, never a 500 or a hang; nothing accepted is lost; every
 * service recovers by itself; a lost Redis, stopped or frozen, only degrades every service. The servers'
 * own outages, Kafka stopped and Postgres restarted, are the servers-stopped suite's: they stop
 * what every suite shares, so that suite runs alone (ADR 0182) and this one beside others.
 */
const PORTS = {
  services: { intake: 5601, tickets: 5602, callbacks: 5603, knowledge: 5604, reporting: 5605, notifications: 5606 },
  postgres: { intake: 5611, tickets: 5612, callbacks: 5613, knowledge: 5614, reporting: 5615, notifications: 5616 },
  redis: 5620,
};
/** How long Postgres stays away under the stream of contacts. */
const OUTAGE_MS = 6_000;

const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-RS-${run}`;
const CALENDAR = `rs-${run}`;

let bed: ServicesBehindRelays;
let redis: TcpRelay;
let services: Record<ServiceName, ServiceProcess>;
let agent: string;
/** Admin, supervisor and quality of the project: allowed every probe below but recording contacts. */
let boss: string;
const seed = { contactId: '', customerId: '', ticketId: '' };

let probes: ServiceProbes;
const contactBody = () => contactOf(PROJECT);

async function expectEveryServiceServing(): Promise<void> {
  await bed.expectEveryServiceReady();
  await probes.expectEveryServed();
}

/** Every probe and readiness of every service at once, each answered 503 problem+json with Retry-After in time. */
async function expectEveryServiceRefusingQuickly(): Promise<void> {
  const answers = await Promise.all(
    SERVICE_NAMES.flatMap((service) => [
      ...probes.calls[service].map(async (call) => {
        const response = await probes.send(service, call);
        return {
          service,
          call: `${call.method} ${call.route}`,
          status: response.status,
          type: response.headers.get('content-type')?.split(';')[0],
          retryAfter: response.headers.get('retry-after'),
          code: response.body.code,
          inTime: response.ms < ANSWER_WITHIN_MS || response.ms,
        };
      }),
      (async () => {
        const started = Date.now();
        const response = await bed.ready(service);
        const ms = Date.now() - started;
        return { service, call: 'ready', status: response.status, type: response.body.status, inTime: ms < ANSWER_WITHIN_MS || ms };
      })(),
    ]),
  );
  const expected = SERVICE_NAMES.flatMap((service) => [
    ...probes.calls[service].map((call) => ({
      service,
      call: `${call.method} ${call.route}`,
      status: 503,
      type: 'application/problem+json',
      retryAfter: '5',
      code: 'DEPENDENCY.UNAVAILABLE',
      inTime: true,
    })),
    { service, call: 'ready', status: 503, type: 'unavailable', inTime: true },
  ]);
  expect(answers).toEqual(expected);
}

/** Messages ever dead-lettered by a service's consumer group. */
async function deadLetters(group: ServiceName): Promise<number> {
  const kafka = kafkaFromEnv('e2e-resilience');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(kafka.names.topic(deadLetterTopic(group)));
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * The loops that poll Postgres every second or more often (ADR 0040), by the label of their
 * rounds on `/metrics`; the ones polling every minute or five (overdue reviews, birthdays,
 * periodic reports) may not poll within an outage this short.
 */
const FREQUENT_LOOPS: Record<ServiceName, readonly string[]> = {
  intake: [],
  tickets: ['firing_sla_timers', 'firing_incident_sla_timers', 'firing_opinion_deadlines', 'firing_incident_resolutions', 'opening_scheduled_tickets', 'publishing_business_calendars', 'recomputing_deadlines'],
  callbacks: ['firing_callback_deadlines', 'running_callback_plans', 'recomputing_callback_due_times'],
  knowledge: ['folding_the_demand_per_catalogue_item'],
  reporting: ['maintaining_the_reporting_rollups'],
  notifications: ['webhook_delivery', 'live_feed_relay'],
};

type LoopRounds = Map<string, { ok: number; failed: number }>;

/** Every background loop's rounds so far, as `service loop` → count by outcome, read from each service's `/metrics`. */
async function loopRounds(): Promise<LoopRounds> {
  const rounds: LoopRounds = new Map();
  for (const service of SERVICE_NAMES) {
    for (const { labels, value } of await scrapeMetric(services[service].baseUrl, 'background_loop_rounds_total')) {
      const { loop, outcome } = labels;
      if (!loop || (outcome !== 'ok' && outcome !== 'failed')) continue;
      const counts = rounds.get(`${service} ${loop}`) ?? { ok: 0, failed: 0 };
      counts[outcome] = value;
      rounds.set(`${service} ${loop}`, counts);
    }
  }
  return rounds;
}

const everyFrequentLoop = SERVICE_NAMES.flatMap((service) => FREQUENT_LOOPS[service].map((loop) => `${service} ${loop}`));
/** The frequent loops whose count of `outcome` rounds has not moved past `since`. */
const notMoved = (now: LoopRounds, since: LoopRounds, outcome: 'ok' | 'failed') =>
  everyFrequentLoop.filter((key) => (now.get(key)?.[outcome] ?? 0) <= (since.get(key)?.[outcome] ?? 0));

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: 'agent-rs', projects: [PROJECT] });
  boss = await devToken({ roles: ['admin', 'supervisor', 'quality'], sub: 'boss-rs', projects: [PROJECT] });
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  bed = await ServicesBehindRelays.start(PORTS);
  ({ redis, services } = bed);
  Object.assign(seed, await seedCalendarAndTicket(services, agent, PROJECT, CALENDAR));
  probes = new ServiceProbes(services, { run, project: PROJECT, calendar: CALENDAR, agent: () => agent, boss: () => boss, seed: () => seed });
  // The ticket is opened from the contact's event, and the calendar reaches callbacks through calendar.published.
  await eventually(expectEveryServiceServing, 60_000, 500);
});

afterAll(async () => {
  await bed?.stop();
});

describe('Postgres lost', () => {
  it.each(POSTGRES_LOSSES)('%s: every service answers a read and a write 503 problem+json with Retry-After within 2 s and is unready; back, each recovers by itself', async (_, mode) => {
    await bed.cutPostgres(mode);
    try {
      await expectEveryServiceRefusingQuickly();
    } finally {
      await bed.restorePostgres();
    }
    await expectEveryServiceServing();
  });

  it('under a stream of contacts: only 201 or 503, never a 500 or a hang, and every 201 becomes exactly one ticket or follow-up', async () => {
    const load = new ContactLoad(services.intake.baseUrl, agent, PROJECT);
    let stop = false;
    const posting = load.run(3, () => stop);
    try {
      await eventually(() => expect(load.accepted.length).toBeGreaterThanOrEqual(10), 30_000, 100);
      await bed.cutPostgres('refuse');
      await eventually(() => expect(load.statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(10), 30_000, 100);
      // Longer than a consumer's attempts at an event take (about 3 s): outlasting them must not dead-letter it.
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    } finally {
      await bed.restorePostgres();
    }
    const acceptedBefore = load.accepted.length;
    await eventually(() => expect(load.accepted.length).toBeGreaterThanOrEqual(acceptedBefore + 10), 30_000, 100);
    stop = true;
    await posting;

    expect(load.distinctStatuses).toEqual([201, 503]);
    expect(load.slowest.get(503)).toBeLessThan(ANSWER_WITHIN_MS);
    expect(load.accepted.some((c) => c.route === 'follow_up')).toBe(true);
    await expectEveryContactOnce(PROJECT, load.accepted);
    await expectReadModelsCountEachTicketOnce(services.reporting.baseUrl, boss, PROJECT);
    await expectEveryServiceServing();
    // Every relay and every consumer came back by itself: all six outboxes published, all six groups caught up.
    await pipelineSettled(kafkaFromEnv('e2e-resilience'), SERVICE_NAMES);
  });
});

describe('Postgres lost to the background loops', () => {
  it('every loop polling the database fails while it is away and resumes by itself once it is back, and an SLA timer that fell due meanwhile fires once', async () => {
    const contact = await callJson<{ id: string }>(`${services.intake.baseUrl}/v1/contacts`, { token: agent, body: contactBody() });
    expect(contact.status).toBe(201);
    const timer = await eventually(async () => {
      const [planned] = await adminQuery<{ id: string; ticket_id: string; threshold: number }>(
        `SELECT t.id::text, t.ticket_id::text, t.threshold FROM tickets.sla_timers t JOIN intake.contacts c ON c.ticket_id = t.ticket_id
          WHERE c.id = $1 AND t.kind = 'warning' AND t.fired_at IS NULL ORDER BY t.fire_at LIMIT 1`,
        [contact.body.id],
      );
      expect(planned).toBeDefined();
      return planned!;
    }, 30_000);
    const warnings = async () =>
      (await adminQuery<{ n: number }>(`SELECT count(*)::int AS n FROM tickets.outbox WHERE event_type = 'sla.warning.v1' AND message_key = $1`, [timer.ticket_id]))[0]!.n;
    expect(await warnings()).toBe(0);

    const beforeOutage = await loopRounds();
    await bed.cutPostgres('refuse');
    try {
      // Due while the service cannot reach it: the admin's own connection does not go through the relays.
      await adminQuery('UPDATE tickets.sla_timers SET fire_at = now() WHERE id = $1', [timer.id]);
      await eventually(async () => expect(notMoved(await loopRounds(), beforeOutage, 'failed')).toEqual([]), 15_000, 200);
    } finally {
      await bed.restorePostgres();
    }
    const restored = await loopRounds();

    const resumed = await eventually(async () => {
      const now = await loopRounds();
      expect(notMoved(now, restored, 'ok')).toEqual([]);
      return now;
    }, 30_000, 200);
    // Back for good: no loop fails again over a few of its rounds.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const afterwards = await loopRounds();
    expect(everyFrequentLoop.filter((key) => afterwards.get(key)?.failed !== resumed.get(key)?.failed)).toEqual([]);
    await eventually(async () => {
      const [fired] = await adminQuery<{ fired: boolean }>('SELECT fired_at IS NOT NULL AS fired FROM tickets.sla_timers WHERE id = $1', [timer.id]);
      expect(fired?.fired).toBe(true);
    }, 30_000);
    expect(await warnings()).toBe(1);
  });
});

describe('Postgres lost to one service', () => {
  it('tickets alone, while intake keeps accepting: the contacts wait in Kafka, none is dead-lettered, each becomes one ticket or follow-up once it is back', async () => {
    const deadLettersBefore = await deadLetters('tickets');
    const load = new ContactLoad(services.intake.baseUrl, agent, PROJECT);
    await bed.cutPostgres('refuse', ['tickets']);
    try {
      for (let i = 0; i < 20; i += 1) await load.post();
      expect(load.distinctStatuses).toEqual([201]);
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      // Eventually: each check of a readiness has its own bound (Postgres 1 s, Redis and Kafka 1.5 s) and
      // no retry, so one slow answer on a loaded machine says unavailable or degraded for that call alone.
      await eventually(async () => expect([(await bed.ready('tickets')).body.status, (await bed.ready('intake')).body.status]).toEqual(['unavailable', 'ready']), 10_000, 200);
    } finally {
      await bed.restorePostgres();
    }
    await expectEveryContactOnce(PROJECT, load.accepted);
    expect(await deadLetters('tickets')).toBe(deadLettersBefore);
  });
});

describe('Redis lost', () => {
  it.each<[string, RelayCut]>([
    ['stopped', 'refuse'],
    ['frozen, connections open', 'freeze'],
  ])('%s: every service says degraded, not unready, and serves its read and write in time; intake still accepts contacts; a request with an Idempotency-Key is 503; back, each is ready again', async (_, mode) => {
    await redis.cut(mode);
    try {
      for (const service of SERVICE_NAMES) {
        const degraded = await bed.ready(service);
        expect({ service, status: degraded.status, says: degraded.body.status, redisUp: degraded.body.checks.find((c) => c.name === 'redis')?.up }).toEqual({
          service,
          status: 200,
          says: 'degraded',
          redisUp: false,
        });
        await probes.expectServed(service, true);
      }
      const load = new ContactLoad(services.intake.baseUrl, agent, PROJECT);
      for (let i = 0; i < 5; i += 1) await load.post();
      expect(load.statuses).toEqual([201, 201, 201, 201, 201]);
      expect(load.slowest.get(201)).toBeLessThan(ANSWER_WITHIN_MS);
      const keyed = await callJson<{ code: string }>(`${services.intake.baseUrl}/v1/contacts`, { token: agent, body: contactBody(), headers: { 'idempotency-key': randomUUID() }, timeoutMs: 10_000 });
      expect([keyed.status, keyed.headers.get('retry-after'), keyed.body.code]).toEqual([503, '5', 'IDEMPOTENCY.UNAVAILABLE']);
      await expectEveryContactOnce(PROJECT, load.accepted);
    } finally {
      await redis.restore();
    }
    await bed.expectEveryServiceReady();
  });
});
