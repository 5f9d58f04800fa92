import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, DEV_JWT_SECRET, Role, signDevToken } from '@cs/auth';
import { createLogger } from '@cs/observability';
import { createRedisClient, destroyRedisClient } from '@cs/persistence';
import { installRequestInput } from '@cs/platform';
import { InjectedResponse, ThrowawaySchema, buildHttpTestApp, injectJson, throwawaySchema } from '@cs/testing';
import { loadServiceConfig } from '@cs/config';
import { BusinessCalendars } from '../application/business-calendars';
import { FindIncidents } from '../application/find-incidents';
import { IncidentWriter } from '../application/incident-writer';
import { LinkIncidentTickets } from '../application/link-incident-tickets';
import { ResolveIncidentChildren } from '../application/resolve-incident-children';
import { RunIncidentCommand } from '../application/run-incident-command';
import { RunTicketCommand } from '../application/run-ticket-command';
import { startClock } from '../domain/sla-clock';
import { Ticket, openTicket } from '../domain/ticket';
import { IncidentChildrenRepository } from '../infrastructure/incident-children.repository';
import { IncidentRepository } from '../infrastructure/incident.repository';
import { MIGRATIONS } from '../infrastructure/migrations';
import { IncidentSlaTimerRepository } from '../infrastructure/sla-timer.repository';
import { TicketRepository } from '../infrastructure/ticket.repository';
import { dueWorkFailures } from '../testing/due-work';
import { ticketRouteProviders } from '../testing/ticket-route-providers';
import { IncidentsController } from './incidents.controller';
import { TicketsController } from './tickets.controller';

/**
 * Incidents through the HTTP layer on a real Postgres schema: declaring, joining callers'
 * tickets, telling their customers once each, and resolving every child through the
 * restartable fan-out — project scoping and roles on every read and write.
 */
let db: ThrowawaySchema;
let app: NestFastifyApplication;
// Presence is shown on GET /v1/tickets/{id}; this suite never connects it, so it is empty.
const redis = createRedisClient('redis://127.0.0.1:1', 'tickets-incidents');

const PROJECT = 'P-INC';
const OTHER = 'P-INC-X';

async function token(roles: Role | Role[], projects?: string[], sub = `${String(roles)}-1`): Promise<string> {
  return signDevToken({ roles, sub, ...(projects ? { projects } : {}) }, DEV_JWT_SECRET);
}
async function call(method: 'GET' | 'POST', url: string, who: Promise<string>, body?: unknown): Promise<InjectedResponse> {
  return injectJson(app, method, url, { headers: { authorization: `Bearer ${await who}` }, ...(body === undefined ? {} : { body }) });
}
const supervisor = () => token('supervisor', [PROJECT], 'sup-1');
const agent = () => token('agent', [PROJECT], 'agent-1');
const otherSupervisor = () => token('supervisor', [OTHER], 'sup-x');

let seq = 0;
async function seedTicket(change: Partial<Ticket> = {}, building = '3', customerId: string = randomUUID()): Promise<Ticket> {
  seq += 1;
  const ticket: Ticket = {
    ...openTicket({
      id: randomUUID(),
      number: `TK-20261124-${String(seq).padStart(6, '0')}`,
      contactId: randomUUID(),
      customerId,
      customerName: '张*',
      channel: 'phone',
      itemCode: 'repair.public_area',
      unit: { projectCode: PROJECT, building, room: `${seq}02` },
      ownerId: 'agent-1',
      at: new Date(Date.now() - 60_000 + seq),
    }),
    ...change,
  };
  await app.get(TicketRepository).insert(db.dataSource.manager, ticket, undefined);
  return ticket;
}

const outbox = async (key: string) =>
  (await db.dataSource.query(`SELECT event_type, payload FROM ${db.schema}.outbox WHERE message_key = $1 ORDER BY seq`, [key])) as { event_type: string; payload: string }[];

/** The fan-out as one replica of the service runs it; its polling loop is never started here. */
function replica(): ResolveIncidentChildren {
  return new ResolveIncidentChildren(
    db.dataSource,
    app.get(TicketRepository),
    app.get(IncidentChildrenRepository),
    app.get(IncidentRepository),
    app.get(RunTicketCommand),
    dueWorkFailures(db.dataSource),
    createLogger('tickets', 'silent'),
    loadServiceConfig('tickets', {}),
  );
}

async function declare(body: object = {}): Promise<string> {
  const declared = await call('POST', '/v1/incidents', supervisor(), {
    projectCode: PROJECT,
    building: '3',
    itemCode: 'repair.public_area',
    title: '3栋1号电梯停运',
    description: '3栋1号电梯停在12楼，请联系13812345678的维保人员',
    ...body,
  });
  expect(declared.status).toBe(201);
  return String(declared.body['id']);
}

beforeAll(async () => {
  db = await throwawaySchema('tickets_incidents', MIGRATIONS);
  app = await buildHttpTestApp({
    imports: [AuthModule.forRoot({ mode: 'hs256', secret: DEV_JWT_SECRET })],
    controllers: [IncidentsController, TicketsController],
    providers: [
      ...ticketRouteProviders(db, redis, 'incidents-routes'),
      BusinessCalendars,
      IncidentSlaTimerRepository,
      IncidentChildrenRepository,
      IncidentWriter,
      RunIncidentCommand,
      LinkIncidentTickets,
      FindIncidents,
    ],
    configure: installRequestInput,
  });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
  destroyRedisClient(redis);
});

describe('declaring', () => {
  it('a supervisor of the project declares; its texts are redacted; an agent or another project’s supervisor may not', async () => {
    const id = await declare();
    const read = await call('GET', `/v1/incidents/${id}`, agent());
    expect(read.status).toBe(200);
    expect(read.headers['etag']).toBe('W/"1"');
    expect(read.body).toMatchObject({ status: 'open', projectCode: PROJECT, building: '3', sectionCode: 'repair', policyId: 'repair', childCount: 0, declaredBy: 'sup-1' });
    expect(String(read.body['number'])).toMatch(/^INC-\d{8}-\d{4}$/);
    expect(String(read.body['description'])).not.toContain('13812345678');
    expect((read.body['clocks'] as { kind: string }[]).map((c) => c.kind)).toEqual(['first_response', 'resolution']);
    expect((await outbox(id)).map((r) => r.event_type)).toEqual(['incident.declared.v1']);

    const byAgent = await call('POST', '/v1/incidents', agent(), { projectCode: PROJECT, itemCode: 'repair.public_area', title: 't', description: 'd' });
    expect([byAgent.status, byAgent.body['code']]).toEqual([403, 'HTTP.FORBIDDEN']);
    const elsewhere = await call('POST', '/v1/incidents', otherSupervisor(), { projectCode: PROJECT, itemCode: 'repair.public_area', title: 't', description: 'd' });
    expect([elsewhere.status, elsewhere.body['code']]).toEqual([403, 'INCIDENT.PROJECT_NOT_SERVED']);
    const unknownItem = await call('POST', '/v1/incidents', supervisor(), { projectCode: PROJECT, itemCode: 'repair.lift', title: 't', description: 'd' });
    expect([unknownItem.status, unknownItem.body['code']]).toEqual([422, 'INCIDENT.UNKNOWN_ITEM']);
  });

  it('a text within its limit as class-validator counts it but over it as the contracts count characters (variation selectors) is 400 naming the field, and nothing is written', async () => {
    // 70 hearts: 70 characters to class-validator, 140 to incident.declared.v1's title (at most 120).
    const hearts = await call('POST', '/v1/incidents', supervisor(), { projectCode: PROJECT, itemCode: 'repair.public_area', title: '❤️'.repeat(70), description: 'd' });
    expect([hearts.status, hearts.body['errors']]).toEqual([400, [expect.objectContaining({ field: 'title', code: 'too_long', params: { max: 120 } })]]);
    const id = await declare();
    const update = await call('POST', `/v1/incidents/${id}/updates`, supervisor(), { message: '❤️'.repeat(600) });
    expect([update.status, update.body['errors']]).toEqual([400, [expect.objectContaining({ field: 'message', code: 'too_long', params: { max: 1000 } })]]);
    expect((await outbox(id)).map((r) => r.event_type)).toEqual(['incident.declared.v1']);
  });

  it('given an incident changed since its ETag was read, when an update is sent with it, then it is 412 INCIDENT.VERSION_CONFLICT naming If-Match with the current version', async () => {
    const id = await declare();
    expect((await call('POST', `/v1/incidents/${id}/updates`, supervisor(), { message: '维保人员已到场' })).status).toBe(200);
    const stale = await injectJson(app, 'POST', `/v1/incidents/${id}/updates`, { headers: { authorization: `Bearer ${await supervisor()}`, 'if-match': 'W/"1"' }, body: { message: '预计两小时修复' } });
    expect([stale.status, stale.body['code'], stale.body['currentVersion'], stale.body['errors']]).toEqual([412, 'INCIDENT.VERSION_CONFLICT', 2, [expect.objectContaining({ field: 'If-Match' })]]);
  });

  it('another project’s staff get 404 on every read and write, and see it in no list', async () => {
    const id = await declare();
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['GET', '/children', undefined],
      ['GET', '/candidates', undefined],
      ['POST', '/resolve', { resolution: '已恢复' }],
      ['POST', '/updates', { message: '已派人' }],
    ] as const) {
      expect((await call(method, `/v1/incidents/${id}${path}`, otherSupervisor(), body)).status).toBe(404);
    }
    const list = await call('GET', `/v1/incidents?projectCode=${PROJECT}`, otherSupervisor());
    expect([list.status, list.body['items']]).toEqual([200, []]);
  });
});

describe('the agent desk', () => {
  it('lists the open incidents of a caller’s project and building, and offers an incident the open tickets about its item there', async () => {
    const id = await declare({ building: '7' });
    const mine = await call('GET', `/v1/incidents?projectCode=${PROJECT}&building=7&status=open`, agent());
    expect((mine.body['items'] as { id: string }[]).map((i) => i.id)).toEqual([id]);
    const caller = await seedTicket({}, '7');
    await seedTicket({}, '8');
    await seedTicket({ status: 'resolved' }, '7');
    const offered = await call('GET', `/v1/incidents/${id}/candidates`, agent());
    expect((offered.body['items'] as { ticketId: string }[]).map((c) => c.ticketId)).toEqual([caller.id]);
  });

  it('lists to a caller of a building the open incidents standing for the whole project or an area of it too, not another building’s', async () => {
    const building = await declare({ building: '11' });
    const wholeProject = await declare({ building: undefined, title: '全小区停电' });
    const garage = await declare({ building: undefined, area: '地下车库', title: '车库道闸故障' });
    const otherBuilding = await declare({ building: '12' });
    const desk = await call('GET', `/v1/incidents?projectCode=${PROJECT}&building=11&status=open`, agent());
    const listed = (desk.body['items'] as { id: string }[]).map((i) => i.id);
    expect(listed).toEqual(expect.arrayContaining([building, wholeProject, garage]));
    expect(listed).not.toContain(otherBuilding);
  });

  it('offers the incident on the caller’s ticket itself, and no longer once the ticket joined it (one call)', async () => {
    const id = await declare({ building: '9' });
    const caller = await seedTicket({}, '9');
    const elsewhere = await seedTicket({}, '10');
    const suggested = (ticketId: string) =>
      call('GET', `/v1/tickets/${ticketId}`, agent()).then((r) => (r.body['incidentSuggestions'] as { id: string; title: string; childCount: number }[]).map((i) => i.id));
    expect(await suggested(caller.id)).toContain(id);
    expect(await suggested(elsewhere.id)).not.toContain(id);
    const told = await call('POST', `/v1/incidents/${id}/updates`, supervisor(), { message: '维保单位已到场，预计 16:00 恢复' });
    expect(told.status).toBe(200);
    const offered = await call('GET', `/v1/tickets/${caller.id}`, agent());
    expect((offered.body['incidentSuggestions'] as object[]).find((i) => (i as { id: string }).id === id)).toMatchObject({
      title: '3栋1号电梯停运',
      latestUpdate: { message: '维保单位已到场，预计 16:00 恢复' },
    });
    const desk = await call('GET', `/v1/incidents?projectCode=${PROJECT}&building=9&status=open`, agent());
    expect((desk.body['items'] as { id: string; latestUpdate?: { message: string } }[]).find((i) => i.id === id)?.latestUpdate?.message).toBe('维保单位已到场，预计 16:00 恢复');
    const joined = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [caller.id] });
    expect(joined.status).toBe(200);
    expect(await suggested(caller.id)).toEqual([]);
  });
});

describe('a handler of the incident’s department', () => {
  it('sees among its children and candidates only the tickets dispatched to their department', async () => {
    const id = await declare();
    expect((await call('POST', `/v1/incidents/${id}/dispatch`, supervisor(), { department: 'engineering' })).status).toBe(200);
    const [ours, theirs] = [await seedTicket({ department: 'engineering' }), await seedTicket({ department: 'property' })];
    const [candidateOurs, candidateTheirs] = [await seedTicket({ department: 'engineering' }), await seedTicket()];
    await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [ours.id, theirs.id] });
    const handler = () => signDevToken({ roles: 'handler', sub: 'handler-1', department: 'engineering', projects: [PROJECT] }, DEV_JWT_SECRET);
    const ids = (r: InjectedResponse) => (r.body['items'] as { ticketId: string }[]).map((c) => c.ticketId);
    const children = await call('GET', `/v1/incidents/${id}/children`, handler());
    expect([children.status, ids(children)]).toEqual([200, [ours.id]]);
    const candidates = ids(await call('GET', `/v1/incidents/${id}/candidates`, handler()));
    expect([candidates.includes(candidateOurs.id), candidates.includes(candidateTheirs.id)]).toEqual([true, false]);
    expect(ids(await call('GET', `/v1/incidents/${id}/children`, agent()))).toEqual([ours.id, theirs.id]);
  });
});

describe('an incident’s place', () => {
  it('given a building holding a phone number, then the declaration is 422 naming building; an area holding one is masked', async () => {
    const refused = await call('POST', '/v1/incidents', supervisor(), { projectCode: PROJECT, building: '13812345678', itemCode: 'repair.public_area', title: '停水', description: '停水' });
    expect([refused.status, refused.body['code'], refused.body['errors']]).toEqual([422, 'INCIDENT.PERSONAL_DATA', [expect.objectContaining({ field: 'building' })]]);
    const id = await declare({ building: undefined, area: '地下车库（联系人13812345678）' });
    const read = await call('GET', `/v1/incidents/${id}`, supervisor());
    expect(read.body['area']).toBe('地下车库（联系人138****5678）');
    expect(JSON.stringify(await outbox(id))).not.toContain('13812345678');
  });
});

describe('an incident’s dispatch department', () => {
  it('given a department holding a phone number, then the dispatch is 422 naming department and nothing is written; a handler id that is a phone number is taken as given', async () => {
    const id = await declare();
    const before = await outbox(id);
    const history = async () => ((await db.dataSource.query(`SELECT action FROM ${db.schema}.incident_history WHERE incident_id = $1 ORDER BY id`, [id])) as { action: string }[]).map((r) => r.action);
    const actionsBefore = await history();

    const refused = await call('POST', `/v1/incidents/${id}/dispatch`, supervisor(), { department: '工程部13700137003' });
    expect([refused.status, refused.headers['content-type'], refused.body['code'], refused.body['errors']]).toEqual([
      422,
      expect.stringContaining('application/problem+json'),
      'INCIDENT.PERSONAL_DATA',
      [expect.objectContaining({ field: 'department' })],
    ]);
    expect(JSON.stringify(refused.body)).not.toContain('13700137003');
    expect(await outbox(id)).toEqual(before);
    expect(await history()).toEqual(actionsBefore);
    expect((await call('GET', `/v1/incidents/${id}`, supervisor())).body['department']).toBeUndefined();

    const dispatched = await call('POST', `/v1/incidents/${id}/dispatch`, supervisor(), { department: 'engineering', handler: '13700137003' });
    expect([dispatched.status, dispatched.body['department'], dispatched.body['handler']]).toEqual([200, 'engineering', '13700137003']);
  });
});

describe('routine work and other departments’ incidents', () => {
  it('given a ticket a schedule opened, then it is neither offered to an incident nor joined to one, and offered none', async () => {
    const id = await declare({ building: '21' });
    const origin = { kind: 'schedule' as const, scheduleId: randomUUID(), occurrenceOn: '2026-11-24' };
    const routine = await seedTicket({ channel: 'schedule', origin }, '21');
    await app.get(TicketRepository).saveOrigin(db.dataSource.manager, routine.id, origin);
    const caller = await seedTicket({}, '21');
    const offered = (await call('GET', `/v1/incidents/${id}/candidates`, agent())).body['items'] as { ticketId: string }[];
    expect(offered.map((c) => c.ticketId)).toEqual([caller.id]);
    expect((await call('GET', `/v1/tickets/${routine.id}`, agent())).body['incidentSuggestions']).toEqual([]);
    const joined = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [routine.id] });
    expect([joined.status, joined.body['code']]).toEqual([409, 'TICKET.SCHEDULED_WORK']);
    expect(joined.body['errors']).toMatchObject([{ field: 'ticketIds[0]' }]);
  });

  it('given a handler, then a ticket of theirs is offered only the incidents dispatched to their department', async () => {
    const handler = () => signDevToken({ roles: 'handler', sub: 'handler-2', department: 'engineering', projects: [PROJECT] }, DEV_JWT_SECRET);
    const ours = await declare({ building: '22', title: '22栋电梯停运' });
    expect((await call('POST', `/v1/incidents/${ours}/dispatch`, supervisor(), { department: 'engineering' })).status).toBe(200);
    // More incidents of other departments, newer, than a ticket is offered: they must not crowd out the handler's own.
    for (let i = 0; i < 5; i += 1) await declare({ building: '22', title: `22栋其他故障${i}` });
    const theirs = await declare({ building: '22', title: '22栋水泵故障' });
    const ticket = await seedTicket({ status: 'dispatched', department: 'engineering' }, '22');
    const suggested = async (who: Promise<string>) =>
      ((await call('GET', `/v1/tickets/${ticket.id}`, who)).body['incidentSuggestions'] as { id: string }[]).map((i) => i.id);
    expect(await suggested(handler())).toEqual([ours]);
    expect(await suggested(agent())).toContain(theirs);
  });
});

describe('joining callers’ tickets', () => {
  it('an agent joins tickets in one call, all or none; each stops its own clocks and says so in its history and its event', async () => {
    const id = await declare();
    const tickets = await Promise.all(Array.from({ length: 5 }, () => seedTicket()));
    const handled = await seedTicket({ status: 'resolved', resolvedAt: new Date(), resolution: 'x' });
    const otherProject = await seedTicket({ unit: { projectCode: OTHER } });

    const refused = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [...tickets.map((t) => t.id), handled.id] });
    expect([refused.status, refused.body['code']]).toEqual([409, 'TICKET.ILLEGAL_TRANSITION']);
    expect(refused.body['errors']).toMatchObject([{ field: 'ticketIds[5]' }]);
    const invisible = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [tickets[0]!.id, otherProject.id] });
    expect([invisible.status, invisible.body['code']]).toMatchObject([422, 'INCIDENT.UNKNOWN_TICKET']);
    expect((invisible.body['errors'] as { field: string }[])[0]!.field).toBe('ticketIds[1]');
    expect((await call('GET', `/v1/incidents/${id}/children`, agent())).body['items']).toEqual([]);

    const linked = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: tickets.map((t) => t.id) });
    expect([linked.status, linked.body['childCount'], linked.body['openChildren']]).toEqual([200, 5, 5]);
    const again = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [tickets[0]!.id] });
    expect(again.body['childCount']).toBe(5);

    const child = await call('GET', `/v1/tickets/${tickets[0]!.id}`, agent());
    expect(child.body['incidentId']).toBe(id);
    expect((child.body['history'] as { action: string }[]).map((h) => h.action)).toEqual(['join_incident']);
    expect((await outbox(tickets[0]!.id)).map((r) => r.event_type)).toEqual(['ticket.incident_joined.v1']);

    const second = await declare();
    const taken = await call('POST', `/v1/incidents/${second}/children`, agent(), { ticketIds: [tickets[1]!.id] });
    expect([taken.status, taken.body['code']]).toEqual([409, 'TICKET.IN_ANOTHER_INCIDENT']);
  });

  it('given ids in capitals, then a refusal names the one refused, and one ticket named twice joins once: one child, one history entry, one event', async () => {
    const id = await declare();
    const ticket = await seedTicket();
    const handled = await seedTicket({ status: 'resolved', resolvedAt: new Date(), resolution: 'x' });

    const refused = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [ticket.id, handled.id.toUpperCase()] });
    expect([refused.status, refused.body['code']]).toEqual([409, 'TICKET.ILLEGAL_TRANSITION']);
    expect(refused.body['errors']).toMatchObject([{ field: 'ticketIds[1]' }]);

    const linked = await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [ticket.id, ticket.id.toUpperCase()] });

    expect([linked.status, linked.body['childCount'], linked.body['openChildren']]).toEqual([200, 1, 1]);
    const history = await app.get(TicketRepository).history(db.dataSource.manager, ticket.id);
    expect(history.map((h) => h.action)).toEqual(['join_incident']);
    expect((await outbox(ticket.id)).map((r) => r.event_type)).toEqual(['ticket.incident_joined.v1']);
  });
});

describe('a ticket reopened before it joined', () => {
  it('keeps how many times it was reopened when it joined, and its own clocks stay stopped when it is paused and resumed', async () => {
    const id = await declare();
    const clock = startClock('resolution', { amount: 1, unit: 'days', basis: 'working' }, 'default', [75], new Date(Date.now() - 60_000));
    const reopened = await seedTicket({ status: 'in_progress', reopenCount: 1, clocks: [clock] });
    expect((await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [reopened.id] })).status).toBe(200);
    expect(await app.get(TicketRepository).find(db.dataSource.manager, reopened.id)).toMatchObject({ incidentId: id, reopenCount: 1, reopensWhenJoined: 1 });

    expect((await call('POST', `/v1/tickets/${reopened.id}/pause`, agent(), { reason: '等业主在家' })).status).toBe(200);
    expect((await call('POST', `/v1/tickets/${reopened.id}/resume`, agent(), {})).status).toBe(200);
    const [row] = (await db.dataSource.query(`SELECT next_due_at, clocks FROM ${db.schema}.tickets WHERE id = $1`, [reopened.id])) as { next_due_at: Date | null; clocks: { pauses: { to?: string }[] }[] }[];
    expect(row!.next_due_at).toBeNull();
    expect(row!.clocks[0]!.pauses.some((p) => p.to === undefined)).toBe(true);
    expect(await db.dataSource.query(`SELECT 1 FROM ${db.schema}.sla_timers WHERE ticket_id = $1`, [reopened.id])).toEqual([]);
  });
});

describe('telling the customers', () => {
  it('an update names each child’s customer once, however many tickets they have, and meets the first-response clock', async () => {
    const id = await declare();
    const customer = randomUUID();
    const tickets = [await seedTicket({}, '3', customer), await seedTicket({}, '3', customer), await seedTicket()];
    await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: tickets.map((t) => t.id) });
    const byAgent = await call('POST', `/v1/incidents/${id}/updates`, agent(), { message: '维保单位已到场' });
    expect(byAgent.status).toBe(403);
    const updated = await call('POST', `/v1/incidents/${id}/updates`, supervisor(), { message: '维保单位已到场，预计 16:00 恢复', expectedRestoreAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(updated.status).toBe(200);
    expect(updated.body['updates']).toMatchObject([{ sequence: 1, message: '维保单位已到场，预计 16:00 恢复', recipients: 2 }]);
    expect((updated.body['clocks'] as { kind: string; state: string }[]).find((c) => c.kind === 'first_response')?.state).toMatch(/met|breached/);
    const [published] = (await outbox(id)).filter((r) => r.event_type === 'incident.updated.v1');
    const data = (JSON.parse(published!.payload) as { recipients: { customerId: string; ticketId: string }[] }).recipients;
    expect(data.map((r) => r.customerId).sort()).toEqual([customer, tickets[2]!.customerId].sort());
    expect(data.find((r) => r.customerId === customer)?.ticketId).toBe(tickets[0]!.id);
  });
});

describe('an update’s expected restoration', () => {
  it('given one its offset carries past the year 9999, then it is 400 naming expectedRestoreAt and nothing is told', async () => {
    const id = await declare();

    const response = await call('POST', `/v1/incidents/${id}/updates`, supervisor(), { message: '维保单位已到场', expectedRestoreAt: '9999-12-31T23:59:59-14:00' });

    expect(response.status).toBe(400);
    expect(response.body['errors']).toMatchObject([{ field: 'expectedRestoreAt' }]);
    expect((await outbox(id)).map((r) => r.event_type)).toEqual(['incident.declared.v1']);
  });
});

describe('resolving', () => {
  it('resolving owes every open child the resolution; a fan-out cut short resumes and resolves each child exactly once', async () => {
    const id = await declare();
    const tickets = await Promise.all(Array.from({ length: 25 }, () => seedTicket()));
    for (const batch of [tickets.slice(0, 20), tickets.slice(20)]) {
      expect((await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: batch.map((t) => t.id) })).status).toBe(200);
    }
    const resolved = await call('POST', `/v1/incidents/${id}/resolve`, supervisor(), { resolution: '更换编码器，电梯已恢复运行' });
    expect([resolved.status, resolved.body['status'], resolved.body['childrenOwedResolution'], resolved.body['openChildren']]).toEqual([200, 'resolved', 25, 25]);
    expect((await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [(await seedTicket()).id] })).status).toBe(409);

    // One pass of one replica, then it stops: what it committed stays, the rest is still owed.
    expect(await replica().pass(new Date(), 20)).toMatchObject({ fired: 20, full: true });
    const halfway = await call('GET', `/v1/incidents/${id}`, agent());
    expect([halfway.body['childrenOwedResolution'], halfway.body['openChildren']]).toEqual([5, 5]);

    // Another replica, or the service restarted, finishes.
    const restarted = replica();
    expect(await restarted.fireDue()).toBe(5);
    expect(await restarted.fireDue()).toBe(0);
    const done = await call('GET', `/v1/incidents/${id}`, agent());
    expect([done.body['childrenOwedResolution'], done.body['openChildren']]).toEqual([0, 0]);
    for (const ticket of tickets) {
      const view = await call('GET', `/v1/tickets/${ticket.id}`, agent());
      expect([view.body['status'], view.body['resolution']]).toEqual(['resolved', '更换编码器，电梯已恢复运行']);
      const resolvedEvents = (await outbox(ticket.id)).filter((r) => r.event_type === 'ticket.resolved.v1');
      expect(resolvedEvents).toHaveLength(1);
      expect(JSON.parse(resolvedEvents[0]!.payload)).toMatchObject({ incidentId: id, by: 'sup-1' });
    }
    // Every caller is told it is fixed, once, before the resolution is announced.
    const announced = await outbox(id);
    expect(announced.map((r) => r.event_type)).toEqual(['incident.declared.v1', 'incident.updated.v1', 'incident.resolved.v1']);
    const told = JSON.parse(announced[1]!.payload) as { message: string; sequence: number; recipients: unknown[] };
    expect([told.message, told.sequence, told.recipients.length]).toEqual(['更换编码器，电梯已恢复运行', 1, 25]);
  });

  it('resolving with a message for the callers sends it, redacted; with notifyCustomers false, none; an incident of no callers tells nobody', async () => {
    const withMessage = await declare();
    const child = await seedTicket();
    await call('POST', `/v1/incidents/${withMessage}/children`, agent(), { ticketIds: [child.id] });
    const resolved = await call('POST', `/v1/incidents/${withMessage}/resolve`, supervisor(), { resolution: '更换编码器', customerMessage: '电梯已修复，如有问题请致电13812345678' });
    expect(resolved.status).toBe(200);
    const told = (await outbox(withMessage)).filter((r) => r.event_type === 'incident.updated.v1').map((r) => JSON.parse(r.payload) as { message: string });
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toContain('电梯已修复');
    expect(told[0]!.message).not.toContain('13812345678');

    const quiet = await declare();
    await call('POST', `/v1/incidents/${quiet}/children`, agent(), { ticketIds: [(await seedTicket()).id] });
    expect((await call('POST', `/v1/incidents/${quiet}/resolve`, supervisor(), { resolution: '已恢复', notifyCustomers: false })).status).toBe(200);
    const empty = await declare();
    expect((await call('POST', `/v1/incidents/${empty}/resolve`, supervisor(), { resolution: '已恢复' })).status).toBe(200);
    for (const id of [quiet, empty]) expect((await outbox(id)).map((r) => r.event_type)).toEqual(['incident.declared.v1', 'incident.resolved.v1']);
  });

  it('a child resolved on its own and reopened since is not resolved with the incident: it is handled on its own', async () => {
    const id = await declare();
    const [reopened, covered] = [await seedTicket(), await seedTicket()];
    await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [reopened.id, covered.id] });
    expect((await call('POST', `/v1/tickets/${reopened.id}/resolve`, agent(), { resolution: '已更换门锁' })).status).toBe(200);
    expect((await call('POST', `/v1/tickets/${reopened.id}/reopen`, supervisor(), { reason: '门还是坏的' })).status).toBe(200);
    const resolved = await call('POST', `/v1/incidents/${id}/resolve`, supervisor(), { resolution: '单元门禁系统已修复' });
    expect([resolved.status, resolved.body['childrenOwedResolution']]).toEqual([200, 1]);
    await replica().fireDue();
    expect((await call('GET', `/v1/tickets/${covered.id}`, agent())).body).toMatchObject({ status: 'resolved', resolution: '单元门禁系统已修复' });
    expect((await call('GET', `/v1/tickets/${reopened.id}`, agent())).body['status']).not.toBe('resolved');
  });

  it('a child handled on its own meanwhile keeps its resolution; offered children wait until asked', async () => {
    const id = await declare();
    const [own, waiting] = [await seedTicket(), await seedTicket()];
    await call('POST', `/v1/incidents/${id}/children`, agent(), { ticketIds: [own.id, waiting.id] });
    expect((await call('POST', `/v1/tickets/${own.id}/resolve`, agent(), { resolution: '业主自行处理' })).status).toBe(200);
    const kept = await call('POST', `/v1/incidents/${id}/resolve`, supervisor(), { resolution: '已恢复', resolveChildren: false });
    expect([kept.body['childrenOwedResolution'], kept.body['openChildren']]).toEqual([0, 1]);
    const asked = await call('POST', `/v1/incidents/${id}/resolve-children`, supervisor());
    expect([asked.status, asked.body['childrenOwedResolution']]).toEqual([200, 1]);
    await replica().fireDue();
    expect((await call('GET', `/v1/tickets/${own.id}`, agent())).body['resolution']).toBe('业主自行处理');
    expect((await call('GET', `/v1/tickets/${waiting.id}`, agent())).body['resolution']).toBe('已恢复');
  });
});
