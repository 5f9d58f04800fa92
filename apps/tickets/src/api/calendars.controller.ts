import { Body, Controller, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Roles, SharedAcrossProjects } from '@cs/auth';
import { parseIfMatch, weakEtag } from '@cs/platform';
import { BusinessCalendars, CalendarView } from '../application/business-calendars';
import { CALENDAR_ID_PATTERN } from '../domain/calendar-id';
import { CalendarAddQueryDto, parseAddQuery } from './calendar-add-query';
import { CalendarDocumentDto, CalendarDueDto, CalendarViewDto } from './calendars.dto';

const ID_PARAM = {
  name: 'id',
  example: 'default',
  schema: { type: 'string', pattern: CALENDAR_ID_PATTERN.source },
  description: '1–63 of a–z, 0–9, "_", "-"; `default` is the calendar SLA policies use unless they name another',
};
const ETAG_HEADER = { ETag: { description: 'the calendar version', schema: { type: 'string' } } };

/** 工作日历 — working hours, public holidays and 调休 days, and deadlines computed with them. */
@ApiTags('calendars')
@SharedAcrossProjects('business calendars (working hours, holidays, 调休) are company reference data')
@Controller('v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: BusinessCalendars) {}

  @Get(':id')
  @ApiOperation({ summary: 'A business calendar' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: CalendarViewDto, headers: ETAG_HEADER })
  async read(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CalendarView> {
    const calendar = await this.calendars.read(id);
    void reply.header('etag', weakEtag(calendar.version));
    return calendar;
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Create or replace a business calendar',
    description:
      'The whole document; fields outside the format are ignored and not kept. An invalid document is 422 ' +
      'with every problem in `errors`, each named by its path (`workingHours.mon[1][0]`, `holidays[3].date`); one in which ' +
      'no weekday has hours and no 调休 working day has hours still to come (after now, in its time zone) is 422 `CALENDAR.NO_WORKING_TIME` ' +
      'naming `workingHours`; a holiday or 调休 day whose name holds a phone number, e-mail address or ID number is 422 `CALENDAR.PERSONAL_DATA` naming it ' +
      '(`holidays[3].name`): names go out with the calendar to every service. The ' +
      '`default` calendar keeps as the company’s only the years that differ from the official days, so its document read and ' +
      'put back leaves the other years following them.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: CalendarDocumentDto })
  @ApiOkResponse({ type: CalendarViewDto, description: 'replaced', headers: ETAG_HEADER })
  @ApiCreatedResponse({ type: CalendarViewDto, description: 'created', headers: ETAG_HEADER })
  async replace(
    @Param('id') id: string,
    // Deliberately untyped for the validation pipe: parseCalendar checks the document and names
    // every problem by its path, which a DTO would report less precisely and only in part.
    @Body() document: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarView> {
    const { created, ...calendar } = await this.calendars.replace({
      id,
      document,
      expectedVersion: parseIfMatch(ifMatch, 'CALENDAR.BAD_IF_MATCH'),
      by: user.sub,
    });
    void reply.status(created ? 201 : 200).header('etag', weakEtag(calendar.version));
    return calendar;
  }

  @Get(':id/add')
  @ApiOperation({
    summary: 'The deadline: `from` plus working days, hours or minutes by this calendar',
    description:
      'Exactly one of workingDays, workingHours, workingMinutes. workingDays=N is "N个工作日内": the close of ' +
      'business of the Nth working day after the day of `from` (that day is not counted).',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: CalendarDueDto })
  async add(@Param('id') id: string, @Query() query: CalendarAddQueryDto): Promise<CalendarDueDto> {
    const { from, amount } = parseAddQuery(query);
    const due = await this.calendars.due({ calendarId: id, from, amount });
    return { due: due.local };
  }
}
