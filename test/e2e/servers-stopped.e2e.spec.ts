/**
 * Stops the Kafka broker and restarts the Postgres server, which every suite shares (ADR 0182).
 * @jest-environment-options {"servers": "alone"}
 */
import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { kafkaFromEnv } from '@cs/messaging';
import { ServiceProcess, devToken, eventually, kafkaBroker, pipelineSettled, postgresServer, prepareDatabaseAndTopics, unpublishedOutboxRows } from '@cs/testing';
import { SHORTEST_CONSUMER_SESSION } from './support/consumer-session';
import { ApiWalk, IN_FLIGHT_SERVED, Sent } from './support/api-walk';
import { ContactLoad, expectEveryContactOnce } from './support/contact-load';
import { ServiceProbes } from './support/service-probes';
import { ANSWER_WITHIN_MS, ServicesBehindRelays, seedCalendarAndTicket } from './support/services-behind-relays';

/**
 * The outages of the servers themselves, not of the way to them: the Kafka broker stopped (every
 * operation of the API walked meanwhile, as the outage sweep walks it without Postgres or Redis)
 * and the Postgres server restarted, under the six services as real processes. Losing the way to
 * Postgres or Redis (a relay cut) is the resilience suite's and the outage sweep's, which run
 * beside others; these two stop what every suite on the machine uses, so this suite runs alone
 * and holds only what needs the servers to itself. The relays are not cut here.
 */
const PORTS = {
  services: { intake: 6101, tickets: 6102, callbacks: 6103, knowledge: 6104, reporting: 6105, notifications: 6106 },
  postgres: { intake: 6111, tickets: 6112, callbacks: 6113, knowledge: 6114, reporting: 6115, notifications: 6116 },
  redis: 6120,
};

const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-SS-${run}`;
const CALENDAR = `ss-${run}`;

let bed: ServicesBehindRelays;
let services: Record<ServiceName, ServiceProcess>;
let agent: string;
let boss: string;
let probes: ServiceProbes;
const seed = { customerId: '', ticketId: '' };
let walk: ApiWalk;
/** Loopback, but neither 127.0.0.1 nor the outage sweep's: the walk's questionnaire requests fill a bucket of their own. */
const WALK_FROM = '127.0.0.3';

async function expectEveryServiceServing(): Promise<void> {
  await bed.expectEveryServiceReady();
  await probes.expectEveryServed();
}

beforeAll(async () => {
  agent = await devToken({ roles: 'agent', sub: 'agent-ss', projects: [PROJECT] });
  boss = await devToken({ roles: ['admin', 'supervisor', 'quality'], sub: 'boss-ss', projects: [PROJECT] });
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  const environment = ApiWalk.environment();
  // A restarted broker holds each group for its members that crashed while it was away, one session long.
  bed = await ServicesBehindRelays.start(PORTS, { ...SHORTEST_CONSUMER_SESSION, ...environment });
  ({ services } = bed);
  Object.assign(seed, await seedCalendarAndTicket(services, agent, PROJECT, CALENDAR));
  // A project of its own: the walk erases, merges and closes what it seeded, which the contacts' checks must not see.
  walk = await ApiWalk.start(bed, { run, project: `E2E-SW-${run}`, secret: environment.QUESTIONNAIRE_LINK_SECRET, from: WALK_FROM });
  probes = new ServiceProbes(services, { run, project: PROJECT, calendar: CALENDAR, agent: () => agent, boss: () => boss, seed: () => seed });
  // The ticket is opened from the contact's event, and the calendar reaches callbacks through calendar.published.
  await eventually(expectEveryServiceServing, 60_000, 500);
});

afterAll(async () => {
  await bed?.stop();
});

describe('the Kafka broker stopped', () => {
  it('for 10 s: contacts are still accepted and every operation served in time, every service is degraded, not unready; the events are published once it is back, each contact one ticket or follow-up within 25 s', async () => {
    const load = new ContactLoad(services.intake.baseUrl, agent, PROJECT);
    let answers: Sent[];
    await kafkaBroker.stop();
    const stopped = Date.now();
    try {
      // Recording needs only Postgres: the outbox holds the events while the broker is away.
      for (let i = 0; i < 5; i += 1) await load.post();
      expect(load.statuses).toEqual([201, 201, 201, 201, 201]);
      // No request waits on Kafka: a write commits its events to the outbox. The token is the walk's project's alone.
      answers = await walk.sweep(walk.ofTheProject, IN_FLIGHT_SERVED);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - stopped))));
      expect(await unpublishedOutboxRows('intake')).toBeGreaterThanOrEqual(5);
      // Asked all at once: each answers only when its Kafka probe has given up (up to 1.5 s).
      const readiness = await Promise.all(
        SERVICE_NAMES.map(async (name) => {
          const ready = await bed.ready(name);
          return { name, status: ready.status, says: ready.body.status, kafkaUp: ready.body.checks.find((c) => c.name === 'kafka')?.up };
        }),
      );
      expect(readiness).toEqual(SERVICE_NAMES.map((name) => ({ name, status: 200, says: 'degraded', kafkaUp: false })));
    } finally {
      await kafkaBroker.start();
    }
    // Never a 5xx nor a hang; a 4xx is the walk's own doing (a role, a ticket its own writes closed), as with Kafka up.
    expect(answers.filter((sent) => sent.status === 0 || sent.status >= 500 || sent.ms >= ANSWER_WITHIN_MS)).toEqual([]);
    // Served: most of the walk answered below 400, keyed requests included (Redis is up).
    expect(answers.filter((sent) => sent.status < 400).length).toBeGreaterThan(answers.length / 2);
    expect(answers.filter((sent) => sent.keyed && sent.status < 300).length).toBeGreaterThan(0);
    // The restarted broker holds each group for the members that crashed while it was away, one
    // session long (CONSUMER_SESSION_TIMEOUT_MS, 6 s here, 10 s by default; with kafkajs's 30 s
    // this took over 30 s).
    await expectEveryContactOnce(PROJECT, load.accepted, 25_000);
    await bed.expectEveryServiceReady();
    // Every event the walk's writes committed meanwhile is published and taken in: all six outboxes empty, all six groups caught up.
    await pipelineSettled(kafkaFromEnv('e2e-servers-stopped'), SERVICE_NAMES);
    await walk.expectEveryReadServedOnceReady();
  });
});

describe('the Kafka broker frozen', () => {
  it('for 10 s, its connections open and nothing answered: contacts are still accepted and every operation served in time, every service says degraded within 2 s; once it goes on, the events flow again, each contact one ticket or follow-up', async () => {
    const load = new ContactLoad(services.intake.baseUrl, agent, PROJECT);
    let answers: Sent[];
    let readiness: { name: ServiceName; status: number; says: string; kafkaUp?: boolean; inTime: true | number }[];
    await walk.seedEverything();
    await kafkaBroker.freeze();
    const frozen = Date.now();
    try {
      for (let i = 0; i < 5; i += 1) await load.post();
      // Where a stopped broker refuses at once, a frozen one answers nothing: a request waiting on Kafka would hang here.
      answers = await walk.sweep(walk.ofTheProject, IN_FLIGHT_SERVED);
      readiness = await Promise.all(
        SERVICE_NAMES.map(async (name) => {
          const started = Date.now();
          const ready = await bed.ready(name);
          const ms = Date.now() - started;
          return { name, status: ready.status, says: ready.body.status, kafkaUp: ready.body.checks.find((c) => c.name === 'kafka')?.up, inTime: ms < ANSWER_WITHIN_MS || ms };
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - frozen))));
    } finally {
      await kafkaBroker.thaw();
    }
    expect(load.statuses).toEqual([201, 201, 201, 201, 201]);
    expect(load.slowest.get(201)).toBeLessThan(ANSWER_WITHIN_MS);
    expect(answers.filter((sent) => sent.status === 0 || sent.status >= 500 || sent.ms >= ANSWER_WITHIN_MS)).toEqual([]);
    expect(answers.filter((sent) => sent.status < 400).length).toBeGreaterThan(answers.length / 2);
    expect(readiness).toEqual(SERVICE_NAMES.map((name) => ({ name, status: 200, says: 'degraded', kafkaUp: false, inTime: true })));
    // At once where the group's coordinator stayed put; else once each consumer out of its group is replaced (ADR 0183: 72 s with 6 s sessions).
    await expectEveryContactOnce(PROJECT, load.accepted, 150_000);
    await bed.expectEveryServiceReady(60_000);
    await pipelineSettled(kafkaFromEnv('e2e-servers-stopped'), SERVICE_NAMES, 150_000);
    await walk.expectEveryReadServedOnceReady();
    // The test's own bounds, each named, end it before jest's does.
  }, 480_000);
});

describe('the Postgres server restarted', () => {
  it('under a stream of contacts, by the server itself (its sessions ended, then starting up): only 201 or 503, every 201 once, every service back by itself', async () => {
    const load = new ContactLoad(services.intake.baseUrl, agent, PROJECT);
    let stop = false;
    const posting = load.run(3, () => stop);
    try {
      await eventually(() => expect(load.accepted.length).toBeGreaterThanOrEqual(10), 30_000, 100);
      await postgresServer.restart();
      const acceptedAfter = load.accepted.length;
      await eventually(() => expect(load.accepted.length).toBeGreaterThanOrEqual(acceptedAfter + 10), 30_000, 100);
    } finally {
      stop = true;
      await posting;
    }
    // The restart was seen: some contacts were refused while the server was away.
    expect(load.distinctStatuses).toEqual([201, 503]);
    expect(load.slowest.get(503)).toBeLessThan(ANSWER_WITHIN_MS);
    await expectEveryContactOnce(PROJECT, load.accepted);
    await expectEveryServiceServing();
    await pipelineSettled(kafkaFromEnv('e2e-servers-stopped'), SERVICE_NAMES);
  });
});
