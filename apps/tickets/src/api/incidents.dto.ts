import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, IsItemCode, ITEM_CODE_SCHEMA, IsUuidInLowerCase } from '@cs/platform';
import { PRIORITIES, TICKET_STATUSES } from '@cs/contracts';
import { presentProps } from '@cs/ddd';
import type { IncidentDetail, IncidentWithClocks } from '../application/find-incidents';
import { INCIDENT_STATUSES, IncidentStatus, MAX_TICKETS_PER_LINK } from '../domain/incident';
import type { IncidentAction } from '../domain/incident-decide';
import type { Priority } from '../domain/ticket-lifecycle';
import type { IncidentChild } from '../infrastructure/incident-children.repository';
import type { IncidentHistoryEntry, IncidentUpdate } from '../infrastructure/incident.repository';
import { Text } from './ticket-commands.dto';
import { CALENDARS_NEEDING_CORRECTION, ClockViewDto, calendarsNeedingCorrection } from './ticket.view';

const INCIDENT_ACTIONS: readonly IncidentAction[] = ['declare', 'dispatch', 'post_update', 'link_tickets', 'resolve', 'resolve_children', 'fire_sla_timers'];

export class DeclareIncidentDto {
  @ApiProperty({ example: 'P001' }) @Text(40) projectCode!: string;
  @ApiPropertyOptional({ example: '3', description: '楼栋: new contacts from this building about the item are offered to join' }) @IsOptional() @Text(40) building?: string;
  @ApiPropertyOptional({ example: '地下车库', description: 'where in the project, when no building says it' }) @IsOptional() @Text(80) area?: string;
  @ApiProperty({ ...ITEM_CODE_SCHEMA, example: 'repair.public_area', description: 'a catalogue item agents may pick (422 INCIDENT.UNKNOWN_ITEM otherwise)' })
  @IsItemCode()
  itemCode!: string;
  @ApiProperty({ example: '3栋1号电梯停运', description: 'public: agents read it to callers and customers receive it' }) @Text(120) title!: string;
  @ApiProperty({ example: '3栋1号电梯停在12楼，已通知维保单位，请业主暂时使用2号电梯', description: 'public; personal data is redacted' })
  @Text(2000)
  description!: string;
  @ApiPropertyOptional({ enum: PRIORITIES, default: 'high' }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
}

export class IncidentUpdateDto {
  @ApiProperty({ example: '维保单位已到场，预计 16:00 恢复', description: 'sent to every child’s customer once; personal data is redacted' }) @Text(1000) message!: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-24T16:00:00+08:00', description: 'in the future (422 INCIDENT.RESTORE_IN_PAST)' })
  @IsOptional()
  @IsInstant()
  expectedRestoreAt?: string;
}

export class LinkTicketsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_TICKETS_PER_LINK,
    description: 'open tickets of the incident’s project; all join or none (422 naming `ticketIds[i]`, 409 for one handled or in another incident)',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TICKETS_PER_LINK)
  @IsUuidInLowerCase({ each: true })
  ticketIds!: string[];
}

export class ResolveIncidentDto {
  @ApiProperty({ example: '更换曳引机编码器，电梯已恢复运行', description: 'every open child is resolved with this text' }) @Text(2000) resolution!: string;
  @ApiPropertyOptional({
    default: true,
    description: 'false: the children stay open (the incident offers them) until `POST /v1/incidents/{id}/resolve-children`',
  })
  @IsOptional()
  @IsBoolean()
  resolveChildren?: boolean;
  @ApiPropertyOptional({
    example: '3栋1号电梯已修复，恢复正常运行，感谢您的耐心等待',
    description: 'the last update, sent to every child’s customer once as `incident.updated.v1` (已恢复通报); default: the resolution (its first 1,000 characters). Personal data is redacted',
  })
  @IsOptional()
  @Text(1000)
  customerMessage?: string;
  @ApiPropertyOptional({ default: true, description: 'false: no last update goes to the callers' })
  @IsOptional()
  @IsBoolean()
  notifyCustomers?: boolean;
}

export class IncidentListQuery {
  @ApiPropertyOptional({ example: 'P001' }) @IsOptional() @IsString() @MaxLength(40) projectCode?: string;
  @ApiPropertyOptional({ example: '3' }) @IsOptional() @IsString() @MaxLength(40) building?: string;
  @ApiPropertyOptional({ example: 'repair.public_area' }) @IsOptional() @IsString() @MaxLength(80) itemCode?: string;
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES }) @IsOptional() @IsIn(INCIDENT_STATUSES) status?: IncidentStatus;
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class IncidentUpdateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1 }) sequence!: number;
  @ApiProperty({ example: '维保单位已到场，预计 16:00 恢复' }) message!: string;
  @ApiPropertyOptional({ format: 'date-time' }) expectedRestoreAt?: string;
  @ApiProperty({ example: 20, description: 'customers it was sent to, one per customer' }) recipients!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;

  static of(u: IncidentUpdate): IncidentUpdateView {
    return {
      id: u.id,
      sequence: u.sequence,
      message: u.message,
      ...presentProps({ expectedRestoreAt: u.expectedRestoreAt?.toISOString() }),
      recipients: u.recipients,
      at: u.at.toISOString(),
      by: u.by,
    };
  }
}

export class IncidentHistoryEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'user id, or "system" for its SLA timers' }) actor!: string;
  @ApiProperty({ enum: INCIDENT_ACTIONS, enumName: 'IncidentHistoryAction' }) action!: IncidentAction;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { department: 'engineering' } }) details!: object;

  static of(h: IncidentHistoryEntry): IncidentHistoryEntryView {
    return { at: h.at.toISOString(), actor: h.actor, action: h.action, details: h.details };
  }
}

/** 群发事件 — one fault, its own dispatch, clocks and resolution, with the callers' tickets as children. */
export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'INC-20261124-0007' }) number!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: IncidentStatus;
  @ApiProperty({ example: 'P001' }) projectCode!: string;
  @ApiPropertyOptional({ example: '3' }) building?: string;
  @ApiPropertyOptional({ example: '地下车库' }) area?: string;
  @ApiProperty({ example: 'repair.public_area' }) itemCode!: string;
  @ApiProperty({ example: 'repair' }) sectionCode!: string;
  @ApiProperty({ example: '3栋1号电梯停运' }) title!: string;
  @ApiProperty({ example: '3栋1号电梯停在12楼，已通知维保单位' }) description!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiPropertyOptional({ example: 'engineering' }) department?: string;
  @ApiPropertyOptional() handler?: string;
  @ApiPropertyOptional({ format: 'date-time' }) dispatchedAt?: string;
  @ApiPropertyOptional({ description: 'the SLA policy timing it' }) policyId?: string;
  @ApiProperty({ type: [ClockViewDto], description: 'first response (met by the first update), dispatch and resolution, as the policy sets them' })
  clocks!: ClockViewDto[];
  @ApiPropertyOptional({ type: [String], example: ['harbour'], description: CALENDARS_NEEDING_CORRECTION }) calendarsNeedingCorrection?: string[];
  @ApiProperty({ enum: [0, 1, 2], description: 'raised by its SLA timers: 0 none, 1 the supervisors (a breach), 2 the manager (a breach left open)' })
  escalationLevel!: number;
  @ApiProperty({ example: 20, description: 'tickets linked to it' }) childCount!: number;
  @ApiProperty({ example: 1 }) updateCount!: number;
  @ApiPropertyOptional({ format: 'date-time' }) lastUpdateAt?: string;
  @ApiPropertyOptional({ type: IncidentUpdateView, description: 'the last update, what an agent tells the next caller (in GET /v1/incidents)' })
  latestUpdate?: IncidentUpdateView;
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional() resolvedBy?: string;
  @ApiPropertyOptional({ description: 'once resolved: whether a clock missed its deadline' }) breached?: boolean;
  @ApiPropertyOptional({ format: 'date-time', description: 'when the open children were handed the resolution' }) childrenResolvedAt?: string;
  @ApiProperty({ description: 'the supervisor who declared it' }) declaredBy!: string;
  @ApiProperty({ format: 'date-time' }) declaredAt!: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional({ description: 'children still open (in GET /v1/incidents/{id})' }) openChildren?: number;
  @ApiPropertyOptional({ description: 'children still being handed the resolution (in GET /v1/incidents/{id})' }) childrenOwedResolution?: number;
  @ApiPropertyOptional({ type: [IncidentUpdateView], description: 'what the customers were told, in order (in GET /v1/incidents/{id})' })
  updates?: IncidentUpdateView[];
  @ApiPropertyOptional({ type: [IncidentHistoryEntryView], description: 'who did what when (in GET /v1/incidents/{id})' })
  history?: IncidentHistoryEntryView[];

  static of({ incident: i, clocks, latestUpdate }: IncidentWithClocks, detail?: Omit<IncidentDetail, 'incident' | 'clocks'>): IncidentView {
    return {
      id: i.id,
      number: i.number,
      status: i.status,
      projectCode: i.place.projectCode,
      ...presentProps({ building: i.place.building, area: i.place.area }),
      itemCode: i.itemCode,
      sectionCode: i.sectionCode,
      title: i.title,
      description: i.description,
      priority: i.priority,
      ...presentProps({ department: i.department, handler: i.handler, dispatchedAt: i.dispatchedAt?.toISOString(), policyId: i.policyId }),
      clocks,
      ...calendarsNeedingCorrection(clocks),
      escalationLevel: i.escalationLevel,
      childCount: i.childCount,
      updateCount: i.updateCount,
      ...presentProps({
        lastUpdateAt: i.lastUpdateAt?.toISOString(),
        resolution: i.resolution,
        resolvedAt: i.resolvedAt?.toISOString(),
        resolvedBy: i.resolvedBy,
        childrenResolvedAt: i.childrenResolvedAt?.toISOString(),
      }),
      ...(i.breached === undefined ? {} : { breached: i.breached }),
      declaredBy: i.declaredBy,
      declaredAt: i.declaredAt.toISOString(),
      version: i.version,
      ...(latestUpdate ? { latestUpdate: IncidentUpdateView.of(latestUpdate) } : {}),
      ...(detail
        ? {
            openChildren: detail.openChildren,
            childrenOwedResolution: detail.childrenOwedResolution,
            updates: detail.updates.map(IncidentUpdateView.of),
            history: detail.history.map(IncidentHistoryEntryView.of),
          }
        : {}),
    };
  }
}

export class IncidentPage {
  @ApiProperty({ type: [IncidentView] }) items!: IncidentView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next page' }) nextCursor?: string;
}

/** A child ticket, or a candidate to become one: no personal data beyond the masked name. */
export class IncidentChildView {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ example: 'TK-20261124-000123' }) number!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ example: '张*' }) customerName!: string;
  @ApiPropertyOptional({ example: 'repair.public_area' }) itemCode?: string;
  @ApiPropertyOptional({ example: '3' }) building?: string;
  @ApiPropertyOptional({ example: '1202' }) room?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(c: IncidentChild): IncidentChildView {
    return {
      ticketId: c.ticketId,
      number: c.number,
      status: c.status,
      customerId: c.customerId,
      customerName: c.customerName,
      ...presentProps({ itemCode: c.itemCode, building: c.building, room: c.room }),
      createdAt: c.createdAt.toISOString(),
    };
  }
}

export class IncidentChildrenView {
  @ApiProperty({ type: [IncidentChildView] }) items!: IncidentChildView[];
}
