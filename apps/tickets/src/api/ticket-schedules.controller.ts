import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject, scopedProjects } from '@cs/auth';
import { parseIfMatch, uuidParam, weakEtag } from '@cs/platform';
import { ManageTicketSchedules } from '../application/manage-ticket-schedules';
import { ScheduleListQuery, TicketScheduleDto, TicketScheduleUpdateDto, TicketScheduleView, TicketSchedulesView, scheduleRequestOf } from './ticket-schedules.dto';

const READERS = ['supervisor', 'manager', 'admin'] as const;
const WRITERS = ['supervisor', 'admin'] as const;

/**
 * 周期工单 — schedules of routine work (inspections, meter reading, pre-holiday safety checks):
 * each occurrence opens a ticket and dispatches it to the schedule's department, on the day its
 * rule names or, on a non-working day, as its rule says. Another project's schedule is 404.
 */
@ApiTags('ticket-schedules')
@ScopedByProject()
@Controller('v1/ticket-schedules')
export class TicketSchedulesController {
  constructor(private readonly manage: ManageTicketSchedules) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Make a recurring schedule that opens and dispatches a ticket for each occurrence',
    description:
      'Daily, weekly (on ISO weekdays) or monthly, every `interval`; working days by the business calendar (holidays, 调休). An occurrence on a ' +
      'non-working day opens on the next working day or is skipped (`onNonWorkingDay`); a schedule opens at most one ticket a day. Each ticket ' +
      'has channel `schedule`, `origin` naming the schedule and occurrence, and is dispatched to `department` at once. 403 for a project you do ' +
      'not serve; 422 for an unknown item or calendar, or a rule that cannot work.',
  })
  @ApiCreatedResponse({ type: TicketScheduleView, description: 'the schedule with its next occurrence; its ETag is the version' })
  async create(@Body() body: TicketScheduleDto, @CurrentUser() user: Principal, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketScheduleView> {
    const created = await this.manage.create(scheduleRequestOf(body), scopedProjects(scope), user.sub);
    void reply.header('etag', weakEtag(created.version));
    return TicketScheduleView.of(created);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The recurring schedules of your projects, oldest first' })
  @ApiOkResponse({ type: TicketSchedulesView })
  async list(@Query() query: ScheduleListQuery, @CurrentScope() scope: ProjectScope): Promise<TicketSchedulesView> {
    return { items: (await this.manage.list(scopedProjects(scope), query.project)).map(TicketScheduleView.of) };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A recurring schedule, its next occurrence and the latest tickets it opened' })
  @ApiOkResponse({ type: TicketScheduleView })
  async get(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketScheduleView> {
    const found = await this.manage.get(id, scopedProjects(scope));
    void reply.header('etag', weakEtag(found.version));
    return TicketScheduleView.of(found);
  }

  @Put(':id')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Replace a schedule’s rule, or pause it (`active: false`)',
    description: 'What it opened stays; the next occurrence is recomputed from where it got, so nothing opens twice. The project cannot change (422).',
  })
  @ApiOkResponse({ type: TicketScheduleView })
  async replace(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: TicketScheduleUpdateDto,
    @CurrentUser() user: Principal,
    @CurrentScope() scope: ProjectScope,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketScheduleView> {
    const changed = await this.manage.replace(
      id,
      { ...scheduleRequestOf(body), active: body.active ?? true },
      scopedProjects(scope),
      user.sub,
      parseIfMatch(ifMatch, 'TICKET_SCHEDULE.BAD_IF_MATCH'),
    );
    void reply.header('etag', weakEtag(changed.version));
    return TicketScheduleView.of(changed);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Delete a schedule: it opens nothing more; the tickets it opened stay' })
  @ApiNoContentResponse({ description: 'deleted' })
  async delete(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.manage.delete(id, scopedProjects(scope), parseIfMatch(ifMatch, 'TICKET_SCHEDULE.BAD_IF_MATCH'));
  }
}
