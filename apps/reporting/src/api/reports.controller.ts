import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { DomainError } from '@cs/ddd';
import { SummarizeTickets, TicketSummary } from '../application/summarize-tickets';

export class SummaryQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class TicketSummaryView implements TicketSummary {
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() to?: string;
  @ApiProperty() ticketsOpened!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) bySection!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byChannel!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) byProject!: Record<string, number>;
}

@ApiTags('reports')
@ScopedByProject()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly summarize: SummarizeTickets) {}

  @Get('summary')
  @ApiOperation({ summary: 'Tickets opened in a period, by section, channel and project (your projects only)' })
  @ApiOkResponse({ type: TicketSummaryView })
  async summary(@Query() query: SummaryQuery, @CurrentScope() scope: ProjectScope): Promise<TicketSummaryView> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new DomainError('REPORT.EMPTY_PERIOD', 'invalid', 'from must be before to', 'to');
    return this.summarize.execute({ from, to }, scopedProjects(scope));
  }
}
