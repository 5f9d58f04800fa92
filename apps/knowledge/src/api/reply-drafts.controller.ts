import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { UuidInLowerCase, weakEtag } from '@cs/platform';
import { DraftFromReply } from '../application/draft-from-reply';
import { AnswerView } from './answers.dto';

export class DraftFromReplyDto {
  @ApiProperty({ description: 'the invalid complaint whose approved reply becomes the draft' }) @UuidInLowerCase() @IsString() @MinLength(1) @MaxLength(64) ticketId!: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'default: the customer’s demand, shortened' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
}

/** 统一说辞 — a reply a supervisor approved for one complaint, kept for every customer who asks the same. */
@ApiTags('answers')
@ScopedByProject()
@Controller('v1/answers/from-reply')
export class ReplyDraftsController {
  constructor(private readonly drafts: DraftFromReply) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Draft a unified answer from an invalid complaint’s approved reply, in one call',
    description: 'The reply (ticket.reply_approved) becomes the body, the customer’s demand the first phrasing; once per ticket (409 after).',
  })
  @ApiCreatedResponse({ type: AnswerView })
  async draft(@Body() dto: DraftFromReplyDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<AnswerView> {
    const answer = await this.drafts.draft(dto.ticketId, { sub: user.sub, projects: scopedProjects(scope) }, dto.title);
    void reply.header('etag', weakEtag(answer.rowVersion));
    return AnswerView.of(answer);
  }
}
