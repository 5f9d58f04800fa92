import { Injectable } from '@nestjs/common';
import { MonthlyReport, ReportKind, monthlyReportOf } from '../domain/monthly-report';
import { monthPeriod, previousMonth, previousWeek, weekPeriod } from '../domain/period';
import { KpiQuery } from './kpi-query';
import { WorkingCalendar } from './working-calendar';

/** 月报 / 周报 — the period's KPIs against the one before, by section and project, callbacks, topics and escalations. */
@Injectable()
export class ComposeMonthlyReport {
  constructor(
    private readonly query: KpiQuery,
    private readonly calendars: WorkingCalendar,
  ) {}

  /** `label` is `2026-11` for a monthly report, `2026-W48` for a weekly one. */
  async execute(kind: ReportKind, label: string, projects: readonly string[], scope: readonly string[] | undefined): Promise<MonthlyReport> {
    const calendar = await this.calendars.get();
    const [periodOf, before] = kind === 'monthly' ? [monthPeriod, previousMonth(label)] : [weekPeriod, previousWeek(label)];
    const period = periodOf(label, calendar.timezone);
    const [now, earlier] = await Promise.all([
      this.query.reportFacts({ period, projects, scope }),
      this.query.reportFacts({ period: periodOf(before, calendar.timezone), projects, scope }, false),
    ]);
    return monthlyReportOf({ kind, period: label, previousPeriod: before, ...period }, now, earlier);
  }
}
