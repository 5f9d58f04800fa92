import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { JsonResponse, RelayCut, ServiceProcess, TcpRelay, adminQuery, adminUrl, callJson, devToken, eventually, newMobile, serviceDatabaseUrl, serviceProcesses } from '@cs/testing';

/** What a client is promised while a dependency is away: an answer it can act on within this. */
export const ANSWER_WITHIN_MS = 2_000;
/** A statement unanswered this long fails: under ANSWER_WITHIN_MS with the answer's own time, and far above any statement of the tests'. */
export const QUERY_TIMEOUT_MS = 1_200;
/** A Redis connection stops answering: found within twice this, well inside ANSWER_WITHIN_MS. */
export const REDIS_ANSWER_TIMEOUT_MS = 400;

/** The ports of a suite's services and of their relays: each suite its own, as two suites may run at once. */
export interface RelayedPorts {
  readonly services: Record<ServiceName, number>;
  /** One relay per service, so Postgres can be lost to all of them or to one alone. */
  readonly postgres: Record<ServiceName, number>;
  /** One relay for all six. */
  readonly redis: number;
}

/**
 * The ways the services lose Postgres, as `it.each` takes them: stopped (refused at once); its
 * host silent (new connections accepted and never answered: DATABASE_CONNECT_TIMEOUT_MS ends the
 * wait); its host frozen (the pools' open connections stop answering too: DATABASE_QUERY_TIMEOUT_MS ends it).
 */
export const POSTGRES_LOSSES: ReadonlyArray<readonly [string, RelayCut]> = [
  ['stopped', 'refuse'],
  ['its host silent', 'blackhole'],
  ['its host frozen, connections open', 'freeze'],
];

export interface Readiness {
  readonly status: string;
  readonly checks: { name: string; up: boolean }[];
}

/**
 * The six services as real processes, each reaching Postgres through a TCP relay of its own and
 * all six Redis through another, which a test cuts (a server stopped, a host gone silent or
 * frozen) and restores without touching the servers themselves, which other suites share.
 */
export class ServicesBehindRelays {
  private constructor(
    readonly postgres: Record<ServiceName, TcpRelay>,
    readonly redis: TcpRelay,
    readonly services: Record<ServiceName, ServiceProcess>,
  ) {}

  /** Relays first, then the services through them, their answer timeouts short enough to answer a lost dependency in time; `env` is the services' too. */
  static async start(ports: RelayedPorts, env: NodeJS.ProcessEnv = {}): Promise<ServicesBehindRelays> {
    const redisUrl = process.env['REDIS_URL']!;
    // Each relay listens on a port of its own: one that cannot leaves the others open unless they are closed here.
    const opened = await Promise.allSettled([...SERVICE_NAMES.map((name) => TcpRelay.to(adminUrl(), ports.postgres[name])), TcpRelay.to(redisUrl, ports.redis)]);
    const refused = opened.find((relay) => relay.status === 'rejected');
    if (refused) {
      await Promise.all(opened.map((relay) => (relay.status === 'fulfilled' ? relay.value.close() : undefined)));
      throw refused.reason;
    }
    const relays = opened.map((relay) => (relay as PromiseFulfilledResult<TcpRelay>).value);
    const postgres = Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, relays[i]!])) as Record<ServiceName, TcpRelay>;
    const redis = relays[SERVICE_NAMES.length]!;
    const services = serviceProcesses(ports.services, (name) => ({
      ...env,
      DATABASE_URL: postgres[name].via(serviceDatabaseUrl(name)),
      DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      REDIS_ANSWER_TIMEOUT_MS: String(REDIS_ANSWER_TIMEOUT_MS),
      REDIS_URL: redis.via(redisUrl),
    }));
    const bed = new ServicesBehindRelays(postgres, redis, services);
    try {
      await Promise.all(SERVICE_NAMES.map((name) => services[name].start()));
    } catch (error) {
      // The suite gets no bed to stop: what did start would outlive it.
      await bed.stop();
      throw error;
    }
    return bed;
  }

  async cutPostgres(mode: RelayCut, of: readonly ServiceName[] = SERVICE_NAMES): Promise<void> {
    await Promise.all(of.map((name) => this.postgres[name].cut(mode)));
  }

  async restorePostgres(): Promise<void> {
    await Promise.all(SERVICE_NAMES.map((name) => this.postgres[name].restore()));
  }

  async ready(service: ServiceName): Promise<JsonResponse<Readiness>> {
    return callJson(`${this.services[service].baseUrl}/health/ready`, { timeoutMs: 10_000 });
  }

  /** What each service's readiness says now, as `[service, HTTP status, status]`. */
  async readinessOfEvery(): Promise<(readonly [ServiceName, number, string])[]> {
    return Promise.all(
      SERVICE_NAMES.map(async (service) => {
        const readiness = await this.ready(service);
        return [service, readiness.status, readiness.body.status] as const;
      }),
    );
  }

  /** Waits until each service says it is ready (not degraded, not unavailable). */
  async expectEveryServiceReady(timeoutMs = 30_000): Promise<void> {
    for (const service of SERVICE_NAMES) await eventually(async () => expect([service, (await this.ready(service)).body.status]).toEqual([service, 'ready']), timeoutMs);
  }

  /** Every relay restored (so the services shut down cleanly), the services stopped, the relays closed. */
  async stop(): Promise<void> {
    const relays = [...Object.values(this.postgres), this.redis];
    await Promise.all(relays.map((relay) => relay.restore()));
    await Promise.all(SERVICE_NAMES.map((name) => this.services[name].stop()));
    await Promise.all(relays.map((relay) => relay.close()));
  }
}

const office = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

/** A contact of a new customer of `projectCode` (unless the phone is one already known), on an item that opens a ticket. */
export const contactBody = (projectCode: string, phone = newMobile('138')) => ({
  channel: 'phone',
  content: '电梯异响',
  itemCode: 'repair.public_area',
  customer: { name: '探针', phone, projectCode },
});

export interface SeededTicket {
  readonly phone: string;
  readonly contactId: string;
  readonly customerId: string;
  readonly ticketId: string;
}

/**
 * A business calendar named `calendar` (put by a company admin), and a contact recorded by
 * `agent` that opens a ticket: the ids a test's calls name. The ticket is opened from the
 * contact's event and the calendar reaches callbacks through calendar.published, so a test waits
 * for what it needs of them.
 */
export async function seedCalendarAndTicket(services: Record<ServiceName, ServiceProcess>, agent: string, projectCode: string, calendar: string): Promise<SeededTicket> {
  const hours = { timezone: 'Asia/Shanghai', workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] }, holidays: [], workingDays: [] };
  const companyAdmin = await devToken({ roles: 'admin', sub: 'admin-calendar' });
  expect((await callJson(`${services.tickets.baseUrl}/v1/calendars/${calendar}`, { method: 'PUT', token: companyAdmin, body: hours })).status).toBe(201);
  const phone = newMobile('138');
  const contact = await callJson<{ id: string; customerId: string }>(`${services.intake.baseUrl}/v1/contacts`, { token: agent, body: contactBody(projectCode, phone) });
  expect(contact.status).toBe(201);
  const [ticket] = await adminQuery<{ ticket_id: string }>('SELECT ticket_id::text FROM intake.contacts WHERE id = $1', [contact.body.id]);
  return { phone, contactId: contact.body.id, customerId: contact.body.customerId, ticketId: ticket!.ticket_id };
}
