import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, ScopedByProject } from '@cs/auth';
import { uuidParam } from '@cs/platform';
import { OpinionRecordDto, OpinionRequestDto, ReplyApprovalDto } from './complaint-research.dto';
import { RolesTaking } from './action-roles';
import { TicketResponder } from './ticket-response';
import { TicketView } from './ticket.view';

/**
 * A complaint no unified answer covers (domain.md, Complaint): ask a department or legal counsel
 * for an opinion by a deadline (`ticket.opinion_overdue.v1` once if it passes unanswered),
 * record it, and have a supervisor approve the reply — an invalid complaint answered without a
 * unified answer is closed only with an approved reply. On a ticket that is no complaint, 422
 * `TICKET.NOT_A_COMPLAINT`; on a closed one, 409.
 */
@ApiTags('tickets')
@ScopedByProject()
@Controller('v1/tickets/:id')
export class ComplaintResearchController {
  constructor(private readonly respond: TicketResponder) {}

  @Post('opinions')
  @HttpCode(200)
  @RolesTaking('request_opinion')
  @ApiOperation({ summary: 'Request an opinion (征求意见) from a department or legal counsel, due by a deadline; the new opinion is the last of `opinions`' })
  @ApiOkResponse({ type: TicketView })
  request(@Param('id', uuidParam('id')) id: string, @Body() b: OpinionRequestDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.respond.act(id, u, m, r, {
      action: 'request_opinion',
      opinionId: randomUUID(),
      from: b.from,
      ...(b.department ? { department: b.department } : {}),
      question: b.question,
      dueAt: new Date(b.dueAt),
    });
  }

  @Post('opinions/:opinionId')
  @HttpCode(200)
  @RolesTaking('record_opinion')
  @ApiOperation({ summary: 'Record the opinion given; once (409 after), late if after its deadline' })
  @ApiOkResponse({ type: TicketView })
  record(
    @Param('id', uuidParam('id')) id: string,
    @Param('opinionId', uuidParam('opinionId')) opinionId: string,
    @Body() b: OpinionRecordDto,
    @CurrentUser() u: Principal,
    @Headers('if-match') m: string | undefined,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.respond.act(id, u, m, r, { action: 'record_opinion', opinionId, text: b.text });
  }

  @Post('reply-approval')
  @HttpCode(200)
  @RolesTaking('approve_reply')
  @ApiOperation({ summary: 'Approve the reply drafted for a complaint no unified answer covers; a later approval replaces it' })
  @ApiOkResponse({ type: TicketView })
  approve(@Param('id', uuidParam('id')) id: string, @Body() b: ReplyApprovalDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.respond.act(id, u, m, r, { action: 'approve_reply', text: b.text });
  }
}
