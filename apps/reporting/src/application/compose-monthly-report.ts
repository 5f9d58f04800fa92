import { Injectable } from '@nestjs/common';
import { MonthlyReport, monthlyReport } from '../domain/monthly-report';
import { monthPeriod, previousMonth } from '../domain/period';
import { KpiQuery } from './kpi-query';
import { WorkingCalendar, durationsBy } from './working-calendar';

/** 月报 — the month's KPIs against the month before, by section and project, callbacks, topics and escalations. */
@Injectable()
export class ComposeMonthlyReport {
  constructor(
    private readonly query: KpiQuery,
    private readonly calendars: WorkingCalendar,
  ) {}

  async execute(month: string, projects: readonly string[], scope: readonly string[] | undefined): Promise<MonthlyReport> {
    const calendar = await this.calendars.get();
    const period = monthPeriod(month, calendar.timezone);
    const before = previousMonth(month);
    const [now, earlier] = await Promise.all([
      this.query.facts({ period, projects, scope }),
      this.query.facts({ period: monthPeriod(before, calendar.timezone), projects, scope }),
    ]);
    return monthlyReport({ month, previousMonth: before, ...period }, now, earlier, durationsBy(calendar));
  }
}
