import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, ScopedByProject } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { parseIfMatch, uuidParam, weakEtag, IsUuidInLowerCase } from '@cs/platform';
import { FindTickets } from '../application/find-tickets';
import { MergeTickets } from '../application/merge-tickets';
import { Text } from './ticket-commands.dto';
import { RolesTaking } from './action-roles';
import { actorOf } from './ticket-response';
import { TicketView } from './ticket.view';

export class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'the duplicate to merge into this ticket: the same customer, the same project, still open' })
  @IsUuidInLowerCase()
  ticketId!: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 3, description: 'the duplicate’s version as last read (its ETag); 412 when it changed since' })
  @IsOptional()
  @IsInt()
  @Min(1)
  ticketVersion?: number;
  @ApiPropertyOptional({ example: '同一业主两次来电反映同一漏水问题', description: 'why; recorded in both histories and the event, personal data redacted' })
  @IsOptional()
  @Text(500)
  reason?: string;
}

/** 工单合并 — two tickets of one customer about one matter become one. */
@ApiTags('tickets')
@ScopedByProject()
@Controller('v1/tickets')
export class TicketMergesController {
  constructor(
    private readonly merge: MergeTickets,
    private readonly find: FindTickets,
  ) {}

  @Post(':id/merges')
  @HttpCode(200)
  @RolesTaking('merge')
  @ApiOperation({
    summary: 'Merge a duplicate ticket into this one (工单合并)',
    description:
      'This ticket survives. The duplicate’s contacts move here (each with `mergedFrom`) and count as follow-ups; this ticket keeps its clocks and ' +
      'history; the duplicate is closed as merged, read-only (409 TICKET.MERGED on any command), its clocks stopped and its history kept, and ' +
      '`ticket.merged.v1` names both. Later contacts naming the duplicate follow up here. Both must be open (409 TICKET.ILLEGAL_TRANSITION ' +
      'otherwise), of the same project (422 TICKET.MERGE_OTHER_PROJECT) and customer (422 TICKET.MERGE_OTHER_CUSTOMER). This ticket keeps its grade ' +
      'and escalation, so a major complaint is merged only into one (422 TICKET.MERGE_MAJOR_INTO_GENERAL) and a duplicate escalated further only ' +
      'into one escalated as far (422 TICKET.MERGE_ESCALATED_INTO_LOWER): merge the other way. A duplicate the caller ' +
      'cannot see is 422 TICKET.UNKNOWN_TICKET. `If-Match` guards this ticket’s version, `ticketVersion` the duplicate’s.',
  })
  @ApiOkResponse({ type: TicketView, description: 'This ticket after the merge, with its contacts; its ETag is the new version.' })
  async merges(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: MergeDto,
    @CurrentUser() user: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketView> {
    const actor = actorOf(user);
    await this.merge.execute(
      id,
      actor,
      { ticketId: body.ticketId, ...presentProps({ ticketVersion: body.ticketVersion, reason: body.reason }) },
      parseIfMatch(ifMatch, 'TICKET.BAD_IF_MATCH'),
    );
    const found = await this.find.byId(id, actor);
    void reply.header('etag', weakEtag(found.ticket.version));
    return TicketView.of(found.ticket, found.clocks, found.history, found.contacts);
  }
}
