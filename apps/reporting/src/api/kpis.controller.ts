import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { KPI_FORMULAS } from '../domain/kpis';
import { kpiTicketsCsv } from '../application/kpi-tickets-csv';
import { KpiQuery, KpiReport, KpiSelection } from '../application/kpi-query';
import { WorkingCalendar, durationsBy } from '../application/working-calendar';
import { KpiQueryDto, KpiReportView, KpiTicketsQueryDto, PeriodQuery, TopicsView, projectCodes } from './kpis.dto';
import { ReadsReports, periodOf } from './report-access';

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

  private async selection(q: PeriodQuery, scope: ProjectScope): Promise<KpiSelection> {
    const calendar = await this.calendars.get();
    return { period: periodOf(q, calendar.timezone), projects: projectCodes(q.project), scope: scopedProjects(scope) };
  }

  @Get()
  @ApiOperation({
    summary: 'KPIs of a period, grouped (your projects only)',
    description:
      'Tickets count in the period they were received in, callbacks in the period they were due in; durations are working minutes ' +
      'by the company business calendar. Rates are fractions 0..1, null when their denominator is 0. Each group carries `tickets`, ' +
      `the query that exports the tickets behind it.\n\n${FORMULAS}`,
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
    description: 'One row per ticket received in the period (of the group `key` of `groupBy` when given), with every field the KPIs read.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with byte-order mark, one header row', schema: { type: 'string' } })
  async tickets(@Query() q: KpiTicketsQueryDto, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const facts = await this.query.behind(await this.selection(q, scope), q.groupBy, q.key);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="kpi-tickets.csv"');
    return kpiTicketsCsv(facts.tickets, facts.callbacks, durationsBy(facts.calendar));
  }
}
