import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CurrentScope, CurrentUser, Principal, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { ApiExactlyOneOf, IsItemCode, ITEM_CODE_SCHEMA, RequestValidationError, UuidInLowerCase, IsUuidInLowerCase } from '@cs/platform';
import { Suggestion, SuggestAnswers } from '../application/suggest-answers';
import type { FeedbackOutcome } from '../domain/feedback';
import { MAX_VERSION } from './answers.dto';

const OUTCOMES = ['used', 'helped', 'not_helped'] as const;

@ApiExactlyOneOf('ticketId', 'text')
export class SuggestionQuery {
  @ApiPropertyOptional({ description: 'the ticket whose stored suggestions to read' }) @IsOptional() @UuidInLowerCase() @IsString() @MinLength(1) @MaxLength(64) ticketId?: string;
  @ApiPropertyOptional({ example: '管理费在哪里交', description: 'a question to suggest answers for now' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) text?: string;
  @ApiPropertyOptional({ ...ITEM_CODE_SCHEMA, description: 'with text: answers of this item first' }) @IsOptional() @IsItemCode() item?: string;
}

export class SuggestionView {
  @ApiProperty({ format: 'uuid' }) answerId!: string;
  @ApiProperty({ type: 'integer', description: 'the version in force, which a reply cites' }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'relevance; higher is better' }) score!: number;
  @ApiPropertyOptional({ description: 'with text: a passage, matches in <mark>' }) snippet?: string;
  @ApiPropertyOptional() itemCode?: string;
}

export class SuggestionList {
  @ApiProperty({ type: [SuggestionView], description: 'best first; retired answers never appear' }) items!: SuggestionView[];
}

export class FeedbackDto {
  @ApiProperty({ format: 'uuid' }) @IsUuidInLowerCase() answerId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_VERSION }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_VERSION) version!: number;
  @ApiProperty({ enum: OUTCOMES, description: 'used: read to a customer, counted each time; helped / not_helped: whether it answered the question, one verdict per user and version (a second replaces the first)' }) @IsIn(OUTCOMES) outcome!: FeedbackOutcome;
}

const view = (s: Suggestion): SuggestionView => ({ ...s });

/** Answers suggested for tickets and questions, and agents' feedback on them. */
@ApiTags('suggestions')
@ScopedByProject()
@Controller('v1/suggestions')
export class SuggestionsController {
  constructor(private readonly suggest: SuggestAnswers) {}

  @Get()
  @ApiOperation({
    summary: 'Suggested answers for a ticket (computed when it opened, and again when the desk gives it another item) or for a text, with scores',
    description: 'Exactly one of ticketId and text. A ticket of another project is 404, as one never seen.',
  })
  @ApiOkResponse({ type: SuggestionList })
  async list(@Query() q: SuggestionQuery, @CurrentScope() scope: ProjectScope): Promise<SuggestionList> {
    if ((q.ticketId === undefined) === (q.text === undefined)) {
      throw new RequestValidationError([{ field: q.ticketId === undefined ? 'ticketId' : 'text', code: 'exactly_one_of', params: { fields: ['ticketId', 'text'] } }]);
    }
    const projects = scopedProjects(scope);
    const items = q.ticketId !== undefined ? await this.suggest.forTicket(q.ticketId, projects) : await this.suggest.forText(q.text!, projects, q.item);
    return { items: items.map(view) };
  }

  @Post('feedback')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Record that an answer version was used, helped or did not help; it feeds the ranking',
    description:
      "Each use counts. A user's verdict counts once per version (the same verdict again changes nothing, the other one replaces it), and once in the answer's rank, by their latest verdict on any of its versions.",
  })
  @ApiNoContentResponse({ description: 'recorded' })
  async feedback(@Body() dto: FeedbackDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<void> {
    await this.suggest.feedback(dto.answerId, dto.version, dto.outcome, { sub: user.sub, projects: scopedProjects(scope) });
  }
}
