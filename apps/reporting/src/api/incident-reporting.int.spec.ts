import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import { IncidentDeclaredV1, IncidentDispatchedV1, IncidentResolvedV1, IncidentSlaBreachedV1, SlaBreachedV1, TicketIncidentJoinedV1, TicketMergedV1, TicketResolvedV1 } from '@cs/contracts';
import { ComposeMonthlyReport } from '../application/compose-monthly-report';
import { SummarizeTickets } from '../application/summarize-tickets';
import type { MonthlyReport } from '../domain/monthly-report';
import { created, delivered, onTicket, ticket, ticketEvent } from '../testing/event-builders';
import { ReportingTestApp, reportingTestApp } from '../testing/reporting-test-app';
import { KpisController } from './kpis.controller';
import { ReportsController } from './reports.controller';

/**
 * 群发事件 in the read model, from the events as the tickets service publishes them (each twice,
 * as a redelivery would): three callers about one lift in P001 (and a fourth ticket that joined it,
 * a duplicate of the first caller's merged into it, which counts for nothing), one matter of its
 * own resolved late, and one incident in P002 no P001 reader may see, still open past its
 * resolution deadline.
 */
const sh = (day: number, time: string) => new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`).toISOString();
const lift = { incidentId: randomUUID(), number: 'INC-20261105-0001', projectCode: 'P001', building: '3', itemCode: 'repair.public_area' };
const water = { incidentId: randomUUID(), number: 'INC-20261106-0001', projectCode: 'P002', itemCode: 'repair.public_area' };
const callers = [1, 2, 3].map(() => ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'phone', ownerId: 'agent-7', openedAt: sh(5, '10:05') }));
const own = ticket({ itemCode: 'repair.own_unit', projectCode: 'P001', channel: 'phone', ownerId: 'agent-7', openedAt: sh(5, '11:00') });
const duplicate = ticket({ itemCode: 'repair.public_area', projectCode: 'P001', channel: 'wechat', ownerId: 'agent-7', openedAt: sh(5, '10:06') });

function incidentBase(i: typeof lift | typeof water, at: string, status: 'open' | 'resolved' = 'open') {
  return { ...i, status, at, by: 'supervisor-1' };
}

const events = [
  delivered(IncidentDeclaredV1, lift.incidentId, {
    ...incidentBase(lift, sh(5, '10:00')),
    sectionCode: 'repair',
    title: '3栋1号电梯停运',
    description: '3栋1号电梯停在12楼',
    priority: 'high',
  }),
  delivered(IncidentDeclaredV1, water.incidentId, { ...incidentBase(water, sh(6, '08:00')), sectionCode: 'repair', title: '停水', description: '主管爆裂', priority: 'urgent' }),
  delivered(IncidentSlaBreachedV1, water.incidentId, { ...incidentBase(water, sh(6, '12:00')), clock: 'resolution', dueAt: sh(6, '12:00'), notify: { roles: ['supervisor'] } }),
  ...[...callers, own, duplicate].map(created),
  ...[...callers, duplicate].map((t) => ticketEvent(TicketIncidentJoinedV1, t, sh(5, '10:10'), { incidentId: lift.incidentId, incidentNumber: lift.number })),
  delivered(TicketMergedV1, duplicate.id, {
    ...onTicket(duplicate, sh(5, '10:12')),
    status: 'closed',
    mergedTicketId: duplicate.id,
    survivorTicketId: callers[0]!.id,
    survivorNumber: callers[0]!.number,
    contactsMoved: 1,
  }),
  delivered(IncidentDispatchedV1, lift.incidentId, { ...incidentBase(lift, sh(5, '10:15')), department: 'engineering' }),
  delivered(IncidentResolvedV1, lift.incidentId, {
    ...incidentBase(lift, sh(5, '13:30'), 'resolved'),
    resolution: '更换编码器，已恢复',
    declaredAt: sh(5, '10:00'),
    // Another of its clocks was breached; its resolution was on time, and that alone judges it.
    breached: true,
    resolutionBreached: false,
    childCount: 3,
    resolveChildren: true,
  }),
  ...callers.map((t) =>
    ticketEvent(TicketResolvedV1, t, sh(5, '13:31'), { resolution: '更换编码器，已恢复', reopenCount: 0, breached: false, incidentId: lift.incidentId }),
  ),
  ticketEvent(SlaBreachedV1, own, sh(8, '17:30'), { clock: 'resolution', dueAt: sh(8, '17:30'), notify: { roles: ['supervisor'] } }),
  ticketEvent(TicketResolvedV1, own, sh(9, '10:00'), { resolution: '已修复', reopenCount: 0, breached: true }),
];

let app: NestFastifyApplication;
let reporting: ReportingTestApp;

beforeAll(async () => {
  reporting = await reportingTestApp('reporting_incidents', [...events, ...events], [KpisController, ReportsController], [ComposeMonthlyReport, SummarizeTickets]);
  ({ app } = reporting);
});

afterAll(async () => {
  await reporting?.close();
});

async function get(url: string, projects?: readonly string[]) {
  const token = await signDevToken({ roles: 'manager', sub: 'manager-1', ...(projects ? { projects } : {}) }, DEV_JWT_SECRET);
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

describe('incidents in the KPIs', () => {
  it('counts one fault for three callers: 4 received, 1 incident of P001 with 3 callers, 2 distinct matters; resolution on time judged for the incident and the own matter', async () => {
    const body = (await get('/v1/kpis?from=2026-11&groupBy=project', ['P001'])).json<{ total: Record<string, unknown>; groups: { key: string }[] }>();
    expect(body.total).toMatchObject({ received: 4, resolved: 4, incidents: 1, incidentChildren: 3, distinctMatters: 2, resolutionOnTimeRate: 0.5 });
    const everyone = (await get('/v1/kpis?from=2026-11&groupBy=project')).json<{ total: Record<string, unknown>; groups: { key: string; incidents: number }[] }>();
    // P002's incident is still open, but its resolution clock ran out: judged, late.
    expect(everyone.total).toMatchObject({ incidents: 2, distinctMatters: 3, resolutionOnTimeRate: 1 / 3 });
    expect(everyone.groups.map((g) => [g.key, g.incidents])).toEqual([
      ['P001', 1],
      ['P002', 1],
    ]);
  });

  it('exports which incident each ticket joined in the drill-down', async () => {
    const csv = (await get('/v1/kpis/tickets?from=2026-11')).body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = csv[0]!.split(',');
    const column = header.indexOf('incidentId');
    expect(column).toBeGreaterThan(0);
    const joined = csv.slice(1).filter((line) => line.split(',')[column] === lift.incidentId);
    expect(joined).toHaveLength(3);
  });
});

describe('incidents in the monthly report', () => {
  it('lists the month’s incidents of the reader’s projects with their duration and how many called', async () => {
    const body = (await get('/v1/reports/monthly?month=2026-11', ['P001'])).json<MonthlyReport>();
    expect(body.incidents).toEqual([
      {
        incidentId: lift.incidentId,
        number: lift.number,
        projectCode: 'P001',
        building: '3',
        itemCode: 'repair.public_area',
        title: '3栋1号电梯停运',
        department: 'engineering',
        declaredAt: sh(5, '10:00'),
        resolvedAt: sh(5, '13:30'),
        durationMinutes: 210,
        children: 3,
        breached: false,
      },
    ]);
    const all = (await get('/v1/reports/monthly?month=2026-11')).json<MonthlyReport>();
    expect(all.incidents.map((i) => [i.number, i.resolvedAt, i.durationMinutes, i.children])).toEqual([
      [lift.number, sh(5, '13:30'), 210, 3],
      [water.number, null, null, 0],
    ]);
  });
});
