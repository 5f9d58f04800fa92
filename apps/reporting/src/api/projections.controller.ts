import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser, Principal, Roles, SharedAcrossProjects } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import { RebuildProjections } from '../application/rebuild-projections';
import type { Rebuild } from '../infrastructure/rebuild.repository';

/** A 64-bit offset or count, shown as the integer it has always been: exact up to 2^53 (ADR 0106). */
const INT64 = { type: 'integer', format: 'int64', minimum: 0, example: 48213 } as const;

export class RebuildPositionView {
  @ApiProperty({ example: 'tickets.events.v1' }) topic!: string;
  @ApiProperty({ type: 'integer' }) partition!: number;
  @ApiProperty({ ...INT64, description: 'the next offset the rebuild applies (committed with the rows it wrote)' }) nextOffset!: number;
  @ApiProperty({ ...INT64, description: 'the topic’s end when the rebuild started; later events reach the shadow tables live' }) endOffset!: number;
}

export class RebuildView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: 'running' | 'completed';
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) startedAt!: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ ...INT64, description: 'records to replay' }) eventsTotal!: number;
  @ApiProperty({ ...INT64, description: 'records replayed so far' }) eventsApplied!: number;
  @ApiProperty({ type: [RebuildPositionView] }) positions!: RebuildPositionView[];
}

export class StartRebuildQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'rebuild even though retention has deleted a topic’s oldest events: the figures then lack every ticket of those events',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  acceptTruncatedHistory?: 'true' | 'false';
}

/**
 * A rebuild as the API shows it. The rebuild keeps its offsets and counts exact as bigint; the API
 * keeps the integers its clients read, which a JSON parser holds exactly up to 2^53 (ADR 0106).
 */
export function rebuildView(rebuild: Rebuild): RebuildView {
  return {
    ...rebuild,
    eventsTotal: Number(rebuild.eventsTotal),
    eventsApplied: Number(rebuild.eventsApplied),
    positions: rebuild.positions.map((p) => ({ ...p, nextOffset: Number(p.nextOffset), endOffset: Number(p.endOffset) })),
  };
}

/** 重建 — the read model rebuilt from the start of the topics, while it keeps serving. */
@ApiTags('projections')
@SharedAcrossProjects('the read model is rebuilt whole, for every project')
@Roles('admin')
@Controller('v1/projections/rebuild')
export class ProjectionsController {
  constructor(private readonly rebuilds: RebuildProjections) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild the KPI read model from the start of the intake, tickets and callbacks topics',
    description:
      'Replays every event up to the topics’ current ends into shadow tables, while reports keep reading the live ones and live events keep ' +
      'flowing (those past the ends reach both); then the shadow tables replace the live ones. Progress and each partition’s position are ' +
      'stored, so a restarted service resumes. 409 while a rebuild runs. 409 `PROJECTION.HISTORY_TRUNCATED` naming `acceptTruncatedHistory` ' +
      'when retention has deleted a topic’s oldest events (its partitions in `partitions`): the rebuilt figures would lack every ticket ' +
      'of those events, so the rebuild starts only with `acceptTruncatedHistory=true`.',
  })
  @ApiAcceptedResponse({ type: RebuildView })
  async start(@CurrentUser() user: Principal, @Query() query: StartRebuildQuery): Promise<RebuildView> {
    return rebuildView(await this.rebuilds.start(user.sub, { acceptTruncatedHistory: query.acceptTruncatedHistory === 'true' }));
  }

  @Get()
  @ApiOperation({ summary: 'The latest rebuild’s progress and positions' })
  @ApiOkResponse({ type: RebuildView })
  async progress(): Promise<RebuildView> {
    const rebuild = await this.rebuilds.progress();
    if (!rebuild) throw new DomainError('PROJECTION.NO_REBUILD', 'not_found', 'no rebuild has run');
    return rebuildView(rebuild);
  }
}
