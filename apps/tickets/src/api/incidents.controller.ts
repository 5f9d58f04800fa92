import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Roles, ScopedByProject } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { parseIfMatch, uuidParam, weakEtag } from '@cs/platform';
import { FindIncidents } from '../application/find-incidents';
import { LinkIncidentTickets } from '../application/link-incident-tickets';
import { IncidentRequest, RunIncidentCommand } from '../application/run-incident-command';
import type { Incident } from '../domain/incident';
import { INCIDENT_READERS } from '../domain/incident-access';
import {
  DeclareIncidentDto,
  IncidentChildView,
  IncidentChildrenView,
  IncidentListQuery,
  IncidentPage,
  IncidentUpdateDto,
  IncidentView,
  LinkTicketsDto,
  ResolveIncidentDto,
} from './incidents.dto';
import { DispatchDto } from './ticket-commands.dto';
import { RolesTakingOnIncident } from './action-roles';
import { actorOf } from './ticket-response';

const AFTER_COMMAND = 'The incident after the command, with its updates and history; its ETag is the new version. `If-Match` is honoured when sent.';

/**
 * 群发事件 — one fault (a lift, a burst main, a power cut) many customers call about: a supervisor
 * declares it for a project and building or area and a catalogue item; agents join the callers'
 * tickets to it; it has its own dispatch, SLA clocks and resolution, and resolving it resolves
 * its open children with the same text, each with its own callback. Another project's incident
 * is 404, on writes as on reads (ADR 0037).
 */
@ApiTags('incidents')
@ScopedByProject()
@Controller('v1/incidents')
export class IncidentsController {
  constructor(
    private readonly find: FindIncidents,
    private readonly run: RunIncidentCommand,
    private readonly link: LinkIncidentTickets,
  ) {}

  @Post()
  @RolesTakingOnIncident('declare')
  @ApiOperation({
    summary: 'Declare an incident (群发事件) for a project, building or area and a catalogue item',
    description:
      'Supervisors and admins of the project (403 INCIDENT.PROJECT_NOT_SERVED otherwise). The SLA policy that fits the item and project starts its clocks; the title and description are public (redacted) and are what agents read to callers. Announced as `incident.declared.v1`.',
  })
  @ApiCreatedResponse({ type: IncidentView })
  async declare(@Body() b: DeclareIncidentDto, @CurrentUser() u: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<IncidentView> {
    const incident = await this.run.declare(actorOf(u), {
      place: { projectCode: b.projectCode, ...presentProps({ building: b.building, area: b.area }) },
      itemCode: b.itemCode,
      title: b.title,
      description: b.description,
      priority: b.priority ?? 'high',
    });
    return this.answer(incident.id, u, reply);
  }

  @Get()
  @Roles(...INCIDENT_READERS)
  @ApiOperation({
    summary: 'Incidents of your projects, newest first, cursor-paged',
    description:
      'The agent desk asks `?projectCode=…&building=…&status=open` when a caller of that building rings (the caller lookup gives the units): ' +
      'it gets that building’s incidents and those standing for the whole project or an area of it; and `&itemCode=…` to offer a new ticket the incident to join. A handler sees the incidents dispatched to their department.',
  })
  @ApiOkResponse({ type: IncidentPage })
  async list(@Query() q: IncidentListQuery, @CurrentUser() u: Principal): Promise<IncidentPage> {
    const page = await this.find.list(
      { ...presentProps({ projectCode: q.projectCode, building: q.building, itemCode: q.itemCode, cursor: q.cursor }), ...(q.status ? { status: [q.status] } : {}), limit: q.limit ?? 50 },
      actorOf(u),
    );
    return { items: page.items.map((i) => IncidentView.of(i)), ...presentProps({ nextCursor: page.nextCursor }) };
  }

  @Get(':id')
  @Roles(...INCIDENT_READERS)
  @ApiOperation({
    summary: 'An incident with its SLA clocks, updates, history and how many children are still open',
    description: 'Its children are at `GET /v1/incidents/{id}/children`; the ETag is its version, for `If-Match` on commands.',
  })
  @ApiOkResponse({ type: IncidentView })
  get(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<IncidentView> {
    return this.answer(id, u, reply);
  }

  @Get(':id/children')
  @Roles(...INCIDENT_READERS)
  @ApiOperation({
    summary: 'The tickets linked to the incident, oldest first',
    description: 'Each keeps its customer, contacts and callback; read one at `GET /v1/tickets/{ticketId}`. Names are masked.',
  })
  @ApiOkResponse({ type: IncidentChildrenView })
  async children(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal): Promise<IncidentChildrenView> {
    return { items: (await this.find.childrenOf(id, actorOf(u))).map(IncidentChildView.of) };
  }

  @Get(':id/candidates')
  @Roles(...INCIDENT_READERS)
  @ApiOperation({
    summary: 'Open tickets about the same item and place that belong to no incident: the callers offered to join',
    description:
      'Same project and item, and the same building when the incident names one; newest first, at most 100; none once the incident is resolved. The agent confirms with one `POST /v1/incidents/{id}/children`.',
  })
  @ApiOkResponse({ type: IncidentChildrenView })
  async candidates(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal): Promise<IncidentChildrenView> {
    return { items: (await this.find.candidatesFor(id, actorOf(u))).map(IncidentChildView.of) };
  }

  @Post(':id/children')
  @HttpCode(200)
  @RolesTakingOnIncident('link_tickets')
  @ApiOperation({
    summary: 'Join tickets to the incident (1 to 100 at once): all of them or none',
    description:
      'Each ticket’s own SLA clocks stop (the incident’s count for it) and it will be resolved with the incident; announced per ticket as `ticket.incident_joined.v1`. A ticket already in this incident counts once. Refused: a ticket you may not see or of another project (422 naming `ticketIds[i]`), a handled one or one in another incident (409), routine work a schedule opened (409 `TICKET.SCHEDULED_WORK`: it has no caller to tell), a resolved incident (409).',
  })
  @ApiOkResponse({ type: IncidentView, description: AFTER_COMMAND })
  async linkTickets(
    @Param('id', uuidParam('id')) id: string,
    @Body() b: LinkTicketsDto,
    @CurrentUser() u: Principal,
    @Headers('if-match') m: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IncidentView> {
    await this.link.execute(id, actorOf(u), b.ticketIds, parseIfMatch(m, 'INCIDENT.BAD_IF_MATCH'));
    return this.answer(id, u, reply);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @RolesTakingOnIncident('dispatch')
  @ApiOperation({
    summary: 'Dispatch (派单) the incident to a department and optionally a handler',
    description: 'Meets its dispatch clock; the children are not dispatched one by one. Announced as `incident.dispatched.v1`.',
  })
  @ApiOkResponse({ type: IncidentView, description: AFTER_COMMAND })
  dispatch(@Param('id', uuidParam('id')) id: string, @Body() b: DispatchDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.command(id, u, m, r, { action: 'dispatch', department: b.department, ...presentProps({ handler: b.handler }) });
  }

  @Post(':id/updates')
  @HttpCode(200)
  @RolesTakingOnIncident('post_update')
  @ApiOperation({
    summary: 'Tell every child’s customer how the incident is going (进展通报)',
    description:
      'One `incident.updated.v1` naming each child’s customer once, however many tickets they have; the notifications service sends one `incident_update` message per customer to webhook subscribers (SMS / WeChat gateways). The first update meets the first-response clock.',
  })
  @ApiOkResponse({ type: IncidentView, description: AFTER_COMMAND })
  update(@Param('id', uuidParam('id')) id: string, @Body() b: IncidentUpdateDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.command(id, u, m, r, {
      action: 'post_update',
      updateId: randomUUID(),
      message: b.message,
      ...(b.expectedRestoreAt ? { expectedRestoreAt: new Date(b.expectedRestoreAt) } : {}),
    });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RolesTakingOnIncident('resolve')
  @ApiOperation({
    summary: 'Resolve (办结) the incident; its open children are resolved with the same text',
    description:
      'Each open child is resolved in its own transaction shortly after (its `ticket.resolved.v1` schedules its own callback), surviving restarts; `openChildren` and `childrenOwedResolution` show the progress. With `resolveChildren: false` the children stay open until `POST /v1/incidents/{id}/resolve-children`. Every child’s customer is told it is fixed, once, by a last update (`customerMessage`, else the resolution’s first 1,000 characters; none with `notifyCustomers: false`), announced as `incident.updated.v1` when the incident has children. Announced as `incident.resolved.v1`.',
  })
  @ApiOkResponse({ type: IncidentView, description: AFTER_COMMAND })
  resolve(@Param('id', uuidParam('id')) id: string, @Body() b: ResolveIncidentDto, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.command(id, u, m, r, {
      action: 'resolve',
      resolution: b.resolution,
      resolveChildren: b.resolveChildren ?? true,
      ...(b.notifyCustomers === false ? {} : { finalUpdate: { updateId: randomUUID(), message: b.customerMessage ?? b.resolution } }),
    });
  }

  @Post(':id/resolve-children')
  @HttpCode(200)
  @RolesTakingOnIncident('resolve_children')
  @ApiOperation({
    summary: 'Resolve the open children of a resolved incident with its resolution',
    description: 'For an incident resolved with `resolveChildren: false`; asked once, a repeat changes nothing (409 while the incident is open).',
  })
  @ApiOkResponse({ type: IncidentView, description: AFTER_COMMAND })
  resolveChildren(@Param('id', uuidParam('id')) id: string, @CurrentUser() u: Principal, @Headers('if-match') m: string | undefined, @Res({ passthrough: true }) r: FastifyReply) {
    return this.command(id, u, m, r, { action: 'resolve_children' });
  }

  private async command(id: string, user: Principal, ifMatch: string | undefined, reply: FastifyReply, request: IncidentRequest): Promise<IncidentView> {
    await this.run.execute(id, actorOf(user), request, parseIfMatch(ifMatch, 'INCIDENT.BAD_IF_MATCH'));
    return this.answer(id, user, reply);
  }

  /** The incident as the caller may now see it, with its new ETag. */
  private async answer(id: Incident['id'], user: Principal, reply: FastifyReply): Promise<IncidentView> {
    const { incident, clocks, ...detail } = await this.find.byId(id, actorOf(user));
    void reply.header('etag', weakEtag(incident.version));
    return IncidentView.of({ incident, clocks }, detail);
  }
}
