import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsOptional } from 'class-validator';
import { IsInstant, varyAlsoOn } from '@cs/platform';
import { ComposeMonthlyReport } from '../application/compose-monthly-report';
import { REPORT_FORMATS, negotiateFormat, renderReport } from '../application/render-report';
import { SummarizeTickets, TicketSummary } from '../application/summarize-tickets';
import type { MonthlyReport, ReportKind } from '../domain/monthly-report';
import { MonthlyReportQuery, MonthlyReportView, WeeklyReportQuery } from './monthly-report.dto';
import { projectCodes } from './kpis.dto';
import { ReadsReports, instantsOf } from './report-access';

export class SummaryQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'inclusive; 366 days before `to` when left out' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'exclusive; 366 days after `from` when left out, now when both are' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class TicketSummaryView implements TicketSummary {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() ticketsOpened!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) bySection!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byChannel!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byProject!: Record<string, number>;
}

const REPORT_CONTENTS =
  'KPIs (formulas as in GET /v1/kpis) with the change against the period before, per section and per project; the callback statistics ' +
  'table (回访客户月统计表); the ten most raised consultation items (咨询内容分类统计) with their trend; escalations and major complaints. ' +
  'The format follows Accept. CSV, XLSX and HTML hold the same tables: CSV rows carry their table’s name first, with a `#name` row of ' +
  'column names before each table; XLSX has a sheet per table; HTML adds server-rendered SVG charts.';

@ApiTags('reports')
@ScopedByProject()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly summarize: SummarizeTickets,
    private readonly reports: ComposeMonthlyReport,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Tickets opened in a period, by section, channel and project (your projects only)',
    description:
      'A period of at most 366 days (`REPORT.PERIOD_TOO_LONG` naming `to`), starting in 1900 or later (`REPORT.PERIOD_TOO_EARLY` naming `from`); ' +
      'without bounds, the 366 days to now. The answer names the period counted.',
  })
  @ApiOkResponse({ type: TicketSummaryView })
  async summary(@Query() query: SummaryQuery, @CurrentScope() scope: ProjectScope): Promise<TicketSummaryView> {
    return this.summarize.execute(instantsOf(query, new Date()), scopedProjects(scope));
  }

  @Get('monthly')
  @ReadsReports()
  @ApiOperation({
    summary: 'The monthly report leaders receive, as JSON, CSV, XLSX or printable HTML with charts (your projects only)',
    description: `The month’s ${REPORT_CONTENTS}`,
  })
  @ApiHeader({ name: 'accept', required: false, description: Object.values(REPORT_FORMATS).join(', ') })
  @ApiProduces(...Object.values(REPORT_FORMATS))
  @ApiOkResponse({ type: MonthlyReportView, description: 'JSON as below; the other formats hold the same figures' })
  async monthlyReport(
    @Query() query: MonthlyReportQuery,
    @CurrentScope() scope: ProjectScope,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MonthlyReport | string | Buffer> {
    return this.render('monthly', query.month, projectCodes(query.project), scope, accept, reply);
  }

  @Get('weekly')
  @ReadsReports()
  @ApiOperation({
    summary: 'The weekly report, as JSON, CSV, XLSX or printable HTML with charts (your projects only)',
    description: `The ISO week’s ${REPORT_CONTENTS}`,
  })
  @ApiHeader({ name: 'accept', required: false, description: Object.values(REPORT_FORMATS).join(', ') })
  @ApiProduces(...Object.values(REPORT_FORMATS))
  @ApiOkResponse({ type: MonthlyReportView, description: 'JSON as below; the other formats hold the same figures' })
  async weeklyReport(
    @Query() query: WeeklyReportQuery,
    @CurrentScope() scope: ProjectScope,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MonthlyReport | string | Buffer> {
    return this.render('weekly', query.week, projectCodes(query.project), scope, accept, reply);
  }

  private async render(
    kind: ReportKind,
    label: string,
    projects: readonly string[] | undefined,
    scope: ProjectScope,
    accept: string | undefined,
    reply: FastifyReply,
  ): Promise<MonthlyReport | string | Buffer> {
    const report = await this.reports.execute(kind, label, projects ?? [], scopedProjects(scope));
    const title = `客服中心${kind === 'monthly' ? '月报' : '周报'} ${label}`;
    const rendered = await renderReport(report, negotiateFormat(accept), title, `${kind}-report-${label}`);
    void varyAlsoOn(reply.header('content-type', rendered.contentType).header('content-disposition', `inline; filename="${rendered.filename}"`), 'Accept');
    return rendered.body;
  }
}
