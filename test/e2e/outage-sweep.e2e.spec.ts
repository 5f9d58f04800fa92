import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { RelayCut, callJson, devToken, eventually, openServiceRedis, prepareDatabaseAndTopics } from '@cs/testing';
import { QuestionnaireLinks } from '../../apps/callbacks/src/infrastructure/questionnaire-links';
import { signWebhook } from '../../apps/intake/src/infrastructure/webhooks';
import { OpenApiDocument, WalkedOperation, operationsOf, producesEventStream, requestBodyOf, sampleOf } from './support/openapi-walk';
import { ANSWER_WITHIN_MS, POSTGRES_LOSSES, SeededTicket, ServicesBehindRelays, contactBody, newMobile, seedCalendarAndTicket } from './support/services-behind-relays';

/**
 * Every operation of every service's OpenAPI document, one request each (and one more with an
 * Idempotency-Key where it takes one), while each service's Postgres is lost (stopped, its host
 * silent, its host frozen), then while Redis is: the resilience suite's promise (a quick 503
 * problem+json with Retry-After, never a 500 or a hang; Redis only degrades) held by the whole
 * API, not by one read and one write per service, and every read served again once the
 * dependency is back. Dependencies are lost through relays, never by stopping the servers, which
 * other suites share, so the suite runs beside others. Its requests come from an address of their
 * own (WALK_FROM): what the walk spends of a limit counted per client (a questionnaire's) no other
 * suite's requests count, beside it or after it on the same worker within the limit's minute.
 */
const PORTS = {
  services: { intake: 5901, tickets: 5902, callbacks: 5903, knowledge: 5904, reporting: 5905, notifications: 5906 },
  postgres: { intake: 5911, tickets: 5912, callbacks: 5913, knowledge: 5914, reporting: 5915, notifications: 5916 },
  redis: 5920,
};
/** Nothing listens there: a subscription the walk makes delivers nowhere. */
const DEAD_HOOK = 'http://127.0.0.1:5929/hook';
/** A request unanswered this long is a hang, whatever it would have answered later. */
const GIVE_UP_MS = 5_000;
/**
 * Requests in flight while Postgres is lost: enough to walk it silent in seconds (each answer
 * waits out a timeout of about 1 s), few enough not to queue on two cores.
 */
const IN_FLIGHT_REFUSED = 12;
/** While Redis alone is lost the walk's writes are served, and those on the seeded ticket wait for each other's row lock: fewer at once, each answered in its own time. */
const IN_FLIGHT_SERVED = 6;
const PURPOSE = encodeURIComponent('核实身份');
/** The callbacks service's, so the suite can sign a questionnaire link that reaches the handler (its callback unknown). */
const QUESTIONNAIRE_LINK_SECRET = `sweep-questionnaire-secret-${randomUUID()}`;

const run = randomUUID().slice(0, 6);
const PROJECT = `E2E-OS-${run}`;
/** The seed's business calendar: a new one for each seed, since putting one anew is not a creation. */
let calendar = '';
let seeds = 0;
/** Loopback, but not 127.0.0.1, which every other suite's requests come from. */
const WALK_FROM = '127.0.0.2';

let bed: ServicesBehindRelays;
const documents = new Map<ServiceName, OpenApiDocument>();
/** Every role and the PII permission, serving every project: passes every role and scope check, so each request reaches its handler. */
let everyone: string;
/** The same roles for this suite's project alone: changes, with Postgres up, only what the suite made, never what other suites of the run share. */
let ofTheProject: string;
let seed: SeededTicket;
/** Ids of what the suite made, by the path prefix that names them. */
const made: Record<string, string> = {};
let questionnaireLink: string;

interface Sent {
  /** `service METHOD /path`, as the document names it, and `keyed` for its variant with an Idempotency-Key. */
  readonly operation: string;
  /** 0: no answer within GIVE_UP_MS. */
  readonly status: number;
  readonly type?: string;
  readonly retryAfter?: string | null;
  readonly code?: string;
  readonly ms: number;
  readonly write: boolean;
  readonly keyed: boolean;
}

/** A value of the suite's seed where the parameter names one, else what the schema accepts. */
function pathValue(path: string, name: string, sample: () => unknown): string {
  if (name === 'code' && path.startsWith('/v1/projects/')) return PROJECT;
  if (path.startsWith('/v1/calendars/')) return calendar;
  if (name === 'ticketId') return seed.ticketId;
  if (name === 'token' && path.startsWith('/v1/questionnaires/')) return questionnaireLink;
  const prefix = Object.keys(made).find((p) => path.startsWith(p));
  if (name === 'id' && prefix) return made[prefix]!;
  return String(sample());
}

/**
 * Query parameters given whether required or not, as the seed names them: a list of someone's
 * contacts, a customer search or suggestions need a filter, a stream resuming reads what it missed.
 */
const QUERY_VALUES: Record<string, () => string> = {
  customerId: () => seed.customerId,
  customer: () => seed.customerId,
  phone: () => seed.phone,
  text: () => '电梯异响',
  project: () => PROJECT,
  projectCode: () => PROJECT,
  calendarId: () => calendar,
  workingDays: () => '1',
  lastEventId: () => '1',
};

/** The samples' project, wherever it appears, is the suite's. */
function inProject(value: unknown): unknown {
  if (value === 'P001') return PROJECT;
  if (Array.isArray(value)) return value.map(inProject);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inProject(v)]));
  return value;
}

const planBody = () => ({
  name: '重点客户回访',
  kind: 'key_customer',
  projectCode: PROJECT,
  recurrence: { every: 'month' },
  firstRunAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  method: 'phone',
  dueWorkingDays: 2,
  calendarId: calendar,
});
const subscriptionBody = () => ({ name: '短信网关', url: DEAD_HOOK, eventTypes: ['report_generated'], projectCode: PROJECT });

/**
 * Bodies a schema's sample cannot give: one that a business rule beyond the schema accepts (a
 * contact naming its customer, a plan's recurrence, the project a user serving some projects
 * names), or one that stays inside the suite (a subscription delivers nowhere).
 */
const BODIES: Record<string, () => unknown> = {
  'POST /v1/contacts': () => contactBody(PROJECT),
  'POST /v1/inbound/{channel}': () => ({ messageId: `sweep-${randomUUID()}`, content: '停车场积水', customer: { phone: newMobile() } }),
  'POST /v1/callback-plans': planBody,
  'POST /v1/webhook-subscriptions': subscriptionBody,
  'POST /v1/praise': () => ({ agent: 'agent-sweep', reason: '业主来电表扬服务耐心', projectCode: PROJECT }),
  'POST /v1/spot-checks': () => ({ agent: 'agent-sweep', target: { kind: 'recording', url: 'https://recordings.example.com/sweep.mp3', projectCode: PROJECT }, passed: true, comments: '规范' }),
};

function bodyOf(document: OpenApiDocument, walked: WalkedOperation): unknown {
  const given = BODIES[`${walked.method} ${walked.path}`];
  if (given) return given();
  return inProject(requestBodyOf(document, walked.operation)) ?? (walked.method === 'GET' ? undefined : {});
}

const documentsIdempotencyKey = (walked: WalkedOperation) => (walked.operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');

async function send(service: ServiceName, walked: WalkedOperation, token: string, keyed: boolean): Promise<Sent> {
  const document = documents.get(service)!;
  const parameters = walked.operation.parameters ?? [];
  const sampleOfParameter = (name: string) => () => {
    const schema = parameters.find((p) => p.name === name)?.schema;
    return inProject(schema ? sampleOf(document, schema) : 'x');
  };
  const path = walked.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(pathValue(walked.path, name, sampleOfParameter(name))));
  const query = new URLSearchParams();
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    // Optional filters only where they name the seed: a sample cursor or filter would be refused before the handler ran.
    const value = QUERY_VALUES[parameter.name]?.() ?? (parameter.required ? String(sampleOfParameter(parameter.name)()) : undefined);
    if (value !== undefined) query.set(parameter.name, value);
  }
  const body = bodyOf(document, walked);
  const raw = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const channel = /^\/v1\/inbound\/([^/]+)$/.exec(path)?.[1];
  const stream = producesEventStream(walked.operation);
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    // As an API client asks: a route that answers people with pages of their own (a questionnaire) answers it problem+json.
    accept: stream ? 'text/event-stream' : 'application/json, application/problem+json',
    'x-access-purpose': PURPOSE,
    ...(raw ? { 'content-type': 'application/json' } : {}),
    ...(keyed ? { 'idempotency-key': randomUUID() } : {}),
    // A channel gateway signs its deliveries: signed with the development secret, one reaches its handler.
    ...(channel && raw ? { ...signWebhook(`dev-webhook-secret-${channel}`, raw, Math.floor(Date.now() / 1000)), 'x-delivery-id': randomUUID() } : {}),
  };
  const operation = `${service} ${walked.method} ${walked.path}${keyed ? ' keyed' : ''}`;
  const write = walked.method !== 'GET';
  const started = Date.now();
  try {
    const answer = await requestFrom(`${bed.services[service].baseUrl}${path}${query.size ? `?${query}` : ''}`, walked.method, headers, raw, stream);
    const ms = Date.now() - started;
    const code = answer.type === 'application/problem+json' ? (JSON.parse(answer.text) as { code?: string }).code : undefined;
    return { operation, status: answer.status, type: answer.type, retryAfter: answer.retryAfter, code, ms, write, keyed };
  } catch {
    return { operation, status: 0, ms: Date.now() - started, write, keyed };
  }
}

/**
 * One request from WALK_FROM, given up after GIVE_UP_MS. A live stream never ends: its status and
 * headers are its answer, unless it refused with a problem.
 */
function requestFrom(url: string, method: string, headers: Record<string, string>, body: Buffer | undefined, stream: boolean): Promise<{ status: number; type?: string; retryAfter: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    // A connection of its own each (no agent), its body's length given, as fetch sends it.
    const sized = body ? { ...headers, 'content-length': String(body.length) } : headers;
    const sent = httpRequest(url, { method, headers: sized, agent: false, localAddress: WALK_FROM, timeout: GIVE_UP_MS, signal: AbortSignal.timeout(GIVE_UP_MS) }, (response) => {
      const type = response.headers['content-type']?.split(';')[0];
      const answer = { status: response.statusCode ?? 0, type, retryAfter: (response.headers['retry-after'] as string | undefined) ?? null };
      if (stream && type !== 'application/problem+json') {
        response.destroy();
        resolve({ ...answer, text: '' });
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ ...answer, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    sent.on('timeout', () => sent.destroy(new Error(`no answer within ${GIVE_UP_MS} ms`)));
    sent.on('error', reject);
    sent.end(body);
  });
}

/**
 * One request to every operation of every service (and one more with an Idempotency-Key where an
 * operation takes one), `inFlight` at a time, the services' requests taken in turn.
 */
async function sweep(token: string, inFlight: number, readsOnly = false): Promise<Sent[]> {
  const perService = SERVICE_NAMES.map((service) =>
    operationsOf(documents.get(service)!).filter((walked) => !readsOnly || walked.method === 'GET').flatMap((walked) => [
      () => send(service, walked, token, false),
      ...(documentsIdempotencyKey(walked) ? [() => send(service, walked, token, true)] : []),
    ]),
  );
  const longest = Math.max(...perService.map((requests) => requests.length));
  const requests = Array.from({ length: longest }, (_, i) => perService.flatMap((of) => of[i] ?? [])).flat();
  const sent: Sent[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < requests.length) sent.push(await requests[next++]!());
    }),
  );
  return sent.sort((a, b) => a.operation.localeCompare(b.operation));
}

/** A 503 a client can act on: problem+json saying why, and in how many seconds to try again. */
const actionable503 = (sent: Sent, code: string) =>
  sent.status === 503 && sent.type === 'application/problem+json' && /^[1-9][0-9]*$/.test(sent.retryAfter ?? '') && sent.code === code;

/**
 * Back by itself for every operation, not only readiness: once the services say ready, no read is
 * refused. Reads only: with every dependency up, the token's writes would change what other
 * suites of the run share.
 */
async function expectEveryReadServedOnceReady(): Promise<void> {
  await bed.expectEveryServiceReady();
  const answers = await sweep(everyone, IN_FLIGHT_SERVED, true);
  expect(answers.filter((sent) => sent.status === 0 || sent.status >= 500)).toEqual([]);
}

let agent: string;
let approver: string;

/**
 * What the walk's paths and filters name: a calendar, a contact's customer and ticket, a published
 * answer, a subscription, an incident, a schedule, a plan. Made again before each walk whose writes
 * are applied (Redis lost, Postgres up): one walk erases, merges and closes what the seed made, and
 * the next would meet only 404s and 409s.
 */
async function seedEverything(): Promise<void> {
  seeds += 1;
  calendar = `os-${run}-${seeds}`;
  seed = await seedCalendarAndTicket(bed.services, agent, PROJECT, calendar);
  for (const prefix of Object.keys(made)) delete made[prefix];
  Object.assign(made, { '/v1/tickets/': seed.ticketId, '/v1/customers/': seed.customerId, '/v1/contacts/': seed.contactId });
  const create = async (service: ServiceName, path: string, body: unknown, token = ofTheProject) =>
    // Eventually: a plan waits for its calendar to reach the callbacks service.
    eventually(async () => {
      const response = await callJson<{ id: string }>(`${bed.services[service].baseUrl}${path}`, { token, body });
      expect([path, response.status]).toEqual([path, 201]);
      return response.body.id;
    }, 30_000, 500);
  made['/v1/answers/'] = await create('knowledge', '/v1/answers', {
    title: `停水通知 ${run}-${seeds}`,
    questions: ['什么时候来水'],
    body: '以自来水公司通知为准。',
    itemCode: 'consultation.property_service',
    projects: [PROJECT],
  });
  // Published (written by one, approved by another), so the reads that cache published answers in Redis have one.
  const answer = (action: string, token: string) => callJson(`${bed.services.knowledge.baseUrl}/v1/answers/${made['/v1/answers/']}/${action}`, { token, body: {} });
  expect((await answer('submit', ofTheProject)).status).toBe(200);
  expect((await answer('approve', approver)).status).toBe(200);
  made['/v1/webhook-subscriptions/'] = await create('notifications', '/v1/webhook-subscriptions', subscriptionBody());
  made['/v1/incidents/'] = await create('tickets', '/v1/incidents', { projectCode: PROJECT, building: '5', itemCode: 'repair.public_area', title: '5栋电梯停运', description: '5栋电梯停在8楼，维保单位已通知' });
  made['/v1/ticket-schedules/'] = await create('tickets', '/v1/ticket-schedules', {
    name: '5栋电梯月检',
    projectCode: PROJECT,
    itemCode: 'repair.public_area',
    department: 'engineering',
    recurrence: { every: 'month', dayOfMonth: 1 },
    timeOfDay: '09:00',
    calendarId: calendar,
    startsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  made['/v1/callback-plans/'] = await create('callbacks', '/v1/callback-plans', planBody());
  // The ticket is opened from the contact's event: the walk's calls on it reach a ticket.
  await eventually(async () => expect((await callJson(`${bed.services.tickets.baseUrl}/v1/tickets/${seed.ticketId}`, { token: everyone })).status).toBe(200), 30_000);
}

beforeAll(async () => {
  const roles = ['agent', 'supervisor', 'quality', 'handler', 'manager', 'admin'] as const;
  everyone = await devToken({ roles, sub: 'sweep-everyone', department: 'engineering', permissions: ['customer.pii.read'] });
  ofTheProject = await devToken({ roles, sub: 'sweep-project', department: 'engineering', projects: [PROJECT], permissions: ['customer.pii.read'] });
  agent = await devToken({ roles: 'agent', sub: 'agent-sweep', projects: [PROJECT] });
  approver = await devToken({ roles: 'supervisor', sub: 'supervisor-sweep', projects: [PROJECT] });
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  bed = await ServicesBehindRelays.start(PORTS, { QUESTIONNAIRE_LINK_SECRET });
  const links = new QuestionnaireLinks({ questionnaire: { secret: QUESTIONNAIRE_LINK_SECRET, baseUrl: bed.services.callbacks.baseUrl, ttlSeconds: 3_600 } });
  questionnaireLink = links.mint(randomUUID(), new Date()).token;
  for (const service of SERVICE_NAMES) documents.set(service, (await callJson<OpenApiDocument>(`${bed.services[service].baseUrl}/docs-json`)).body);
  await seedEverything();
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
      answers = await sweep(everyone, IN_FLIGHT_REFUSED);
      expect(await bed.readinessOfEvery()).toEqual(SERVICE_NAMES.map((service) => [service, 503, 'unavailable']));
    } finally {
      await bed.restorePostgres();
    }
    const offenders = answers.filter(
      (sent) => sent.status === 0 || sent.ms >= ANSWER_WITHIN_MS || !(actionable503(sent, 'DEPENDENCY.UNAVAILABLE') || WITHOUT_POSTGRES[sent.operation]?.status === sent.status),
    );
    expect(offenders).toEqual([]);
    await expectEveryReadServedOnceReady();
  });

  it('counted the walk\'s questionnaire requests by their own address, under the platform\'s namespace', async () => {
    // The walk's reads just asked for a questionnaire from WALK_FROM, with Redis up.
    const redis = await openServiceRedis(`sweep-${run}`);
    try {
      const under = async (pattern: string) => {
        const found: string[] = [];
        for await (const keys of redis.scanIterator({ MATCH: pattern, COUNT: 1_000 })) found.push(...keys);
        return found;
      };
      const namespace = process.env['KAFKA_TOPIC_PREFIX']!;
      expect(await under(`${namespace}:ratelimit:callbacks:60:questionnaire*${WALK_FROM}`)).toHaveLength(1);
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
    await seedEverything();
    await bed.redis.cut(mode);
    let answers: Sent[];
    try {
      // With Postgres up the walk's writes are applied: a token of the suite's project alone keeps
      // them to what the suite made (a shared setting is refused it, 403), never what other suites read.
      answers = await sweep(ofTheProject, IN_FLIGHT_SERVED);
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
    await expectEveryReadServedOnceReady();
  });
});
