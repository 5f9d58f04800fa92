import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, ScopedByProject } from '@cs/auth';
import { uuidParam } from '@cs/platform';
import { SuggestionEvaluationDto, SuggestionForwardDto, SuggestionImplementationDto, SuggestionRewardDto } from './suggestion.dto';
import { RolesTaking } from './action-roles';
import { TicketResponder } from './ticket-response';
import { TicketView } from './ticket.view';

/**
 * 建议 — handling a suggestion, in order: evaluate → forward (if valuable) → track the
 * implementation → reward (if implemented). A step out of order is 409; on a ticket that is no
 * suggestion, 422 `TICKET.NOT_A_SUGGESTION`. Each returns the ticket with its new ETag.
 */
@ApiTags('tickets')
@ScopedByProject()
@Controller('v1/tickets/:id/suggestion')
export class SuggestionsController {
  constructor(private readonly respond: TicketResponder) {}

  @Post('evaluation')
  @HttpCode(200)
  @RolesTaking('evaluate_suggestion')
  @ApiOperation({ summary: 'Evaluate a suggestion: reasonable, feasible, valuable, with a comment (re-evaluating is allowed until it is forwarded)' })
  @ApiOkResponse({ type: TicketView })
  evaluation(@Param('id', uuidParam('id')) id: string, @Body() b: SuggestionEvaluationDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.respond.act(id, u, m, r, { action: 'evaluate_suggestion', reasonable: b.reasonable, feasible: b.feasible, valuable: b.valuable, comment: b.comment });
  }

  @Post('forward')
  @HttpCode(200)
  @RolesTaking('forward_suggestion')
  @ApiOperation({ summary: 'Forward a suggestion evaluated as valuable to the department that implements it (the ticket is dispatched there)' })
  @ApiOkResponse({ type: TicketView })
  forward(@Param('id', uuidParam('id')) id: string, @Body() b: SuggestionForwardDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.respond.act(id, u, m, r, { action: 'forward_suggestion', department: b.department });
  }

  @Post('implementation')
  @HttpCode(200)
  @RolesTaking('record_implementation')
  @ApiOperation({ summary: 'Track the implementation of a forwarded suggestion: in progress, then implemented or rejected with its result; handlers of the department report it' })
  @ApiOkResponse({ type: TicketView })
  implementation(@Param('id', uuidParam('id')) id: string, @Body() b: SuggestionImplementationDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.respond.act(id, u, m, r, { action: 'record_implementation', status: b.status, ...(b.result ? { result: b.result } : {}) });
  }

  @Post('reward')
  @HttpCode(200)
  @RolesTaking('reward_suggestion')
  @ApiOperation({ summary: 'Record the reward (gift, coupon, points) given to the customer for an implemented suggestion; once per suggestion' })
  @ApiOkResponse({ type: TicketView })
  reward(@Param('id', uuidParam('id')) id: string, @Body() b: SuggestionRewardDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.respond.act(id, u, m, r, { action: 'reward_suggestion', kind: b.kind, description: b.description, ...(b.value !== undefined ? { value: b.value } : {}) });
  }
}
