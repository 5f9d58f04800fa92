import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { KPI_FORMULAS } from '../domain/kpis';
import { kpiTicketsCsv } from '../application/kpi-tickets-csv';
import { KpiQuery, KpiReport, KpiSelection } from '../application/kpi-query';
import { WorkingCalendar, durationsBy } from '../application/working-calendar';
import { KpiQueryDto, KpiReportView, KpiTicketsQueryDto, PeriodQuery, TopicsView, projectCodes } from './kpis.dto';
import { MAX_EXPORT_DAYS, MAX_PERIOD_DAYS, ReadsReports, periodOf } from './report-access';
import { RequestValidationError } from '@cs/platform';

const FORMULAS = Object.entries(KPI_FORMULAS)
  .map(([name, formula]) => `- \`${name}\`: ${formula}`)
  .join('\n');

/** 统计指标 — the figures management measures, per section, item, channel, project, department or agent. */
@ApiTags('kpis')
@ScopedByProject()
@ReadsReports()
@Controller('v1/kpis')
export class KpisController {
  constructor(
    private readonly query: KpiQuery,
    private readonly calendars: WorkingCalendar,
  ) {}

  private async selection(q: PeriodQuery, scope: ProjectScope, maxDays = MAX_PERIOD_DAYS): Promise<KpiSelection> {
    const calendar = await this.calendars.get();
    return { period: periodOf(q, calendar.timezone, maxDays), projects: projectCodes(q.project), scope: scopedProjects(scope) };
  }

  @Get()
  @ApiOperation({
    summary: 'KPIs of a period, grouped (your projects only)',
    description:
      'Tickets count in the period they were received in, callbacks in the period they were due in; durations are working minutes ' +
      'by the company business calendar. Rates are fractions 0..1, null when their denominator is 0. Each group carries `tickets`, ' +
      'the query that exports the tickets behind it. A period starts in 1900 or later and lasts at most 3,660 days (10 years: ' +
      `REPORT.PERIOD_TOO_EARLY naming \`from\`, REPORT.PERIOD_TOO_LONG naming \`to\`).\n\n${FORMULAS}`,
  })
  @ApiOkResponse({ type: KpiReportView })
  async kpis(@Query() q: KpiQueryDto, @CurrentScope() scope: ProjectScope): Promise<KpiReport> {
    return this.query.kpis(await this.selection(q, scope), q.groupBy ?? 'section');
  }

  @Get('topics')
  @ApiOperation({
    summary: 'Top consultation topics of a period, with the trend (your projects only)',
    description: '咨询内容分类统计: consultation tickets received in the period per item, the ten most raised, each with its count in the preceding period of the same length and the change.',
  })
  @ApiOkResponse({ type: TopicsView })
  async topics(@Query() q: PeriodQuery, @CurrentScope() scope: ProjectScope): Promise<TopicsView> {
    return this.query.topics(await this.selection(q, scope));
  }

  @Get('tickets')
  @ApiOperation({
    summary: 'The tickets behind a KPI figure, one CSV row each (your projects only)',
    description:
      'One row per ticket received in the period (of the group `key` of `groupBy` when given), with every field the KPIs read. ' +
      'A period of at most 366 days (`REPORT.PERIOD_TOO_LONG` naming `to`); `key` needs `groupBy`.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with byte-order mark, one header row', schema: { type: 'string' } })
  async tickets(@Query() q: KpiTicketsQueryDto, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (q.key !== undefined && q.groupBy === undefined) {
      throw new RequestValidationError([{ field: 'groupBy', code: 'required', params: {} }], 'REPORT.KEY_WITHOUT_GROUPING');
    }
    const facts = await this.query.exported(await this.selection(q, scope, MAX_EXPORT_DAYS), q.groupBy, q.key);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="kpi-tickets.csv"');
    return kpiTicketsCsv(facts.tickets, facts.callbacks, durationsBy(facts.calendar));
  }
}
