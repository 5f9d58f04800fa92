import ExcelJS from 'exceljs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Browser, chromium } from 'playwright-core';
import { DEV_JWT_SECRET, Role, signDevToken } from '@cs/auth';
import { ReportingTestApp, reportingTestApp } from '../testing/reporting-test-app';
import { ComposeMonthlyReport } from '../application/compose-monthly-report';
import { SummarizeTickets } from '../application/summarize-tickets';
import type { MonthlyReport } from '../domain/monthly-report';
import { NOVEMBER_P002, NOVEMBER_TOTAL, novemberMonth } from '../testing/november';
import { ReportsController } from './reports.controller';

let app: NestFastifyApplication;
const month = novemberMonth();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let reporting: ReportingTestApp;

beforeAll(async () => {
  reporting = await reportingTestApp('reporting_monthly', month.events, [ReportsController], [ComposeMonthlyReport, SummarizeTickets]);
  ({ app } = reporting);
});

afterAll(async () => {
  await reporting?.close();
});

async function get(url: string, options: { role?: Role; accept?: string; projects?: readonly string[] } = {}) {
  const role = options.role ?? 'manager';
  const token = await signDevToken({ roles: role, sub: `${role}-1`, ...(options.projects ? { projects: options.projects } : {}) }, DEV_JWT_SECRET);
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...(options.accept ? { accept: options.accept } : {}) } });
}

/** October holds only t0: one P001 repair ticket received, nothing else done. */
const OCTOBER_RECEIVED = 1;

describe('GET /v1/reports/monthly', () => {
  it('given November, when read as JSON, then the KPIs match the hand-computed month and the change is against October', async () => {
    const response = await get('/v1/reports/monthly?month=2026-11');
    expect(response.statusCode).toBe(200);
    const body = response.json<MonthlyReport>();
    expect(body.period).toBe('2026-11');
    expect(body.kind).toBe('monthly');
    expect(body.previousPeriod).toBe('2026-10');
    expect(body.kpis.current).toEqual(NOVEMBER_TOTAL);
    expect(body.kpis.previous.received).toBe(OCTOBER_RECEIVED);
    expect(body.kpis.change.received).toBe(NOVEMBER_TOTAL.received - OCTOBER_RECEIVED);
    expect(body.kpis.change.resolutionRate).toBe(0.5);
    expect(body.kpis.change.satisfactionRate).toBeNull();
    expect(body.bySection.map((g) => g.key)).toEqual(['complaint', 'consultation', 'none', 'repair']);
    expect(body.bySection.find((g) => g.key === 'repair')?.change.received).toBe(0);
    expect(body.byProject.find((g) => g.key === 'P002')?.current).toEqual(NOVEMBER_P002);
    expect(body.callbackStatistics.total).toEqual({
      section: 'total',
      due: 4,
      completed: 2,
      satisfied: 1,
      dissatisfied: 1,
      onTime: 1,
      failed: 1,
      overdue: 0,
      cancelled: 1,
      pending: 1,
      completionRate: 0.5,
      satisfactionRate: 0.5,
      onTimeRate: 0.5,
    });
    expect(body.callbackStatistics.rows.map((r) => [r.section, r.due])).toEqual([
      ['complaint', 2],
      ['none', 1],
      ['repair', 1],
    ]);
    expect(body.topTopics).toEqual([{ itemCode: 'consultation.property_service', count: 1, previous: 0, change: 1 }]);
    expect(body.escalations).toEqual([expect.objectContaining({ number: month.tickets.t3.number, level: 1, majorComplaint: true, resolved: false })]);
    expect(body.escalationsTotal).toBe(1);
  });

  it('given a manager limited to P002, then the report holds no P001 figure', async () => {
    const body = (await get('/v1/reports/monthly?month=2026-11', { projects: ['P002'] })).json<MonthlyReport>();
    expect(body.kpis.current).toEqual(NOVEMBER_P002);
    expect(body.byProject.map((g) => g.key)).toEqual(['P002']);
    expect(body.topTopics).toEqual([]);
  });

  it('given Accept text/csv, then the CSV carries the same figures as the JSON', async () => {
    const response = await get('/v1/reports/monthly?month=2026-11', { accept: 'text/csv' });
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = response.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    const kpi = (metric: string) => rows.find((r) => r[0] === 'kpis' && r[1] === metric);
    expect(kpi('received')?.slice(3, 6)).toEqual(['4', '1', '3']);
    expect(kpi('callbackCompletionRate')?.[3]).toBe('0.5');
    expect(kpi('firstResponseMinutes.p90')?.[3]).toBe('120');
    expect(rows.find((r) => r[0] === 'callbackStatistics' && r[1] === 'total')?.slice(1, 4)).toEqual(['total', '4', '2']);
    expect(rows.some((r) => r[0] === '#topTopics')).toBe(true);
  });

  it('given Accept XLSX, then the workbook opens with a sheet per table and the same figures', async () => {
    const response = await get('/v1/reports/monthly?month=2026-11', { accept: XLSX });
    expect(response.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['2026-11 关键指标（对比 2026-10）', '按板块', '按项目', '回访客户月统计表', '咨询内容分类统计', '升级与重大投诉', '群发事件']);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['metric', 'label', 'current', 'previous', 'change']);
    expect(values.find((v) => v[0] === 'received')).toEqual(['received', '受理量', 4, 1, 3]);
    expect(values.find((v) => v[0] === 'reopenRate')?.[2]).toBeCloseTo(1 / 3, 12);
  });

  describe('as printable HTML', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('given Accept text/html, then headless Chromium shows four SVG charts with drawn marks and the tables', async () => {
      const response = await get('/v1/reports/monthly?month=2026-11', { accept: 'text/html' });
      expect(response.headers['content-type']).toContain('text/html');
      const page = await browser.newPage();
      await page.setContent(response.body, { waitUntil: 'load' });
      const charts = await page.$$eval('figure.chart svg', (svgs) =>
        svgs.map((svg) => ({ width: svg.getBoundingClientRect().width, marks: svg.querySelectorAll('path, rect').length })),
      );
      expect(charts).toHaveLength(4);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.marks).toBeGreaterThan(1);
      }
      const received = await page.$$eval('section[data-table="kpis"] tbody tr', (rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)).find((cells) => cells[0] === 'received'),
      );
      expect(received).toEqual(['received', '受理量', '4', '1', '3']);
      await page.close();
    });
  });

  it('given an ISO week, then the weekly report compares it with the week before', async () => {
    const body = (await get('/v1/reports/weekly?week=2026-W45')).json<MonthlyReport>();
    expect(body).toMatchObject({ kind: 'weekly', period: '2026-W45', previousPeriod: '2026-W44', from: '2026-11-01T16:00:00.000Z' });
    // t1, t2, t3 were received 2–3 November; t0 on 31 October, in week 44.
    expect([body.kpis.current.received, body.kpis.previous.received]).toEqual([3, 1]);
  });

  it('given an agent, then it is 403; given a bad month, then 400 names month', async () => {
    expect((await get('/v1/reports/monthly?month=2026-11', { role: 'agent' })).statusCode).toBe(403);
    const bad = await get('/v1/reports/monthly?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect((bad.json<{ errors: { field: string }[] }>().errors).map((e) => e.field)).toEqual(['month']);
  });

  it('given a week 53 of a year that has none, or year 0000, then it is 400 naming week or month, not a failed report', async () => {
    for (const url of ['/v1/reports/weekly?week=4868-W53', '/v1/reports/weekly?week=2027-W53', '/v1/reports/weekly?week=0000-W01', '/v1/reports/monthly?month=0000-01']) {
      const bad = await get(url);
      expect(bad.statusCode).toBe(400);
      expect((bad.json<{ errors: { field: string }[] }>().errors).map((e) => e.field)).toEqual([url.includes('weekly') ? 'week' : 'month']);
    }
  });

  it('given a year before 1000, then the report compares with the week or month before, labelled with four digits', async () => {
    expect((await get('/v1/reports/weekly?week=0217-W07')).json<MonthlyReport>()).toMatchObject({ period: '0217-W07', previousPeriod: '0217-W06' });
    expect((await get('/v1/reports/monthly?month=0217-01')).json<MonthlyReport>()).toMatchObject({ period: '0217-01', previousPeriod: '0216-12' });
  });

  it('given project, then it is one comma-separated list: repeated, or with an empty code, it is 400 naming project', async () => {
    expect((await get('/v1/reports/monthly?month=2026-11&project=P001,P002')).statusCode).toBe(200);
    expect((await get('/v1/reports/monthly?month=2026-11&project=')).statusCode).toBe(200);
    for (const query of ['project=&project=', 'project=P001&project=P002', 'project=P001,', 'project=,P001']) {
      const bad = await get(`/v1/reports/monthly?month=2026-11&${query}`);
      expect(bad.statusCode).toBe(400);
      expect((bad.json<{ errors: { field: string }[] }>().errors).map((e) => e.field)).toEqual(['project']);
    }
  });
});

describe('GET /v1/reports/summary', () => {
  const summary = async (query: string) => {
    const response = await get(`/v1/reports/summary${query}`);
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  const YEAR_MS = 366 * 86_400_000;

  it('given November, then it counts the tickets received in it and names the period', async () => {
    const { status, body } = await summary('?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', ticketsOpened: NOVEMBER_TOTAL.received });
  });

  it('given one bound or none, then the period is the 366 days from it, to it, or to now, never every ticket ever recorded', async () => {
    const fromOnly = (await summary('?from=2026-10-31T16:00:00Z')).body;
    expect(fromOnly).toMatchObject({ from: '2026-10-31T16:00:00.000Z', to: new Date(Date.parse('2026-10-31T16:00:00Z') + YEAR_MS).toISOString() });
    expect(fromOnly['ticketsOpened']).toBe((await summary(`?from=2026-10-31T16:00:00Z&to=${String(fromOnly['to'])}`)).body['ticketsOpened']);
    const toOnly = (await summary('?to=2026-11-30T16:00:00Z')).body;
    expect(toOnly).toMatchObject({ from: new Date(Date.parse('2026-11-30T16:00:00Z') - YEAR_MS).toISOString(), to: '2026-11-30T16:00:00.000Z' });
    expect(toOnly['ticketsOpened']).toBe(NOVEMBER_TOTAL.received + OCTOBER_RECEIVED);
    const before = Date.now();
    const unbounded = (await summary('')).body;
    const to = Date.parse(String(unbounded['to']));
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to).toBeLessThanOrEqual(Date.now());
    expect(to - Date.parse(String(unbounded['from']))).toBe(YEAR_MS);
  });

  it.each([
    ['?from=2025-01-01T00:00:00Z&to=2026-12-01T00:00:00Z', 'to', 'REPORT.PERIOD_TOO_LONG'],
    ['?from=1899-12-31T00:00:00Z&to=1900-02-01T00:00:00Z', 'from', 'REPORT.PERIOD_TOO_EARLY'],
    ['?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z', 'to', 'REPORT.EMPTY_PERIOD'],
  ])('given %s, then it is 400 naming the field', async (query, field, code) => {
    const { status, body } = await summary(query);
    expect([status, body['code'], body['errors']]).toEqual([400, code, [expect.objectContaining({ field, code: 'out_of_range' })]]);
  });
});
