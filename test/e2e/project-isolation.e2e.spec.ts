import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { SERVICE_NAMES, ServiceName } from '@cs/config';
import { ServiceProcess, adminQuery, callJson, devToken, eventually, newMobile, prepareDatabaseAndTopics } from '@cs/testing';
import { OpenApiDocument, WalkedOperation, operationsOf, producesEventStream, requestBodyOf } from './support/openapi-walk';

/**
 * A company serving several projects with separate teams: a user limited to project P002 can
 * neither read nor change anything of P001 — through any route of any service. The
 * reproduction of each known hole first, then a walk over every operation of every OpenAPI
 * document with a P002 token holding every role, against P001's data.
 */
const PORTS: Record<ServiceName, number> = { intake: 4501, tickets: 4502, callbacks: 4503, knowledge: 4504, reporting: 4505, notifications: 4506 };
const services = Object.fromEntries(SERVICE_NAMES.map((name) => [name, new ServiceProcess(name, PORTS[name])])) as Record<
  ServiceName,
  ServiceProcess
>;
const url = (service: ServiceName, path: string) => `${services[service].baseUrl}${path}`;
const PURPOSE = { 'x-access-purpose': encodeURIComponent('核实身份') };

interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string }[];
}
interface CustomerView {
  id: string;
  units: { projectCode: string }[];
  mergedInto?: string;
  erased: boolean;
}

let p001Agent: string;
let p001Supervisor: string;
let p002Agent: string;
let p002Supervisor: string;
let p002Everyone: string;

/** P001's data, made by P001's team. */
const p001 = { phone: '', customerId: '', contactId: '', ticketId: '', ticketNumber: '' };
let p002CustomerId = '';

async function recordContact(token: string, body: Record<string, unknown>) {
  return callJson<{ id: string; customerId: string; route: string; ticketId?: string } & Problem>(url('intake', '/v1/contacts'), {
    token,
    body,
  });
}

/** The ticket a P001 contact opened, once the tickets service has it. */
async function ticketOfContact(contactId: string): Promise<{ id: string; number: string }> {
  return eventually(async () => {
    const found = await callJson<{ items: { id: string; number: string }[] }>(url('tickets', `/v1/tickets?contactId=${contactId}`), {
      token: p001Agent,
    });
    expect(found.body.items).toHaveLength(1);
    return found.body.items[0]!;
  });
}

async function customerAsP001(id: string): Promise<CustomerView> {
  const response = await callJson<CustomerView>(url('intake', `/v1/customers/${id}`), { token: p001Supervisor, headers: PURPOSE });
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  p001Agent = await devToken({ roles: 'agent', sub: 'agent-p001', projects: ['P001'] });
  p001Supervisor = await devToken({
    roles: ['supervisor', 'quality', 'manager'],
    sub: 'sup-p001',
    projects: ['P001'],
    permissions: ['customer.pii.read'],
  });
  p002Agent = await devToken({ roles: 'agent', sub: 'agent-p002', projects: ['P002'] });
  p002Supervisor = await devToken({ roles: 'supervisor', sub: 'sup-p002', projects: ['P002'], permissions: ['customer.pii.read'] });
  // A handler too, of the department P001's ticket is dispatched to: a department never widens projects.
  p002Everyone = await devToken({
    roles: ['agent', 'supervisor', 'quality', 'handler', 'manager', 'admin'],
    sub: 'all-p002',
    projects: ['P002'],
    department: 'engineering',
    permissions: ['customer.pii.read'],
  });
  await prepareDatabaseAndTopics(SERVICE_NAMES);
  await Promise.all(SERVICE_NAMES.map((name) => services[name].start()));

  p001.phone = newMobile('136');
  const contact = await recordContact(p001Agent, {
    channel: 'phone',
    content: '5栋电梯异响',
    customer: { name: '钱一', phone: p001.phone, projectCode: 'P001', building: '5', room: '501' },
    itemCode: 'repair.public_area',
  });
  expect(contact.status).toBe(201);
  p001.customerId = contact.body.customerId;
  p001.contactId = contact.body.id;
  const ticket = await ticketOfContact(p001.contactId);
  p001.ticketId = ticket.id;
  p001.ticketNumber = ticket.number;
  const dispatched = await callJson(url('tickets', `/v1/tickets/${p001.ticketId}/dispatch`), { token: p001Agent, body: { department: 'engineering' } });
  expect(dispatched.status).toBe(200);
  // Every service has seen the ticket before anyone probes for it.
  await eventually(async () => {
    for (const [schema, table] of [
      ['intake', 'known_tickets'],
      ['callbacks', 'followed_tickets'],
      ['reporting', 'ticket_facts'],
    ] as const) {
      expect(await adminQuery(`SELECT 1 FROM ${schema}.${table} WHERE ticket_id = $1`, [p001.ticketId])).toHaveLength(1);
    }
  });

  const own = await recordContact(p002Agent, {
    channel: 'wechat',
    content: '停车位咨询',
    customer: { name: '孙二', phone: newMobile('136'), projectCode: 'P002', building: '1', room: '101' },
  });
  expect(own.status).toBe(201);
  p002CustomerId = own.body.customerId;
});

afterAll(async () => {
  await Promise.all(SERVICE_NAMES.map((name) => services[name].stop()));
});

describe('a user limited to P002 and a customer of P001', () => {
  it('cannot erase the customer: 404, and nothing is erased', async () => {
    const response = await callJson<Problem>(url('intake', `/v1/customers/${p001.customerId}/erasure`), {
      token: p002Supervisor,
      body: { reason: '客户要求删除' },
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('CUSTOMER.NOT_FOUND');
    expect((await customerAsP001(p001.customerId)).erased).toBe(false);
  });

  it('cannot merge the customer from either side: 404, and nothing is merged', async () => {
    for (const [survivor, duplicate] of [
      [p002CustomerId, p001.customerId],
      [p001.customerId, p002CustomerId],
    ]) {
      const response = await callJson<Problem>(url('intake', `/v1/customers/${survivor}/merge`), {
        token: p002Supervisor,
        body: { duplicateId: duplicate, reason: '重复档案' },
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('CUSTOMER.NOT_FOUND');
    }
    expect((await customerAsP001(p001.customerId)).mergedInto).toBeUndefined();
    const own = await callJson<CustomerView>(url('intake', `/v1/customers/${p002CustomerId}`), { token: p002Supervisor });
    expect(own.body.mergedInto).toBeUndefined();
  });

  it('cannot pull the customer into P002 by adding a unit: 404, and the units stay', async () => {
    const response = await callJson<Problem>(url('intake', `/v1/customers/${p001.customerId}`), {
      method: 'PATCH',
      token: p002Agent,
      body: { units: [{ projectCode: 'P002', building: '1', room: '102', relation: 'owner' }] },
    });
    expect(response.status).toBe(404);
    expect((await customerAsP001(p001.customerId)).units.map((u) => u.projectCode)).toEqual(['P001']);
  });

  it('recording a contact with the customer’s phone for P002 starts a record of P002’s own', async () => {
    const response = await recordContact(p002Agent, {
      channel: 'phone',
      content: '咨询物业费',
      customer: { name: '钱一', phone: p001.phone, projectCode: 'P002', building: '1', room: '103' },
      itemCode: 'repair.public_area',
    });
    expect(response.status).toBe(201);
    expect(response.body.customerId).not.toBe(p001.customerId);
    expect(response.body.route).toBe('new_matter');
    expect((await customerAsP001(p001.customerId)).units.map((u) => u.projectCode)).toEqual(['P001']);
  });

  it('a follow-up naming P001’s ticket is refused exactly like an unknown ticket', async () => {
    const body = (ticketId: string) => ({ channel: 'phone', content: '催办', customer: { phone: newMobile('136') }, ticketId });
    const foreign = await recordContact(p002Agent, body(p001.ticketId));
    const unknownId = randomUUID();
    const unknown = await recordContact(p002Agent, body(unknownId));
    expect(foreign.status).toBe(422);
    const { instance: _f, ...foreignBody } = foreign.body as Problem & { instance?: string };
    const { instance: _u, ...unknownBody } = unknown.body as Problem & { instance?: string };
    expect(JSON.stringify(foreignBody).replaceAll(p001.ticketId, '<id>')).toBe(JSON.stringify(unknownBody).replaceAll(unknownId, '<id>'));
  });

  it('registering the phone of a P001 customer does not reveal their id; a unit in P001 is refused', async () => {
    const phone = newMobile('136');
    const theirs = await recordContact(p001Agent, {
      channel: 'phone',
      content: '咨询',
      customer: { name: '周三', phone, projectCode: 'P001', building: '5', room: '502' },
    });
    expect(theirs.status).toBe(201);
    const registered = await callJson<CustomerView & Problem>(url('intake', '/v1/customers'), {
      token: p002Agent,
      body: { name: '周三', phones: [phone], units: [{ projectCode: 'P002', building: '2', room: '201', relation: 'owner' }] },
    });
    expect(registered.status).toBe(201);
    expect(registered.body.id).not.toBe(theirs.body.customerId);
    expect(JSON.stringify(registered.body)).not.toContain(theirs.body.customerId);

    const foreignUnit = await callJson<Problem>(url('intake', '/v1/customers'), {
      token: p002Agent,
      body: { name: '李四', phones: [newMobile('136')], units: [{ projectCode: 'P001', building: '2', room: '201', relation: 'owner' }] },
    });
    expect(foreignUnit.status).toBe(403);
    expect(foreignUnit.body.errors?.[0]?.field).toBe('units[0].projectCode');
  });

  it('sees neither the customer’s merge history nor the access log about them', async () => {
    await customerAsP001(p001.customerId);
    const merges = await callJson<Problem>(url('intake', `/v1/customers/${p001.customerId}/merges`), { token: p002Supervisor });
    expect(merges.status).toBe(404);
    const log = (token: string) =>
      callJson<{ items: { customerId: string }[] }>(url('intake', `/v1/pii-access-log?customerId=${p001.customerId}`), { token });
    expect((await log(p001Supervisor)).body.items.length).toBeGreaterThan(0);
    expect((await log(p002Everyone)).body.items).toEqual([]);
  });

  it('sees none of P001’s figures in reporting, callbacks or knowledge', async () => {
    const summary = (token: string) => callJson<{ byProject: Record<string, number> }>(url('reporting', '/v1/reports/summary'), { token });
    expect((await summary(p001Supervisor)).body.byProject['P001']).toBeGreaterThan(0);
    expect((await summary(p002Everyone)).body.byProject['P001']).toBeUndefined();

    const followed = (token: string) => callJson<Problem>(url('callbacks', `/v1/callbacks/tickets/${p001.ticketId}`), { token });
    expect((await followed(p001Supervisor)).status).toBe(200);
    expect((await followed(p002Everyone)).status).toBe(404);

    // Tickets opened by earlier tests may still be counted; compare once both sides agree.
    await eventually(async () => {
      const demand = await callJson<{ items: { itemCode: string; tickets: number }[] }>(url('knowledge', '/v1/knowledge/demand'), {
        token: p002Everyone,
      });
      const expected = await adminQuery<{ item_code: string; tickets: number }>(
        `SELECT item_code, sum(tickets)::int AS tickets
           FROM (SELECT item_code, project_code, tickets FROM knowledge.item_demand
                 UNION ALL SELECT item_code, project_code, tickets FROM knowledge.item_demand_appended) d
          WHERE project_code IN ('', 'P002') GROUP BY 1`,
      );
      expect(Object.fromEntries(demand.body.items.map((i) => [i.itemCode, i.tickets]))).toEqual(
        Object.fromEntries(expected.map((r) => [r.item_code, r.tickets])),
      );
    });
  });
});

describe('every operation of every service, walked with a P002 token holding every role', () => {
  /** P001's resources of every other kind with an id of its own, made by P001's team: the walk names each where its path does. */
  const owned: Record<string, string> = {};
  let p001Admin: string;

  async function created(service: ServiceName, path: string, token: string, body: unknown): Promise<string> {
    // Eventually: a plan or schedule waits for its calendar to reach the service.
    return eventually(async () => {
      const response = await callJson<{ id: string } & Problem>(url(service, path), { token, body });
      expect(response.status).toBe(201);
      return response.body.id;
    });
  }

  beforeAll(async () => {
    p001Admin = await devToken({ roles: ['admin', 'supervisor'], sub: 'admin-p001', projects: ['P001'] });
    // A search with no answer is a knowledge gap of the searcher's project (asked before P001's answer is published).
    // Letters only: seven digits in a row would be masked in the gap's sample as a landline.
    const marker = Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');
    const question = `蝾螈馆 ${marker} 几点开门`;
    expect((await callJson(url('knowledge', `/v1/answers/search?q=${encodeURIComponent(question)}`), { token: p001Agent })).status).toBe(200);
    owned['/v1/gaps/'] = await eventually(async () => {
      const gaps = await callJson<{ items: { id: string; sample: string }[] }>(url('knowledge', '/v1/gaps?limit=200'), { token: p001Supervisor });
      const gap = gaps.body.items.find((g) => g.sample.includes(marker));
      expect(gap).toBeDefined();
      return gap!.id;
    });
    owned['/v1/answers/'] = await created('knowledge', '/v1/answers', p001Agent, {
      title: 'P001 专属：5栋电梯维保',
      questions: ['5栋电梯多久维保一次'],
      body: '5栋电梯每月维保一次。',
      tags: [],
      projects: ['P001'],
    });
    // Published, so search and suggestions could show it (four eyes: written by the agent, approved by the supervisor).
    const answer = (action: string, token: string) => callJson(url('knowledge', `/v1/answers/${owned['/v1/answers/']}/${action}`), { token, body: {} });
    expect((await answer('submit', p001Agent)).status).toBe(200);
    expect((await answer('approve', p001Supervisor)).status).toBe(200);
    owned['/v1/callback-plans/'] = await created('callbacks', '/v1/callback-plans', p001Supervisor, {
      name: 'P001 重点客户月度回访',
      kind: 'key_customer',
      projectCode: 'P001',
      recurrence: { every: 'month' },
      firstRunAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      method: 'phone',
      dueWorkingDays: 2,
      calendarId: 'default',
    });
    owned['/v1/ticket-schedules/'] = await created('tickets', '/v1/ticket-schedules', p001Supervisor, {
      name: '5栋电梯月检',
      projectCode: 'P001',
      itemCode: 'repair.public_area',
      department: 'engineering',
      recurrence: { every: 'month', dayOfMonth: 1 },
      timeOfDay: '09:00',
      calendarId: 'default',
      startsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    owned['/v1/incidents/'] = await created('tickets', '/v1/incidents', p001Supervisor, {
      projectCode: 'P001',
      building: '5',
      itemCode: 'repair.public_area',
      title: '5栋电梯停运',
      description: '5栋电梯停在8楼，维保单位已通知',
    });
    owned['/v1/webhook-subscriptions/'] = await created('notifications', '/v1/webhook-subscriptions', p001Admin, {
      name: 'P001 物业群',
      url: 'https://hooks.example.com/p001',
      eventTypes: ['major_complaint'],
      projectCode: 'P001',
    });
  });

  async function snapshot() {
    const ticket = await callJson<{ version: number; status: string; history: unknown[] }>(url('tickets', `/v1/tickets/${p001.ticketId}`), {
      token: p001Agent,
    });
    // Without the clocks' running figures, which move by the minute whatever happens to the resource.
    const asP001 = async (service: ServiceName, prefix: string): Promise<unknown> =>
      JSON.parse(
        JSON.stringify((await callJson(url(service, `${prefix}${owned[prefix]}`), { token: p001Admin })).body, (key, value: unknown) =>
          key === 'elapsedMinutes' || key === 'remainingMinutes' ? undefined : value,
        ),
      );
    return {
      customer: await customerAsP001(p001.customerId),
      ticket: { version: ticket.body.version, status: ticket.body.status, history: ticket.body.history.length },
      project: (await callJson(url('intake', '/v1/projects/P001'), { token: p001Supervisor })).body,
      answer: await asP001('knowledge', '/v1/answers/'),
      plan: await asP001('callbacks', '/v1/callback-plans/'),
      schedule: await asP001('tickets', '/v1/ticket-schedules/'),
      incident: await asP001('tickets', '/v1/incidents/'),
      subscription: await asP001('notifications', '/v1/webhook-subscriptions/'),
      gap: (await callJson<{ items: { id: string }[] }>(url('knowledge', '/v1/gaps?limit=200'), { token: p001Supervisor })).body.items.find((g) => g.id === owned['/v1/gaps/']),
    };
  }

  /** What a path parameter names on P001's side, and the same kind of name for something that does not exist. */
  function pathValue(path: string, name: string, ofP001: boolean): string {
    if (name === 'code') return ofP001 ? 'P001' : 'P999';
    if (name === 'id' && path.startsWith('/v1/calendars')) return 'default';
    if (!ofP001) return randomUUID();
    const resource = Object.keys(owned).find((prefix) => path.startsWith(prefix));
    if (name === 'id' && resource) return owned[resource]!;
    return path.startsWith('/v1/customers') ? p001.customerId : p001.ticketId;
  }

  const QUERY_VALUES: Record<string, () => string> = {
    customerId: () => p001.customerId,
    customer: () => p001.customerId,
    contactId: () => p001.contactId,
    ticketId: () => p001.ticketId,
    project: () => 'P001',
    phone: () => p001.phone,
  };

  async function call(service: ServiceName, document: OpenApiDocument, walked: WalkedOperation, ofP001: boolean) {
    const path = walked.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathValue(walked.path, name, ofP001));
    const query = new URLSearchParams();
    for (const parameter of walked.operation.parameters ?? []) {
      const value = QUERY_VALUES[parameter.name];
      if (parameter.in === 'query' && value) query.set(parameter.name, value());
    }
    const body = requestBodyOf(document, walked.operation);
    if (producesEventStream(walked.operation)) {
      // What a P002 stream carries is checked where notifications are made (notifications.e2e.spec.ts).
      const abort = new AbortController();
      const response = await fetch(url(service, path), { headers: { authorization: `Bearer ${p002Everyone}` }, signal: abort.signal });
      abort.abort();
      return { status: response.status, headers: response.headers, body: { status: response.status, code: '' } };
    }
    return callJson<Problem>(url(service, `${path}${query.size ? `?${query}` : ''}`), {
      method: walked.method,
      token: p002Everyone,
      headers: { ...PURPOSE, ...(walked.method === 'POST' ? { 'idempotency-key': randomUUID() } : {}) },
      ...(body === undefined ? (walked.method === 'GET' ? {} : { body: {} }) : { body }),
    });
  }

  it('finds P001’s published answer for P001 only, in search and in suggestions', async () => {
    const id = owned['/v1/answers/']!;
    const found = async (path: string, token: string) =>
      JSON.stringify((await callJson(url('knowledge', `${path}${encodeURIComponent('5栋电梯多久维保一次')}`), { token })).body).includes(id);
    expect(await found('/v1/answers/search?q=', p001Agent)).toBe(true);
    expect(await found('/v1/suggestions?text=', p001Agent)).toBe(true);
    expect(await found('/v1/answers/search?q=', p002Everyone)).toBe(false);
    expect(await found('/v1/suggestions?text=', p002Everyone)).toBe(false);
  });

  it('finds nothing of P001, changes nothing of P001, and refuses like for an unknown id', async () => {
    const before = await snapshot();
    // Not the phone: P002 keeps its own records of the same person, which rightly show it.
    const markers = [p001.customerId, p001.ticketId, p001.contactId, p001.ticketNumber, 'P001', ...Object.values(owned)];
    const findings: string[] = [];
    let walkedCount = 0;
    for (const service of SERVICE_NAMES) {
      const document = (await callJson<OpenApiDocument>(url(service, '/docs-json'))).body;
      for (const walked of operationsOf(document)) {
        const name = `${service} ${walked.method} ${walked.path}`;
        const scope = walked.operation['x-project-scope'];
        const isPublic = JSON.stringify((walked.operation as { security?: unknown[] }).security) === '[]';
        if (isPublic) continue;
        walkedCount += 1;
        if (scope === undefined) {
          findings.push(`${name}: declares no project scope`);
          continue;
        }
        const response = await call(service, document, walked, true);
        if (response.status >= 500) findings.push(`${name}: ${response.status}`);
        if (scope === 'shared') {
          // Anyone reads shared data (a bad query is still a 4xx); only users serving every project change it.
          const refused = walked.method === 'GET' ? response.status === 403 : response.status !== 403;
          if (refused) findings.push(`${name}: shared data answered ${response.status}`);
          continue;
        }
        if (/\{\w+\}/.test(walked.path)) {
          const unknown = await call(service, document, walked, false);
          if (response.status < 300) findings.push(`${name}: answered ${response.status} for P001's data`);
          if (response.status !== unknown.status || response.body?.code !== unknown.body?.code) {
            findings.push(`${name}: ${response.status} ${response.body?.code} for P001's data, ${unknown.status} ${unknown.body?.code} for an unknown one`);
          }
        } else if (walked.method === 'GET' && response.status < 300) {
          const text = JSON.stringify(response.body);
          for (const marker of markers) if (text.includes(marker)) findings.push(`${name}: shows ${marker}`);
        }
      }
    }
    expect(findings).toEqual([]);
    expect(walkedCount).toBeGreaterThan(20);
    expect(await snapshot()).toEqual(before);
  });
});

describe('personal data in free text and logs', () => {
  const SPOKEN = '电话１３７００１３７００３ lisi@example.com';
  const IN_CLEAR = /13700137003|１３７００１３７００３|lisi@example\.com/;

  it('a pause reason with a dictated phone and e-mail reaches neither the outbox nor ticket history in clear', async () => {
    const contact = await recordContact(p001Agent, {
      channel: 'phone',
      content: `水管漏水，${SPOKEN}`,
      customer: { name: '郑五', phone: newMobile('136'), projectCode: 'P001', building: '6', room: '601' },
      itemCode: 'repair.public_area',
    });
    const ticket = await ticketOfContact(contact.body.id);
    const act = (action: string, body: unknown) =>
      callJson<{ status: string; history: { details?: Record<string, unknown> }[] }>(url('tickets', `/v1/tickets/${ticket.id}/${action}`), {
        token: p001Agent,
        body,
      });
    expect((await act('dispatch', { department: 'engineering' })).status).toBe(200);
    const paused = await act('pause', { reason: `业主出差，${SPOKEN}` });
    expect(paused.status).toBe(200);
    expect(JSON.stringify(paused.body.history)).toContain('137****7003');

    const history = await adminQuery<{ details: unknown }>('SELECT details FROM tickets.ticket_history WHERE ticket_id = $1', [ticket.id]);
    const outbox = await adminQuery<{ payload: string }>('SELECT payload FROM tickets.outbox WHERE message_key = $1', [ticket.id]);
    const intakeOutbox = await adminQuery<{ payload: string }>(`SELECT payload FROM intake.outbox WHERE payload::jsonb ->> 'contactId' = $1`, [contact.body.id]);
    expect(history.length).toBeGreaterThan(1);
    expect(outbox.length).toBeGreaterThan(1);
    expect(intakeOutbox).toHaveLength(1);
    for (const text of [JSON.stringify(history), ...outbox.map((r) => r.payload), intakeOutbox[0]!.payload]) {
      expect(text).not.toMatch(IN_CLEAR);
    }
  });

  it('the intake log holds no phone number from a query string', async () => {
    // The file is appended to across runs: only what this request added is read.
    const before = statSync(services.intake.logFile).size;
    const searched = await callJson(url('intake', `/v1/customers?phone=${p001.phone}`), { token: p001Supervisor });
    expect(searched.status).toBe(200);
    await eventually(async () => {
      const log = readFileSync(services.intake.logFile).subarray(before).toString('utf8');
      expect(log).toContain('/v1/customers?phone=***');
      expect(log).not.toContain(p001.phone);
    });
  });
});
