import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isWorkingDay } from '@cs/business-calendar';
import { ReportGeneratedV1 } from '@cs/contracts';
import { OutboxWriter } from '@cs/messaging';
import type { Logger } from '@cs/observability';
import { BackgroundLoop, LOGGER, OUTBOX } from '@cs/platform';
import { reportsDue } from '../domain/report-schedule';
import { claimReport, reportGenerated } from '../infrastructure/generated-reports.repository';
import { ComposeMonthlyReport } from './compose-monthly-report';
import { REPORT_FORMATS } from './render-report';
import { WorkingCalendar } from './working-calendar';

/** Often enough that a report is out within minutes of the working day's start. */
const CHECK_EVERY_MS = 5 * 60_000;

/**
 * 月报/周报自动生成 — from the first working day of a month (of a week) the previous month's (week's)
 * report is generated company-wide and announced as `report.generated`, once across replicas
 * and restarts; subscribers fetch it in the format they want. A report left behind by a day
 * without a pass is generated at the next one; one generated already is not composed again.
 */
@Injectable()
export class GenerateReports extends BackgroundLoop {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendars: WorkingCalendar,
    private readonly reports: ComposeMonthlyReport,
    @Inject(OUTBOX) private readonly outbox: OutboxWriter,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('generating periodic reports', logger, CHECK_EVERY_MS);
  }

  /** Generates what is due at `now`; returns the periods announced. */
  async generateDue(now = new Date()): Promise<string[]> {
    const calendar = await this.calendars.get();
    const announced: string[] = [];
    for (const due of reportsDue(now, calendar.timezone, (day) => isWorkingDay(calendar, day))) {
      if (await reportGenerated(this.dataSource.manager, due.kind, due.period)) continue;
      const report = await this.reports.execute(due.kind, due.period, [], undefined);
      const id = randomUUID();
      const fresh = await this.dataSource.transaction(async (tx) => {
        if (!(await claimReport(tx, id, due.kind, due.period, now))) return false;
        const param = due.kind === 'monthly' ? 'month' : 'week';
        await this.outbox.append(tx, ReportGeneratedV1, id, {
          reportId: id,
          kind: due.kind,
          period: due.period,
          from: report.from,
          to: report.to,
          generatedAt: now.toISOString(),
          url: `/v1/reports/${due.kind}?${param}=${due.period}`,
          formats: Object.values(REPORT_FORMATS),
          headline: {
            received: report.kpis.current.received,
            resolutionRate: report.kpis.current.resolutionRate,
            satisfactionRate: report.kpis.current.satisfactionRate,
            callbackCompletionRate: report.kpis.current.callbackCompletionRate,
            majorComplaints: report.kpis.current.majorComplaints,
          },
        });
        return true;
      });
      if (fresh) announced.push(`${due.kind}:${due.period}`);
    }
    return announced;
  }

  protected async poll(): Promise<void> {
    await this.generateDue();
  }
}
