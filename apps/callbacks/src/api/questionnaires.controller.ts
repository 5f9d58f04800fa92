import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@cs/auth';
import { SATISFACTION_LEVELS } from '@cs/contracts';
import { DomainError } from '@cs/ddd';
import { PROBLEM_CONTENT_TYPE, RateLimit, type RateLimitOptions, RequestValidationError, clientOf, problem, statusOfKind } from '@cs/platform';
import { AnswerQuestionnaire } from '../application/answer-questionnaire';
import type { Satisfaction } from '../domain/callback-task';
import { QUESTIONNAIRE_PAGE_HEADERS, questionnairePage, questionnaireUnavailablePage } from './questionnaire-page';

export class QuestionnaireAnswerDto {
  @ApiProperty({ enum: SATISFACTION_LEVELS }) @IsIn(SATISFACTION_LEVELS) satisfaction!: Satisfaction;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) score?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) serviceScore?: number;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) newNeeds?: string;
}

/** The refusals the page tells in the customer's words, with the status the answer's problem+json has. */
const REFUSED_ON_THE_PAGE = new Set(['QUESTIONNAIRE.NOT_FOUND', 'QUESTIONNAIRE.EXPIRED', 'QUESTIONNAIRE.ANSWERED', 'QUESTIONNAIRE.CLOSED']);
/**
 * Per client address: a link is answered once, so a few tries a minute are plenty for one customer
 * and guessing gets nowhere; customers behind one carrier NAT share an address, so the limit is a
 * setting (QUESTIONNAIRE_RATE_LIMIT_PER_MINUTE).
 */
const perClient: RateLimitOptions = {
  bucket: (request: FastifyRequest) => `questionnaire:${clientOf(request)}`,
  limit: (config) => config.questionnaire.perClientPerMinute,
  windowSeconds: 60,
};
const TOKEN_MAX_LENGTH = 400;
const TOKEN = { name: 'token', description: 'the signed link token the customer was sent', schema: { type: 'string', maxLength: TOKEN_MAX_LENGTH } };

/** A token past its documented length is no link this service signed: 400 naming it, before any lookup. */
function checkToken(token: string): void {
  if (token.length > TOKEN_MAX_LENGTH) throw new RequestValidationError([{ field: 'token', code: 'too_long', params: { max: TOKEN_MAX_LENGTH } }]);
}

/** The statuses the page answers with, each an HTML page (a refused token is problem+json). */
const page = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

/** 问卷回访 — the customer's side of a questionnaire callback: no login, a signed single-use link. */
@ApiTags('questionnaires')
@Public()
@RateLimit(perClient)
@Controller('v1/questionnaires')
export class QuestionnairesController {
  constructor(private readonly questionnaires: AnswerQuestionnaire) {}

  @Get(':token')
  @ApiOperation({
    summary: 'The questionnaire page (zh-CN, for phones)',
    description: 'Opening the link records nothing — mail and SMS link scanners open links too; only the page’s POST answers. An unknown link is 404, an answered one 409, one no longer needed (the callback ended otherwise: the customer reached by phone, the matter reopened) 409, an expired one 410, each as a page.',
  })
  @ApiParam(TOKEN)
  @ApiProduces('text/html')
  @ApiOkResponse(page('the page with the form'))
  @ApiResponse({ status: 404, ...page('the page saying the link is unknown') })
  @ApiResponse({ status: 409, ...page('the page saying the questionnaire was already answered, or is no longer needed') })
  @ApiResponse({ status: 410, ...page('the page saying the link has expired (`QUESTIONNAIRE.EXPIRED`, as the answer’s problem+json)') })
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    checkToken(token);
    let status = 200;
    let html: string;
    try {
      await this.questionnaires.show(token);
      html = questionnairePage();
    } catch (error) {
      if (!(error instanceof DomainError) || !REFUSED_ON_THE_PAGE.has(error.code)) throw error;
      status = statusOfKind(error.kind);
      html = questionnaireUnavailablePage(error.code);
    }
    await reply.status(status).headers(QUESTIONNAIRE_PAGE_HEADERS).send(html);
  }

  @Post(':token')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Answer the questionnaire (once)',
    description: 'Records the answer as the callback’s reached attempt, by "customer". A second answer is 409 `QUESTIONNAIRE.ANSWERED`; a callback that ended otherwise (reached by phone, the matter reopened, the calls failed) 409 `QUESTIONNAIRE.CLOSED`; an expired link 410 `QUESTIONNAIRE.EXPIRED`, as its page says.',
  })
  @ApiParam(TOKEN)
  @ApiNoContentResponse({ description: 'recorded' })
  @ApiResponse({
    status: 410,
    description: 'The link has expired (`QUESTIONNAIRE.EXPIRED`), whether before the answer came or while it waited for the callback.',
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: '#/components/schemas/ProblemDetails' },
        example: problem(410, 'QUESTIONNAIRE.EXPIRED', 'this questionnaire link has expired', { instance: '/v1/questionnaires/{token}', reason: 'expired' }),
      },
    },
  })
  async answer(@Param('token') token: string, @Body() body: QuestionnaireAnswerDto): Promise<void> {
    checkToken(token);
    await this.questionnaires.answer(token, body);
  }
}
