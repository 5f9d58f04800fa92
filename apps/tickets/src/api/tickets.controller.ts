import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, ScopedByProject } from '@cs/auth';
import { DomainError, presentProps } from '@cs/ddd';
import { uuidParam, weakEtag } from '@cs/platform';
import { CountTickets } from '../application/count-tickets';
import { FindTickets } from '../application/find-tickets';
import { TicketPresence } from '../application/ticket-presence';
import type { TicketRequest } from '../application/run-ticket-command';
import type { SlaDuration } from '../domain/sla-duration';
import { APPROVE_CAP_EXCEPTION, ESCALATE_TO_LEADERS, RECLASSIFY_JUDGED, REOPEN_CLOSED } from '../domain/ticket-access';
import {
  ArrivalDto,
  DispatchDto,
  NoteDto,
  EscalationDto,
  ExtensionDto,
  PauseDto,
  PromiseDto,
  RecordAmendmentDto,
  ReopenDto,
  ReplyDto,
  ResolveDto,
  TicketListQuery,
  ValidityDto,
} from './ticket-commands.dto';
import { TicketCountsView, TicketQueueQuery, queueFilterOf } from './ticket-queue.dto';
import { TicketResponder, actorOf } from './ticket-response';
import { TicketCommandRoles, roleList } from './action-roles';
import { PresenceView } from './ticket-presence.dto';
import { IncidentSuggestionView, TicketPage, TicketView } from './ticket.view';

function extensionOf(body: ExtensionDto): SlaDuration {
  const given = (['workingDays', 'workingHours', 'workingMinutes'] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1) {
    throw new DomainError('TICKET.EXTENSION_AMOUNT', 'invalid', 'give exactly one of workingDays, workingHours, workingMinutes', given[1] ?? 'workingDays');
  }
  const unit = { workingDays: 'days', workingHours: 'hours', workingMinutes: 'minutes' } as const;
  return { amount: body[given[0]!]!, unit: unit[given[0]!], basis: 'working' };
}

/** 工单 — the ticket lifecycle. Every change returns the ticket with its new ETag; `If-Match` is honoured when sent. */
@ApiTags('tickets')
@ScopedByProject()
@Controller('v1/tickets')
export class TicketsController {
  constructor(
    private readonly find: FindTickets,
    private readonly respond: TicketResponder,
    private readonly count: CountTickets,
    private readonly presence: TicketPresence,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A ticket with its SLA clocks, history, demand (诉求), linked contacts and who else has it open',
    description:
      'The demand is the redacted summary of the contact that opened the ticket; the full text of it and of each linked contact is read from intake at `GET /v1/contacts/{contactId}` (or all of them at `GET /v1/contacts?ticketId=…`), which applies the personal-data rules. ' +
      '`presence` lists the other people viewing or editing it now (`PUT /v1/tickets/{id}/presence`); it is empty, not an error, while the presence store is down.',
  })
  @ApiOkResponse({ type: TicketView })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentUser() user: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketView> {
    const found = await this.find.byId(id, actorOf(user));
    void reply.header('etag', weakEtag(found.ticket.version));
    const others = await this.presence.othersOn(found.ticket.id, user.sub);
    return {
      ...TicketView.of(found.ticket, found.clocks, found.history, found.contacts),
      presence: others.map(PresenceView.of),
      incidentSuggestions: found.incidentSuggestions.map(IncidentSuggestionView.of),
    };
  }

  @Get('counts')
  @ApiOperation({ summary: 'How many tickets a queue holds, per status, grade and escalation level (the dashboard); same filters and visibility as the list' })
  @ApiOkResponse({ type: TicketCountsView })
  counts(@Query() q: TicketQueueQuery, @CurrentUser() user: Principal): Promise<TicketCountsView> {
    return this.count.execute(queueFilterOf(q), actorOf(user));
  }

  @Get()
  @ApiOperation({ summary: 'Tickets by filters, cursor-paged; sort=due puts the nearest deadline first' })
  @ApiOkResponse({ type: TicketPage })
  async list(@Query() q: TicketListQuery, @CurrentUser() user: Principal): Promise<TicketPage> {
    const page = await this.find.list({ ...queueFilterOf(q), sort: q.sort ?? 'created', cursor: q.cursor, limit: q.limit ?? 50 }, actorOf(user));
    return { items: page.items.map((i) => TicketView.of(i.ticket, i.clocks)), ...presentProps({ nextCursor: page.nextCursor }) };
  }

  @Post(':id/validity')
  @HttpCode(200)
  @TicketCommandRoles('decide_validity')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: 'Judge validity: valid, invalid (answered) or out of scope (redirected)',
    description:
      'Once, while the validity is pending, in any open status. Invalid and out of scope resolve the ticket with the explanation. Reopening a matter judged invalid or out of scope makes its validity pending again, to be judged anew or dispatched as valid (ADR 0081). ' +
      'Validity is judged for a repair or complaint a caller brought (报修、投诉) only: a consultation, a suggestion, any other section, routine work a schedule opened (周期工单) and a matter not yet classified are refused 422 TICKET.VALIDITY_NOT_JUDGED naming `decision`, with the ticket’s `sectionCode` (ADR 0166); classify the matter first with `POST /v1/tickets/{id}/record`.',
  })
  validity(@Param('id', uuidParam('id')) id: string, @Body() b: ValidityDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, {
      action: 'decide_validity',
      command: { type: 'decide_validity', decision: b.decision, reason: b.reason, answerId: b.answerId, redirectTo: b.redirectTo },
      ...presentProps({ grade: b.grade }),
    });
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @TicketCommandRoles('dispatch')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({ summary: 'Dispatch (派单) to a department and optionally a handler' })
  dispatch(@Param('id', uuidParam('id')) id: string, @Body() b: DispatchDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'dispatch', command: { type: 'dispatch', department: b.department, handler: b.handler } });
  }

  @Post(':id/replies')
  @HttpCode(200)
  @TicketCommandRoles('reply')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({ summary: 'Reply to the customer (meets the first-response clock)' })
  replies(@Param('id', uuidParam('id')) id: string, @Body() b: ReplyDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'reply', command: { type: 'reply', message: b.message, answerId: b.answerId } });
  }

  @Post(':id/arrival')
  @HttpCode(200)
  @TicketCommandRoles('arrive')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: '上门 — the handler arrived on site (meets the on-site clock)',
    description:
      'For a dispatched ticket, once: the time the handler arrived (`arrivedAt`, now when absent) meets the `on_site` clock its SLA policy set, if any, and a dispatched ticket is in progress. ' +
      '409 TICKET.ILLEGAL_TRANSITION for a ticket never dispatched, one not dispatched or in progress, one resolved before an arrival was told (the resolution met the clock), or an arrival told already; 422 TICKET.ARRIVAL_IN_FUTURE (more than a minute ahead) or TICKET.ARRIVAL_BEFORE_DISPATCH naming `arrivedAt`.',
  })
  arrival(@Param('id', uuidParam('id')) id: string, @Body() b: ArrivalDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'arrive', command: { type: 'arrive', ...(b.arrivedAt ? { arrivedAt: new Date(b.arrivedAt) } : {}) }, ...presentProps({ note: b.note }) });
  }

  @Post(':id/extensions')
  @HttpCode(200)
  @TicketCommandRoles('extend')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: 'Extend a deadline before it passes, after telling the customer why',
    description:
      'A first reply may not move past the resolution deadline, nor, for a consultation, past 3 working days after receipt unless a supervisor sends `exception` (422 TICKET.CAP_EXCEEDED with `capAt` and `limit`). ' +
      `\`exception\` is approved by ${roleList(APPROVE_CAP_EXCEPTION)} only: 403 TICKET.NOT_ALLOWED naming \`exception\` for anyone else.`,
  })
  extensions(@Param('id', uuidParam('id')) id: string, @Body() b: ExtensionDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, {
      action: 'extend',
      clock: b.clock ?? 'resolution',
      by: extensionOf(b),
      reason: b.reason,
      customerInformedAt: new Date(b.customerInformedAt),
      ...(b.exception ? { exception: { reason: b.exception.reason } } : {}),
    });
  }

  @Post(':id/escalations')
  @HttpCode(200)
  @TicketCommandRoles('escalate')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: 'Escalate to the supervisor (1) or the leaders (2)',
    description:
      'Without `level`, one level up. ' +
      `To level 2 (the leaders) only ${roleList(ESCALATE_TO_LEADERS)}: 403 TICKET.NOT_ALLOWED for anyone else, so an agent's second escalation of a ticket is refused.`,
  })
  escalations(@Param('id', uuidParam('id')) id: string, @Body() b: EscalationDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'escalate', command: { type: 'escalate', ...presentProps({ level: b.level }) }, ...presentProps({ note: b.note }) });
  }

  @Post(':id/pause')
  @HttpCode(200)
  @TicketCommandRoles('pause')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({ summary: 'Await the customer: SLA clocks stand still' })
  pause(@Param('id', uuidParam('id')) id: string, @Body() b: PauseDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'pause', command: { type: 'pause', reason: b.reason } });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @TicketCommandRoles('resume')
  @ApiOperation({ summary: 'The customer answered: SLA clocks run again' })
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  resume(@Param('id', uuidParam('id')) id: string, @Body() b: NoteDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'resume', command: { type: 'resume' }, ...presentProps({ note: b.note }) });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @TicketCommandRoles('resolve')
  @ApiOperation({ summary: 'Resolve (办结) with the resolution; the callback (回访) is scheduled from here' })
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  resolve(@Param('id', uuidParam('id')) id: string, @Body() b: ResolveDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'resolve', command: { type: 'resolve', resolution: b.resolution } });
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @TicketCommandRoles('reopen')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: 'Re-process (重新处理) a resolved or closed ticket',
    description: `A closed ticket was accepted by the customer: only ${roleList(REOPEN_CLOSED)} reopen it, 403 TICKET.NOT_ALLOWED for anyone else.`,
  })
  reopen(@Param('id', uuidParam('id')) id: string, @Body() b: ReopenDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'reopen', command: { type: 'reopen', reason: b.reason } });
  }

  @Post(':id/close')
  @HttpCode(200)
  @TicketCommandRoles('close')
  @ApiOperation({ summary: 'Close a resolved ticket (结案)' })
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  close(@Param('id', uuidParam('id')) id: string, @Body() b: NoteDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'close', command: { type: 'close' }, ...presentProps({ note: b.note }) });
  }

  @Post(':id/promise')
  @HttpCode(200)
  @TicketCommandRoles('promise')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: 'Promise the customer a reply within 10/20/30 minutes or 1/2/3 working days',
    description:
      'Refused 422 TICKET.CAP_EXCEEDED (field `tier`) when, with the extensions already granted, the reply would fall past its cap. ' +
      `\`exception\` is approved by ${roleList(APPROVE_CAP_EXCEPTION)} only: 403 TICKET.NOT_ALLOWED naming \`exception\` for anyone else.`,
  })
  promise(@Param('id', uuidParam('id')) id: string, @Body() b: PromiseDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.act(id, u, m, r, { action: 'promise', tier: b.tier, ...(b.exception ? { exception: { reason: b.exception.reason } } : {}) });
  }

  @Post(':id/record')
  @HttpCode(200)
  @TicketCommandRoles('amend_record')
  @ApiOkResponse({ type: TicketView, description: 'The ticket after the command; its ETag is the new version.' })
  @ApiOperation({
    summary: '补录 — complete or correct the record: the catalogue item, the building, the room',
    description:
      'What `recordGaps` lists is what the record lacks; this fills the item and the place (the validity, the department and a suggestion’s evaluation come from their own commands). ' +
      'A field equal to what the ticket holds changes nothing; none given is 422 TICKET.NOTHING_TO_AMEND. Refused 409 on a closed ticket (its record was judged when it closed; reopen it first), 409 TICKET.MAJOR_COMPLAINT_STAYS for a major complaint moved out of complaints, 422 TICKET.UNKNOWN_ITEM (field `itemCode`) for an item the catalogue does not hold active, 422 TICKET.PERSONAL_DATA for a building or room holding a phone number, e-mail address or ID number, ' +
      `and 403 TICKET.NOT_ALLOWED for moving a matter already judged (its validity judged, or resolved, or reopened; a consultation or suggestion shown valid by its dispatch was judged by nobody) to another section by anyone but ${roleList(RECLASSIFY_JUDGED)}: the supervisor decides that. ` +
      'The SLA clocks keep the policy they started under (ADR 0075); the project is not amended, as it decides who may see the ticket.',
  })
  amendRecord(@Param('id', uuidParam('id')) id: string, @Body() b: RecordAmendmentDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    const amended = presentProps({ itemCode: b.itemCode, building: b.building, room: b.room });
    if (Object.keys(amended).length === 0) throw new DomainError('TICKET.NOTHING_TO_AMEND', 'invalid', 'give at least one of itemCode, building, room', 'itemCode');
    return this.act(id, u, m, r, { action: 'amend_record', ...amended });
  }

  private act(id: string, user: Principal, ifMatch: string | undefined, reply: FastifyReply, request: TicketRequest): Promise<TicketView> {
    return this.respond.act(id, user, ifMatch, reply, request);
  }
}
