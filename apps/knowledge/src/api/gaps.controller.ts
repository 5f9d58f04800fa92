import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { uuidParam } from '@cs/platform';
import { RecordGaps } from '../application/record-gaps';
import { GapRepository } from '../infrastructure/gap.repository';
import { AnswerView } from './answers.dto';
import { DraftFromGapDto, GapDraftView, GapList, GapListQuery, GapView } from './gaps.dto';

/** 知识缺口 — what customers asked that no published answer covers. */
@ApiTags('gaps')
@ScopedByProject()
@Controller('v1/gaps')
export class GapsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gaps: GapRepository,
    private readonly record: RecordGaps,
  ) {}

  @Get()
  @Roles('supervisor', 'admin', 'quality', 'manager')
  @ApiOperation({
    summary: 'Knowledge gaps, most asked first',
    description: 'Opened by a consultation closed without a published answer, or a search with no good hit; grouped by item and similar wording.',
  })
  @ApiOkResponse({ type: GapList })
  async list(@Query() q: GapListQuery, @CurrentScope() scope: ProjectScope): Promise<GapList> {
    const items = await this.gaps.list(this.dataSource.manager, {
      projects: scopedProjects(scope),
      status: q.status ?? 'open',
      limit: q.limit ?? 50,
      ...presentProps({ itemCode: q.item }),
    });
    return { items: items.map(GapView.of) };
  }

  @Post(':id/draft')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Turn a gap into a draft answer (its question as the first phrasing): the gap, or the drafter’s share of it, is then drafted',
    description:
      'The draft is for the projects of the gap the drafter serves. A drafter serving only some of them drafts their share apart: the answer is about a new gap of those projects, drafted, which is returned, and the gap named stays open for the others, with the share in `draftedApart`. Drafting a gap whose share is drafted already is 409 `GAP.ALREADY_DRAFTED` with its `draftAnswerId`.',
  })
  @ApiCreatedResponse({ type: GapDraftView })
  async draft(@Param('id', uuidParam('id')) id: string, @Body() dto: DraftFromGapDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<GapDraftView> {
    const { gap, answer } = await this.record.draft(id, { sub: user.sub, projects: scopedProjects(scope) }, presentProps({ title: dto.title, body: dto.body }));
    return { gap: GapView.of(gap), answer: AnswerView.of(answer) };
  }
}
