import { OutboxWriter } from '@cs/messaging';
import { createLogger } from '@cs/observability';
import { CalendarReplica } from '@cs/platform';
import { ThrowawaySchema, throwawaySchema } from '@cs/testing';
import { MIGRATIONS } from '../infrastructure/migrations';
import { NOVEMBER_TOTAL, novemberMonth } from '../testing/november';
import { ComposeMonthlyReport } from './compose-monthly-report';
import { GenerateReports } from './generate-reports';
import { KpiQuery } from './kpi-query';
import { projectEvent } from './project-event';
import { WorkingCalendar } from './working-calendar';

let db: ThrowawaySchema;
let generate: GenerateReports;

beforeAll(async () => {
  db = await throwawaySchema('reporting_generate', MIGRATIONS);
  for (const event of novemberMonth().events) await db.dataSource.transaction((tx) => projectEvent(event, tx));
  const calendars = new WorkingCalendar(new CalendarReplica(db.dataSource));
  generate = new GenerateReports(
    db.dataSource,
    calendars,
    new ComposeMonthlyReport(new KpiQuery(db.dataSource, calendars), calendars),
    new OutboxWriter(db.schema, '/cs/reporting'),
    createLogger('reporting', 'silent'),
  );
});

afterAll(async () => {
  await db?.drop();
});

interface Row {
  event_type: string;
  payload: { kind: string; period: string; url: string; headline: Record<string, unknown> };
}

describe('periodic reports generated from the first working day', () => {
  it('given Tuesday 1 December, then November’s report is announced once with its headline figures, with last week’s', async () => {
    expect(await generate.generateDue(new Date('2026-12-01T01:00:00Z'))).toEqual(['monthly:2026-11', 'weekly:2026-W48']);
    expect(await generate.generateDue(new Date('2026-12-01T05:00:00Z'))).toEqual([]);
    const rows = await db.dataSource.query<Row[]>(`SELECT event_type, payload::jsonb AS payload FROM outbox ORDER BY seq`);
    expect(rows.map((r) => [r.event_type, r.payload.kind, r.payload.period])).toEqual([
      ['report.generated.v1', 'monthly', '2026-11'],
      ['report.generated.v1', 'weekly', '2026-W48'],
    ]);
    expect(rows[0]?.payload).toMatchObject({
      url: '/v1/reports/monthly?month=2026-11',
      headline: {
        received: NOVEMBER_TOTAL.received,
        resolutionRate: NOVEMBER_TOTAL.resolutionRate,
        satisfactionRate: NOVEMBER_TOTAL.satisfactionRate,
        callbackCompletionRate: NOVEMBER_TOTAL.callbackCompletionRate,
        majorComplaints: 1,
      },
    });
  });

  it('given a report generated already, then a pass composes nothing', async () => {
    const composing = jest.spyOn(ComposeMonthlyReport.prototype, 'execute');
    try {
      expect(await generate.generateDue(new Date('2026-12-02T01:00:00Z'))).toEqual([]);
      expect(composing).not.toHaveBeenCalled();
    } finally {
      composing.mockRestore();
    }
  });

  it('given Monday 9 November, then the report of week 45 (2–8 November) is announced; on Tuesday nothing more', async () => {
    expect(await generate.generateDue(new Date('2026-11-09T01:00:00Z'))).toEqual(['monthly:2026-10', 'weekly:2026-W45']);
    expect(await generate.generateDue(new Date('2026-11-10T01:00:00Z'))).toEqual([]);
  });

  it('given no pass on Monday 16 November (an outage), then Tuesday’s announces week 46', async () => {
    expect(await generate.generateDue(new Date('2026-11-17T03:00:00Z'))).toEqual(['weekly:2026-W46']);
  });
});
