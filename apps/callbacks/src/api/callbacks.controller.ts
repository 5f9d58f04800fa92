import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { uuidParam } from '@cs/platform';
import { FindCallbacks } from '../application/find-callbacks';
import { RecordAttempt } from '../application/record-attempt';
import { AttemptDto, HeldCallbackView, HeldCallbacksQuery, HeldCallbacksView, MissedCallbacksQuery, MissedCallbacksView, AttemptView, CallbackDetailView, CallbackPage, CallbackQueueQuery, CallbackTicketView, CallbackView, reportOf } from './callbacks.dto';

/** 回访 — the callback work queue, one callback in full, and the attempts to reach the customer. */
@ApiTags('callbacks')
@ScopedByProject()
@Controller('v1/callbacks')
export class CallbacksController {
  constructor(
    private readonly find: FindCallbacks,
    private readonly record: RecordAttempt,
  ) {}

  @Get()
  @Roles('agent', 'supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({ summary: 'The callback work queue, nearest due first, cursor-paged', description: '`assignee=me` gives the caller’s own callbacks.' })
  @ApiOkResponse({ type: CallbackPage })
  async list(@Query() q: CallbackQueueQuery, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<CallbackPage> {
    const page = await this.find.list(
      {
        limit: q.limit ?? 50,
        ...presentProps({
          status: q.status,
          assignee: q.assignee === 'me' ? user.sub : q.assignee,
          ticketId: q.ticketId,
          dueBefore: q.dueBefore === undefined ? undefined : new Date(q.dueBefore),
          callableAt: q.callableAt === undefined ? undefined : new Date(q.callableAt),
          cursor: q.cursor,
        }),
      },
      scopedProjects(scope),
    );
    return { items: page.items.map(CallbackView.of), ...presentProps({ nextCursor: page.nextCursor }) };
  }

  @Get('missed')
  @Roles('supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({
    summary: 'Closed tickets whose policy required a callback that never reached the customer (漏回访), newest first, cursor-paged',
    description:
      'A ticket is listed when it closed with no callback scheduled, or with its last one failed, cancelled or still open; a callback completed later takes it off. A page holds at most `limit`; `nextCursor` is present while more follow.',
  })
  @ApiOkResponse({ type: MissedCallbacksView })
  async missed(@Query() q: MissedCallbacksQuery, @CurrentScope() scope: ProjectScope): Promise<MissedCallbacksView> {
    const at = (text: string | undefined) => (text === undefined ? undefined : new Date(text));
    const page = await this.find.missed({ limit: q.limit ?? 100, ...presentProps({ from: at(q.closedFrom), to: at(q.closedBefore), cursor: q.cursor }) }, scopedProjects(scope));
    return { items: page.items.map((m) => ({ ...m, closedAt: m.closedAt.toISOString() })), ...presentProps({ nextCursor: page.nextCursor }) };
  }

  @Get('held')
  @Roles('supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({
    summary: 'Callbacks owed but held because their business calendar cannot count their due time, longest held first, cursor-paged',
    description:
      'A resolution’s callback or a plan’s greeting whose calendar refused to count its due time (422 CALENDAR.NO_WORKING_TIME or CALENDAR.NEEDS_CORRECTION) waits here, unscheduled, until a newer version of the calendar counts it: correct the calendar (PUT /v1/calendars/{id}) and the due-time walk schedules it, counted from when it was owed. One owed no more (its ticket reopened or merged, its customer erased, its plan stopped) leaves the list. A page holds at most `limit`; `nextCursor` is present while more follow.',
  })
  @ApiOkResponse({ type: HeldCallbacksView })
  async held(@Query() q: HeldCallbacksQuery, @CurrentScope() scope: ProjectScope): Promise<HeldCallbacksView> {
    const page = await this.find.held({ limit: q.limit ?? 50, ...presentProps({ calendarId: q.calendarId, projectCode: q.projectCode, cursor: q.cursor }) }, scopedProjects(scope));
    return { items: page.items.map(HeldCallbackView.of), ...presentProps({ nextCursor: page.nextCursor }) };
  }

  @Get(':id')
  @Roles('agent', 'supervisor', 'quality', 'manager', 'admin')
  @ApiOperation({ summary: 'A callback with its ticket summary, the customer (masked) and earlier attempts (404 outside your projects)' })
  @ApiOkResponse({ type: CallbackDetailView })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope): Promise<CallbackDetailView> {
    const found = await this.find.byId(id, scopedProjects(scope));
    return {
      ...CallbackView.of(found.task),
      attemptHistory: found.attempts.map(AttemptView.of),
      ...presentProps({ ticket: found.ticket && CallbackTicketView.of(found.ticket), customer: found.customer }),
    };
  }

  @Post(':id/attempts')
  @Roles('agent', 'supervisor')
  @ApiOperation({
    summary: 'Record an attempt to reach the customer',
    description:
      'Unreached attempts are retried per the policy’s spacing until the attempts allowed run out (callback.failed); wrong numbers and refusals fail at once. A reached customer completes the callback; a dissatisfied one (neutral or worse) reopens the ticket, and may be given `nextCallbackAt` and a department rectification deadline, both watched until the ticket is resolved again.',
  })
  @ApiCreatedResponse({ type: CallbackView, description: 'The callback after the attempt.' })
  async attempt(@Param('id', uuidParam('id')) id: string, @Body() body: AttemptDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope): Promise<CallbackView> {
    return CallbackView.of(await this.record.execute(id, reportOf(body), scopedProjects(scope), user.sub));
  }
}
