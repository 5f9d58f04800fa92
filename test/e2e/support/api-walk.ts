import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { callJson, devToken, eventually, newMobile } from '@cs/testing';
import { QuestionnaireLinks } from '../../../apps/callbacks/src/infrastructure/questionnaire-links';
import { signWebhook } from '../../../apps/intake/src/infrastructure/webhooks';
import { OpenApiDocument, WalkedOperation, operationsOf, producesEventStream, requestBodyOf, sampleOf } from './openapi-walk';
import { SeededTicket, ServicesBehindRelays, contactBody, seedCalendarAndTicket } from './services-behind-relays';

/** A request unanswered this long is a hang, whatever it would have answered later. */
const GIVE_UP_MS = 5_000;
/**
 * Requests in flight while Postgres is lost: enough to walk it silent in seconds (each answer
 * waits out a timeout of about 1 s), few enough not to queue on two cores.
 */
export const IN_FLIGHT_REFUSED = 12;
/** While the walk's writes are served, those on the seeded ticket wait for each other's row lock: fewer at once, each answered in its own time. */
export const IN_FLIGHT_SERVED = 6;
const PURPOSE = encodeURIComponent('核实身份');
/** Loopback, but not 127.0.0.1, which every other suite's requests come from: the outage sweep's. */
export const WALK_FROM = '127.0.0.2';

/** One request of a walk, as answered. */
export interface Sent {
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

/** A 503 a client can act on: problem+json saying why, and in how many seconds to try again. */
export const actionable503 = (sent: Sent, code: string) =>
  sent.status === 503 && sent.type === 'application/problem+json' && /^[1-9][0-9]*$/.test(sent.retryAfter ?? '') && sent.code === code;

/** The samples' project, wherever it appears, is the walk's. */
function inProject(value: unknown, project: string): unknown {
  if (value === 'P001') return project;
  if (Array.isArray(value)) return value.map((v) => inProject(v, project));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inProject(v, project)]));
  return value;
}

const documentsIdempotencyKey = (walked: WalkedOperation) => (walked.operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');

/**
 * One request from the loopback address `from`, given up after GIVE_UP_MS. A live stream never ends: its status and
 * headers are its answer, unless it refused with a problem.
 */
export function requestFrom(
  from: string,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  stream: boolean,
): Promise<{ status: number; type?: string; retryAfter: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    // A connection of its own each (no agent), its body's length given, as fetch sends it.
    const sized = body ? { ...headers, 'content-length': String(body.length) } : headers;
    const sent = httpRequest(url, { method, headers: sized, agent: false, localAddress: from, timeout: GIVE_UP_MS, signal: AbortSignal.timeout(GIVE_UP_MS) }, (response) => {
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
 * Every operation of every service's OpenAPI document, one request each (and one more with an
 * Idempotency-Key where it takes one), with paths naming what the walk seeded in a project of its
 * own and bodies valid by the schema, so each request reaches its handler: what the outage suites
 * send while a dependency is lost. Its requests come from a loopback address of the suite's own
 * (WALK_FROM by default): what a walk spends of a limit counted per client (a questionnaire's) no
 * other suite's requests count, beside it or after it on the same worker within the limit's minute.
 */
export class ApiWalk {
  /** Every role and the PII permission, serving every project: passes every role and scope check, so each request reaches its handler. */
  everyone = '';
  /** The same roles for the walk's project alone: changes, with Postgres up, only what the walk made, never what other suites of the run share. */
  ofTheProject = '';
  private agent = '';
  private approver = '';
  private readonly documents = new Map<ServiceName, OpenApiDocument>();
  /** The seed's business calendar: a new one for each seed, since putting one anew is not a creation. */
  private calendar = '';
  private seeds = 0;
  private seed?: SeededTicket;
  /** Ids of what the walk made, by the path prefix that names them. */
  private readonly made: Record<string, string> = {};
  private questionnaireLink = '';

  /** The services' environment a walk needs: the questionnaire secret it signs a link with, so a questionnaire's request reaches its handler. */
  static environment(): { QUESTIONNAIRE_LINK_SECRET: string } {
    return { QUESTIONNAIRE_LINK_SECRET: `walk-questionnaire-secret-${randomUUID()}` };
  }

  /**
   * A walk of `bed`'s services (started with {@link ApiWalk.environment}, given here as `secret`)
   * in `project`, tagged `run`, its documents read and its seed made.
   */
  static async start(bed: ServicesBehindRelays, options: { readonly run: string; readonly project: string; readonly secret: string; readonly from?: string }): Promise<ApiWalk> {
    const walk = new ApiWalk(bed, options.run, options.project, options.from ?? WALK_FROM);
    const roles = ['agent', 'supervisor', 'quality', 'handler', 'manager', 'admin'] as const;
    walk.everyone = await devToken({ roles, sub: 'walk-everyone', department: 'engineering', permissions: ['customer.pii.read'] });
    walk.ofTheProject = await devToken({ roles, sub: 'walk-project', department: 'engineering', projects: [options.project], permissions: ['customer.pii.read'] });
    walk.agent = await devToken({ roles: 'agent', sub: 'agent-walk', projects: [options.project] });
    walk.approver = await devToken({ roles: 'supervisor', sub: 'supervisor-walk', projects: [options.project] });
    const links = new QuestionnaireLinks({ questionnaire: { secret: options.secret, baseUrl: bed.services.callbacks.baseUrl, ttlSeconds: 3_600 } });
    walk.questionnaireLink = links.mint(randomUUID(), new Date()).token;
    for (const service of SERVICE_NAMES) walk.documents.set(service, (await callJson<OpenApiDocument>(`${bed.services[service].baseUrl}/docs-json`)).body);
    await walk.seedEverything();
    return walk;
  }

  private constructor(
    private readonly bed: ServicesBehindRelays,
    private readonly run: string,
    readonly project: string,
    private readonly from: string,
  ) {}

  /**
   * What the walk's paths and filters name: a calendar, a contact's customer and ticket, a published
   * answer, a subscription, an incident, a schedule, a plan. Made again before each walk whose writes
   * are applied: one walk erases, merges and closes what the seed made, and the next would meet
   * only 404s and 409s.
   */
  async seedEverything(): Promise<void> {
    const { bed, project } = this;
    this.seeds += 1;
    this.calendar = `walk-${this.run}-${this.seeds}`;
    const seed = await seedCalendarAndTicket(bed.services, this.agent, project, this.calendar);
    this.seed = seed;
    for (const prefix of Object.keys(this.made)) delete this.made[prefix];
    Object.assign(this.made, { '/v1/tickets/': seed.ticketId, '/v1/customers/': seed.customerId, '/v1/contacts/': seed.contactId });
    const create = async (service: ServiceName, path: string, body: unknown, token = this.ofTheProject) =>
      // Eventually: a plan waits for its calendar to reach the callbacks service.
      eventually(async () => {
        const response = await callJson<{ id: string }>(`${bed.services[service].baseUrl}${path}`, { token, body });
        expect([path, response.status]).toEqual([path, 201]);
        return response.body.id;
      }, 30_000, 500);
    this.made['/v1/answers/'] = await create('knowledge', '/v1/answers', {
      title: `停水通知 ${this.run}-${this.seeds}`,
      questions: ['什么时候来水'],
      body: '以自来水公司通知为准。',
      itemCode: 'consultation.property_service',
      projects: [project],
    });
    // Published (written by one, approved by another), so the reads that cache published answers in Redis have one.
    const answer = (action: string, token: string) => callJson(`${bed.services.knowledge.baseUrl}/v1/answers/${this.made['/v1/answers/']}/${action}`, { token, body: {} });
    expect((await answer('submit', this.ofTheProject)).status).toBe(200);
    expect((await answer('approve', this.approver)).status).toBe(200);
    this.made['/v1/webhook-subscriptions/'] = await create('notifications', '/v1/webhook-subscriptions', this.subscriptionBody());
    this.made['/v1/incidents/'] = await create('tickets', '/v1/incidents', { projectCode: project, building: '5', itemCode: 'repair.public_area', title: '5栋电梯停运', description: '5栋电梯停在8楼，维保单位已通知' });
    this.made['/v1/ticket-schedules/'] = await create('tickets', '/v1/ticket-schedules', {
      name: '5栋电梯月检',
      projectCode: project,
      itemCode: 'repair.public_area',
      department: 'engineering',
      recurrence: { every: 'month', dayOfMonth: 1 },
      timeOfDay: '09:00',
      calendarId: this.calendar,
      startsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    this.made['/v1/callback-plans/'] = await create('callbacks', '/v1/callback-plans', this.planBody());
    // The ticket is opened from the contact's event: the walk's calls on it reach a ticket.
    await eventually(async () => expect((await callJson(`${bed.services.tickets.baseUrl}/v1/tickets/${seed.ticketId}`, { token: this.everyone })).status).toBe(200), 30_000);
  }

  /**
   * One request to every operation of every service (and one more with an Idempotency-Key where an
   * operation takes one), `inFlight` at a time, the services' requests taken in turn.
   */
  async sweep(token: string, inFlight: number, readsOnly = false): Promise<Sent[]> {
    const perService = SERVICE_NAMES.map((service) =>
      operationsOf(this.documents.get(service)!)
        .filter((walked) => !readsOnly || walked.method === 'GET')
        .flatMap((walked) => [() => this.send(service, walked, token, false), ...(documentsIdempotencyKey(walked) ? [() => this.send(service, walked, token, true)] : [])]),
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

  /**
   * Back by itself for every operation, not only readiness: once the services say ready, no read is
   * refused. Reads only: with every dependency up, the token's writes would change what other
   * suites of the run share.
   */
  async expectEveryReadServedOnceReady(): Promise<void> {
    await this.bed.expectEveryServiceReady();
    const answers = await this.sweep(this.everyone, IN_FLIGHT_SERVED, true);
    expect(answers.filter((sent) => sent.status === 0 || sent.status >= 500)).toEqual([]);
  }

  /** One request for the walk's questionnaire page, from the walk's address: counted in its bucket of the questionnaire's limit. */
  async askForQuestionnaire(): Promise<void> {
    const url = `${this.bed.services.callbacks.baseUrl}/v1/questionnaires/${encodeURIComponent(this.questionnaireLink)}`;
    await requestFrom(this.from, url, 'GET', { accept: 'application/json, application/problem+json' }, undefined, false);
  }

  private planBody() {
    return {
      name: '重点客户回访',
      kind: 'key_customer',
      projectCode: this.project,
      recurrence: { every: 'month' },
      firstRunAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      method: 'phone',
      dueWorkingDays: 2,
      calendarId: this.calendar,
    };
  }

  /** Nothing listens on its port: a subscription the walk makes delivers nowhere. */
  private subscriptionBody() {
    return { name: '短信网关', url: 'http://127.0.0.1:5929/hook', eventTypes: ['report_generated'], projectCode: this.project };
  }

  /**
   * Bodies a schema's sample cannot give: one that a business rule beyond the schema accepts (a
   * contact naming its customer, a plan's recurrence, the project a user serving some projects
   * names), or one that stays inside the walk (a subscription delivers nowhere).
   */
  private bodyOf(document: OpenApiDocument, walked: WalkedOperation): unknown {
    const { project } = this;
    const given: Record<string, () => unknown> = {
      'POST /v1/contacts': () => contactBody(project),
      'POST /v1/inbound/{channel}': () => ({ messageId: `walk-${randomUUID()}`, content: '停车场积水', customer: { phone: newMobile('138') } }),
      'POST /v1/callback-plans': () => this.planBody(),
      'POST /v1/webhook-subscriptions': () => this.subscriptionBody(),
      'POST /v1/praise': () => ({ agent: 'agent-walk', reason: '业主来电表扬服务耐心', projectCode: project }),
      'POST /v1/spot-checks': () => ({ agent: 'agent-walk', target: { kind: 'recording', url: 'https://recordings.example.com/walk.mp3', projectCode: project }, passed: true, comments: '规范' }),
    };
    const body = given[`${walked.method} ${walked.path}`];
    if (body) return body();
    return inProject(requestBodyOf(document, walked.operation), project) ?? (walked.method === 'GET' ? undefined : {});
  }

  /** A value of the walk's seed where the parameter names one, else what the schema accepts. */
  private pathValue(path: string, name: string, sample: () => unknown): string {
    if (name === 'code' && path.startsWith('/v1/projects/')) return this.project;
    if (path.startsWith('/v1/calendars/')) return this.calendar;
    if (name === 'ticketId') return this.seed!.ticketId;
    if (name === 'token' && path.startsWith('/v1/questionnaires/')) return this.questionnaireLink;
    const prefix = Object.keys(this.made).find((p) => path.startsWith(p));
    if (name === 'id' && prefix) return this.made[prefix]!;
    return String(sample());
  }

  /**
   * Query parameters given whether required or not, as the seed names them: a list of someone's
   * contacts, a customer search or suggestions need a filter, a stream resuming reads what it missed.
   */
  private queryValue(name: string): string | undefined {
    const seed = this.seed!;
    const values: Record<string, () => string> = {
      customerId: () => seed.customerId,
      customer: () => seed.customerId,
      phone: () => seed.phone,
      text: () => '电梯异响',
      project: () => this.project,
      projectCode: () => this.project,
      calendarId: () => this.calendar,
      workingDays: () => '1',
      lastEventId: () => '1',
    };
    return values[name]?.();
  }

  private async send(service: ServiceName, walked: WalkedOperation, token: string, keyed: boolean): Promise<Sent> {
    const document = this.documents.get(service)!;
    const parameters = walked.operation.parameters ?? [];
    const sampleOfParameter = (name: string) => () => {
      const schema = parameters.find((p) => p.name === name)?.schema;
      return inProject(schema ? sampleOf(document, schema) : 'x', this.project);
    };
    const path = walked.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(this.pathValue(walked.path, name, sampleOfParameter(name))));
    const query = new URLSearchParams();
    for (const parameter of parameters.filter((p) => p.in === 'query')) {
      // Optional filters only where they name the seed: a sample cursor or filter would be refused before the handler ran.
      const value = this.queryValue(parameter.name) ?? (parameter.required ? String(sampleOfParameter(parameter.name)()) : undefined);
      if (value !== undefined) query.set(parameter.name, value);
    }
    const body = this.bodyOf(document, walked);
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
      const answer = await requestFrom(this.from, `${this.bed.services[service].baseUrl}${path}${query.size ? `?${query}` : ''}`, walked.method, headers, raw, stream);
      const ms = Date.now() - started;
      const code = answer.type === 'application/problem+json' ? (JSON.parse(answer.text) as { code?: string }).code : undefined;
      return { operation, status: answer.status, type: answer.type, retryAfter: answer.retryAfter, code, ms, write, keyed };
    } catch {
      return { operation, status: 0, ms: Date.now() - started, write, keyed };
    }
  }
}
