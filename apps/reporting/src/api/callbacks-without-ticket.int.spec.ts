import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CallbackAttemptedV1 } from '@cs/contracts';
import { DEV_JWT_SECRET, signDevToken } from '@cs/auth';
import type { MonthlyReport } from '../domain/monthly-report';
import { callback, delivered, onCallback, scheduled } from '../testing/event-builders';
import { sh } from '../testing/november';
import { ReportingTestApp, reportingTestApp } from '../testing/reporting-test-app';
import { ComposeMonthlyReport } from '../application/compose-monthly-report';
import { SummarizeTickets } from '../application/summarize-tickets';
import { ReportsController } from './reports.controller';

// A key customer's plan and a care call: callbacks of no ticket, for which callback.completed.v1 is never published.
const keyCustomer = callback({ projectCode: 'P001', assignee: 'agent-k', dueAt: sh(10, '17:30') });
const care = callback({ projectCode: 'P001', assignee: 'agent-k', dueAt: sh(12, '17:30') });
const unanswered = callback({ projectCode: 'P001', assignee: 'agent-k', dueAt: sh(14, '17:30') });
const attempted = (c: typeof care, at: string, extra: Partial<{ outcome: 'reached' | 'no_answer'; satisfaction: 'neutral' }>) =>
  delivered(CallbackAttemptedV1, c.id, { ...onCallback(c, at), kind: 'key_customer', attempt: 1, outcome: 'reached', ...extra });

let reporting: ReportingTestApp;
let app: NestFastifyApplication;

beforeAll(async () => {
  const events = [
    scheduled(keyCustomer, sh(2, '09:00')),
    scheduled(care, sh(2, '09:00')),
    scheduled(unanswered, sh(2, '09:00')),
    attempted(keyCustomer, sh(10, '10:00'), { satisfaction: 'neutral' }),
    attempted(care, sh(13, '10:00'), {}),
    attempted(unanswered, sh(14, '10:00'), { outcome: 'no_answer' }),
  ];
  reporting = await reportingTestApp('reporting_callbacks_without_ticket', events, [ReportsController], [ComposeMonthlyReport, SummarizeTickets]);
  ({ app } = reporting);
});

afterAll(async () => {
  await reporting?.close();
});

it('given callbacks of no ticket reached by an attempt, then they count as completed, on time by their due time, satisfied only by a verdict given', async () => {
  const token = await signDevToken({ roles: 'manager', sub: 'manager-1' }, DEV_JWT_SECRET);
  const response = await app.inject({ method: 'GET', url: '/v1/reports/monthly?month=2026-11', headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode).toBe(200);
  const report = response.json<MonthlyReport>();
  expect(report.callbackStatistics.total).toMatchObject({ due: 3, completed: 2, satisfied: 0, dissatisfied: 1, onTime: 1, pending: 1, completionRate: 2 / 3, satisfactionRate: 0, onTimeRate: 0.5 });
  expect(report.kpis.current).toMatchObject({ callbackCompletionRate: 2 / 3, satisfactionRate: 0, callbackOnTimeRate: 0.5 });
  const [row] = await reporting.db.dataSource.query(`SELECT status, satisfied, satisfaction, on_time FROM ${reporting.db.schema}.callback_facts WHERE callback_id = $1`, [care.id]);
  expect(row).toEqual({ status: 'completed', satisfied: null, satisfaction: null, on_time: false });
});
