import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_JWT_SECRET, Role, signDevToken } from '@cs/auth';
import { CalendarReplica } from '@cs/platform';
import type { ThrowawaySchema } from '@cs/testing';
import { insertSpotCheck } from '../infrastructure/scorecard.repository';
import { ReportingTestApp, reportingTestApp } from '../testing/reporting-test-app';
import { NOVEMBER_P001, NOVEMBER_P002, NOVEMBER_TOTAL, novemberMonth } from '../testing/november';
import { callback, scheduled } from '../testing/event-builders';
import { KpisController } from './kpis.controller';

let db: ThrowawaySchema;
let app: NestFastifyApplication;
const month = novemberMonth();

let reporting: ReportingTestApp;

/** t2's second callback, due in December and assigned to another agent: still one of t2's callbacks on its export row. */
const december = callback({ ticket: month.tickets.t2, projectCode: 'P001', assignee: 'agent-b', dueAt: '2026-12-03T09:30:00.000Z' });

beforeAll(async () => {
  reporting = await reportingTestApp('reporting_kpis', [...month.events, scheduled(december, '2026-11-30T02:00:00.000Z')], [KpisController]);
  ({ db, app } = reporting);
});

afterAll(async () => {
  await reporting?.close();
});

async function get(url: string, role: Role, projects?: readonly string[]) {
  const token = await signDevToken({ roles: role, sub: `${role}-1`, ...(projects ? { projects } : {}) }, DEV_JWT_SECRET);
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, headers: response.headers, text: response.body, json: () => response.json<Record<string, unknown>>() };
}

const group = (body: Record<string, unknown>, key: string) => (body['groups'] as { key: string }[]).find((g) => g.key === key);

describe('GET /v1/kpis', () => {
  it('given the hand-worked November, when a manager reads the month, then every figure of the total is as computed by hand', async () => {
    const response = await get('/v1/kpis?from=2026-11&groupBy=project', 'manager');
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body['from']).toBe('2026-10-31T16:00:00.000Z');
    expect(body['to']).toBe('2026-11-30T16:00:00.000Z');
    expect(body['total']).toEqual(NOVEMBER_TOTAL);
  });

  it('given the month grouped by project, then each project has its own hand-computed figures and its drill-down query', async () => {
    const body = (await get('/v1/kpis?from=2026-11&to=2026-11&groupBy=project', 'supervisor')).json();
    expect((body['groups'] as { key: string }[]).map((g) => g.key)).toEqual(['P001', 'P002']);
    expect(group(body, 'P001')).toEqual({
      key: 'P001',
      ...NOVEMBER_P001,
      tickets: '/v1/kpis/tickets?from=2026-10-31T16%3A00%3A00.000Z&to=2026-11-30T16%3A00%3A00.000Z&groupBy=project&key=P001',
    });
    expect(group(body, 'P002')).toMatchObject(NOVEMBER_P002);
  });

  it('given the month of two projects grouped by agent, then each group’s drill-down query is one the ticket list answers, with the same tickets', async () => {
    const body = (await get('/v1/kpis?from=2026-11&project=P001,P002&groupBy=agent', 'manager')).json();
    const groups = body['groups'] as { key: string; received: number; tickets: string }[];
    expect(groups.map((g) => g.key)).toEqual(['agent-a', 'agent-b']);
    for (const g of groups) {
      expect(g.tickets).toContain('project=P001%2CP002');
      const listed = await get(g.tickets, 'manager');
      expect(listed.status).toBe(200);
      expect(listed.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1 + g.received);
    }
  });

  it('given grouping by agent, then tickets count for their owner and callbacks for their assignee', async () => {
    const body = (await get('/v1/kpis?from=2026-11-01&to=2026-11-30&groupBy=agent', 'quality')).json();
    expect(group(body, 'agent-a')).toMatchObject({ received: 2, resolved: 1, callbackCompletionRate: 1, satisfactionRate: 0.5, callbackOnTimeRate: 0.5, recordCompletenessRate: 0 });
    expect(group(body, 'agent-b')).toMatchObject({ received: 2, resolved: 1, callbackCompletionRate: 0, satisfactionRate: null, recordCompletenessRate: 1 });
  });

  it('given grouping by section, channel and department, then the keys are the sections, channels and departments (none when undispatched)', async () => {
    const keys = async (by: string) => ((await get(`/v1/kpis?from=2026-11&groupBy=${by}`, 'manager')).json()['groups'] as { key: string; received: number }[]).map((g) => [g.key, g.received]);
    expect(await keys('section')).toEqual([
      ['complaint', 2],
      ['consultation', 1],
      ['none', 0],
      ['repair', 1],
    ]);
    expect(await keys('channel')).toEqual([
      ['none', 0],
      ['phone', 3],
      ['wechat', 1],
    ]);
    expect(await keys('department')).toEqual([
      ['engineering', 2],
      ['none', 2],
    ]);
  });

  it('given an ISO week, then only the tickets received that week count', async () => {
    const body = (await get('/v1/kpis?from=2026-W46', 'manager')).json();
    expect(body['from']).toBe('2026-11-08T16:00:00.000Z');
    expect((body['total'] as { received: number }).received).toBe(1);
  });

  it('given a manager limited to P002, when reading every project, then no P001 figure appears', async () => {
    const body = (await get('/v1/kpis?from=2026-11&groupBy=project', 'manager', ['P002'])).json();
    expect((body['groups'] as { key: string }[]).map((g) => g.key)).toEqual(['P002']);
    expect(body['total']).toEqual(NOVEMBER_P002);
    const asked = (await get('/v1/kpis?from=2026-11&groupBy=project&project=P001', 'manager', ['P002'])).json();
    expect(asked['groups']).toEqual([]);
    expect((asked['total'] as { received: number }).received).toBe(0);
  });

  it('given a project filter, then only that project counts', async () => {
    const body = (await get('/v1/kpis?from=2026-11&project=P002', 'manager')).json();
    expect(body['total']).toEqual(NOVEMBER_P002);
  });

  it.each<Role>(['agent', 'handler', 'admin'])('given the %s role, then it is 403', async (role) => {
    expect((await get('/v1/kpis?from=2026-11', role)).status).toBe(403);
    expect((await get('/v1/kpis/tickets?from=2026-11', role)).status).toBe(403);
  });

  it.each([
    ['from=2026-13', 'from'],
    ['from=2026-11&to=2026-W60', 'to'],
    ['from=2026-11&groupBy=building', 'groupBy'],
    ['from=2026-11&to=2026-10', 'to'],
    ['to=2026-11', 'from'],
  ])('given %s, then it is 400 naming %s', async (query, field) => {
    const response = await get(`/v1/kpis?${query}`, 'manager');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect((response.json()['errors'] as { field: string }[]).map((e) => e.field)).toContain(field);
  });
});

describe('GET /v1/kpis/topics', () => {
  it('given November, then the consultation items are counted against the 30 days before it', async () => {
    const body = (await get('/v1/kpis/topics?from=2026-11', 'supervisor')).json();
    expect(body['previousFrom']).toBe('2026-10-01T16:00:00.000Z');
    expect(body['topics']).toEqual([{ itemCode: 'consultation.property_service', count: 1, previous: 0, change: 1 }]);
  });
});

describe('GET /v1/kpis/tickets', () => {
  it('given a group drill-down, then one CSV row per ticket of the group carries the fields its KPIs used', async () => {
    const response = await get('/v1/kpis/tickets?from=2026-11&groupBy=project&key=P001', 'manager');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = response.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const columns = (header ?? '').split(',');
    expect(rows).toHaveLength(3);
    const t2 = rows.map((r) => r.split(',')).find((r) => r[columns.indexOf('number')] === month.tickets.t2.number) ?? [];
    const field = (name: string) => t2[columns.indexOf(name)];
    expect(field('firstResponseMinutes')).toBe('120');
    expect(field('resolved')).toBe('false');
    expect(field('resolutionBreached')).toBe('true');
    // Dispatched in time, the handler on site after the on-site clock ran out.
    expect([field('dispatchBreached'), field('onSiteAt'), field('onSiteBreached')]).toEqual(['false', '2026-11-03T01:20:00.000Z', 'true']);
    expect(field('reopenCount')).toBe('1');
    expect(field('extensions')).toBe('1');
    // c2, due in November, and the callback due in December assigned to agent-b.
    expect(field('callbacksDue')).toBe('2');
    expect(field('callbacksCompleted')).toBe('1');
    expect(field('callbacksSatisfied')).toBe('0');
  });

  it('given a manager limited to P002 asking for P001, then the export has the header only', async () => {
    const response = await get('/v1/kpis/tickets?from=2026-11&project=P001', 'manager', ['P002']);
    expect(response.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });

  it('given a key without a grouping, then it is 400 naming groupBy rather than every ticket of the month', async () => {
    const response = await get('/v1/kpis/tickets?from=2026-11&key=complaint', 'manager');
    expect([response.status, response.json()['code'], response.json()['errors']]).toEqual([400, 'REPORT.KEY_WITHOUT_GROUPING', [expect.objectContaining({ field: 'groupBy', code: 'required' })]]);
  });

  it('given more than a year to export, then it is 400 naming to; a year is exported', async () => {
    const tooLong = await get('/v1/kpis/tickets?from=2025-11&to=2026-11', 'manager');
    expect([tooLong.status, tooLong.json()['code'], tooLong.json()['errors']]).toEqual([400, 'REPORT.PERIOD_TOO_LONG', [expect.objectContaining({ field: 'to', code: 'out_of_range' })]]);
    expect((await get('/v1/kpis/tickets?from=2025-12&to=2026-11', 'manager')).status).toBe(200);
  });
});

describe('periods the figures refuse', () => {
  it.each([
    ['/v1/kpis/topics?from=1900-01&to=9999-12', 'to', 'REPORT.PERIOD_TOO_LONG'],
    ['/v1/kpis?from=1900-01&to=9999-12', 'to', 'REPORT.PERIOD_TOO_LONG'],
    ['/v1/kpis?from=0001-01', 'from', 'REPORT.PERIOD_TOO_EARLY'],
    ['/v1/kpis/topics?from=1899-12', 'from', 'REPORT.PERIOD_TOO_EARLY'],
  ])('given %s, then it is 400 naming the field, not a read of every table (nor a date Postgres cannot hold)', async (url, field, code) => {
    const response = await get(url, 'manager');
    expect([response.status, response.json()['code'], response.json()['errors']]).toEqual([400, code, [expect.objectContaining({ field, code: 'out_of_range' })]]);
  });

  it('given a month or week of year 0000, then it is 400 naming the bound as a month of the report or a scorecard is refused', async () => {
    for (const [url, field] of [['/v1/kpis?from=0000-01', 'from'], ['/v1/kpis/topics?from=1900-01&to=0000-W01', 'to']] as const) {
      const response = await get(url, 'manager');
      expect([response.status, response.json()['code'], response.json()['errors']]).toEqual([400, 'VALIDATION.FAILED', [expect.objectContaining({ field, code: 'invalid_format' })]]);
    }
  });

  it('given ten years of topics from 1900, then the preceding ten years are counted, not refused', async () => {
    expect((await get('/v1/kpis/topics?from=1910-01&to=1919-12', 'manager')).status).toBe(200);
  });
});

const hours: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const office = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] };

describe('working minutes by the published calendar', () => {
  it('given the tickets service publishes a calendar with 3 November a holiday, then first-response minutes follow it', async () => {
    await db.dataSource.transaction((tx) =>
      new CalendarReplica(db.dataSource).apply(tx, {
        calendarId: 'default',
        version: 2,
        document: {
          timezone: 'Asia/Shanghai',
          workingHours: office,
          holidays: [{ date: '2026-11-03', name: '公司假日' }],
          workingDays: [],
        },
        at: new Date().toISOString(),
      }),
    );
    // t1 still 60; t2 opened Mon 17:00 and answered on the holiday: only Monday's last 30 minutes count.
    const body = (await get('/v1/kpis?from=2026-11&project=P001', 'manager')).json();
    expect((body['total'] as { firstResponseMinutes: unknown }).firstResponseMinutes).toEqual({ p50: 30, p90: 60 });
  });
});

describe('answer accuracy (解答准确率)', () => {
  it('given spot checks in the month, then the rate is passed / checked in the total, by agent and by project, in no section group, and only of the reader’s projects', async () => {
    const check = (agentId: string, projectCode: string | null, passed: boolean, at = '2026-11-20T02:00:00Z') =>
      insertSpotCheck(db.dataSource.manager, {
        id: randomUUID(),
        agentId,
        targetKind: 'recording',
        targetId: null,
        targetUrl: 'https://recordings.example.com/call.mp3',
        projectCode,
        passed,
        comments: passed ? '规范' : '答复不准确',
        checkedAt: new Date(at),
        checkedBy: 'quality-1',
      });
    await check('agent-a', 'P001', true);
    await check('agent-a', 'P001', false);
    await check('agent-b', 'P002', true);
    await check('agent-b', 'P002', true, '2026-12-02T02:00:00Z');

    const byAgent = (await get('/v1/kpis?from=2026-11&groupBy=agent', 'manager')).json();
    expect((byAgent['total'] as { answerAccuracyRate: number }).answerAccuracyRate).toBeCloseTo(2 / 3);
    expect([group(byAgent, 'agent-a'), group(byAgent, 'agent-b')].map((g) => (g as { answerAccuracyRate: number } | undefined)?.answerAccuracyRate)).toEqual([0.5, 1]);
    const byProject = (await get('/v1/kpis?from=2026-11&groupBy=project', 'manager', ['P002'])).json();
    expect((byProject['total'] as { answerAccuracyRate: number }).answerAccuracyRate).toBe(1);
    expect((byProject['groups'] as { key: string }[]).map((g) => g.key)).toEqual(['P002']);
    const bySection = (await get('/v1/kpis?from=2026-11&groupBy=section', 'manager')).json();
    expect((bySection['groups'] as { answerAccuracyRate: number | null }[]).every((g) => g.answerAccuracyRate === null)).toBe(true);
  });
});
