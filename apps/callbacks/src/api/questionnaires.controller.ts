import { Body, Controller, Get, HttpCode, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@cs/auth';
import { SATISFACTION_LEVELS } from '@cs/contracts';
import { MAX_PATH_PARAM_LENGTH, PROBLEM_CONTENT_TYPE, type ProblemDetails, RateLimit, type RateLimitOptions, RequestValidationError, clientOf, problem } from '@cs/platform';
import { AnswerQuestionnaire } from '../application/answer-questionnaire';
import type { Satisfaction } from '../domain/callback-task';
import { QUESTIONNAIRE_PAGE_HEADERS, questionnairePage } from './questionnaire-page';
import { QuestionnairePageFilter } from './questionnaire-page.filter';

export class QuestionnaireAnswerDto {
  @ApiProperty({ enum: SATISFACTION_LEVELS }) @IsIn(SATISFACTION_LEVELS) satisfaction!: Satisfaction;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) score?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) serviceScore?: number;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) newNeeds?: string;
}

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

const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before opening the link again', schema: { type: 'integer', minimum: 1 } } };

/**
 * A refusal of the page: documented as the page the customer sees and as the problem+json (its
 * `example`) a client whose Accept prefers it gets (QuestionnairePageFilter).
 */
function Refusal(status: number | 'default', description: string, example: ProblemDetails, headers?: typeof RETRY_AFTER): MethodDecorator {
  return ApiResponse({
    status,
    description,
    ...(headers ? { headers } : {}),
    content: {
      'text/html': { schema: { type: 'string' } },
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' }, example: { ...example, instance: '/v1/questionnaires/{token}' } },
    },
  });
}

const TOKEN_TOO_LONG = problem(400, 'VALIDATION.FAILED', 'invalid field(s): token', {
  errors: [{ field: 'token', code: 'too_long', params: { max: TOKEN_MAX_LENGTH }, message: `must be at most ${TOKEN_MAX_LENGTH} characters long` }],
});

const PATH_TOO_LONG = problem(414, 'REQUEST.PATH_TOO_LONG', `a path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters`);

/** Where the questionnaire links point, under the public origin (QUESTIONNAIRE_BASE_URL). */
export const QUESTIONNAIRES_PATH = 'v1/questionnaires';

/** 问卷回访 — the customer's side of a questionnaire callback: no login, a signed single-use link. */
@ApiTags('questionnaires')
@Public()
@RateLimit(perClient)
@Controller(QUESTIONNAIRES_PATH)
export class QuestionnairesController {
  constructor(private readonly questionnaires: AnswerQuestionnaire) {}

  @Get(':token')
  @ApiOperation({
    summary: 'The questionnaire page (zh-CN, for phones)',
    description:
      'Opening the link records nothing — mail and SMS link scanners open links too; only the page’s POST answers. An unknown link is 404, an answered one 409, one no longer needed (the callback ended otherwise: the customer reached by phone, the matter reopened) 409, an expired one 410; a token past its length 400, too many requests from one client 429 and the service unable to answer (its database lost) 503, both with Retry-After. ' +
      'Each refusal is a page in the customer’s words, with its status and headers; a client whose `Accept` prefers `application/problem+json` or `application/json` to `text/html` gets problem+json instead (no `Accept`, or `*/*`, is a page). ' +
      'The same holds for what the router refuses before this operation runs: a token past 1,024 characters (414), a malformed percent-escape (400), and under `/v1/questionnaires` a path with no token or a segment after it (404 `HTTP.NOT_FOUND`).',
  })
  @ApiParam(TOKEN)
  @ApiProduces('text/html', PROBLEM_CONTENT_TYPE)
  @ApiOkResponse({ description: 'the page with the form', content: { 'text/html': { schema: { type: 'string' } } } })
  @Refusal(400, 'the page saying the link is invalid: the token is longer than any link this service signs (problem+json names `token`), or the path holds a malformed percent-escape (`REQUEST.BAD_URL`)', TOKEN_TOO_LONG)
  @Refusal(414, `the page saying the link is invalid: the token is longer than the router takes (${MAX_PATH_PARAM_LENGTH} characters; \`REQUEST.PATH_TOO_LONG\`)`, PATH_TOO_LONG)
  @Refusal(404, 'the page saying the link is unknown', problem(404, 'QUESTIONNAIRE.NOT_FOUND', 'this questionnaire link is not valid'))
  @Refusal(409, 'the page saying the questionnaire was already answered, or is no longer needed', problem(409, 'QUESTIONNAIRE.ANSWERED', 'this questionnaire was already answered', { reason: 'answered' }))
  @Refusal(410, 'the page saying the link has expired', problem(410, 'QUESTIONNAIRE.EXPIRED', 'this questionnaire link has expired', { reason: 'expired' }))
  @Refusal(429, 'the page saying to try again in the seconds of Retry-After: too many requests from this client (`RATE_LIMIT.EXCEEDED`)', problem(429, 'RATE_LIMIT.EXCEEDED', 'at most 30 requests per 60 s are allowed; retry in 42 s'), RETRY_AFTER)
  @Refusal(503, 'the page saying to try again in the seconds of Retry-After: the service cannot answer now (`DEPENDENCY.UNAVAILABLE`)', problem(503, 'DEPENDENCY.UNAVAILABLE', 'a service this request needs is unavailable at the moment; retry after the seconds in Retry-After'), RETRY_AFTER)
  @Refusal('default', 'any other error, as a page or as problem+json alike', problem(500, 'INTERNAL', 'an unexpected error occurred; it has been logged'))
  @UseFilters(QuestionnairePageFilter)
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    checkToken(token);
    await this.questionnaires.show(token);
    await reply.status(200).headers(QUESTIONNAIRE_PAGE_HEADERS).send(questionnairePage());
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
