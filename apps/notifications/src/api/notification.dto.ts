import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INCIDENT_STATUSES, SLA_CLOCK_KINDS, TICKET_STATUSES } from '@cs/contracts';
import { AUDIENCE_ROLES, AudienceRole } from '../domain/audience';
import { NOTIFICATION_KINDS, NotificationKind } from '../domain/notification';
import { notificationJson } from '../domain/webhook-payload';
import type { StoredNotification } from '../infrastructure/notification.repository';

export const ESCALATION_REASONS = ['major_complaint', 'sla_breached', 'breach_unresolved', 'manual'] as const;

/** Cursor paging, newest first, as every list of this service pages. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'the `nextCursor` of the previous page', example: 'czQy' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only notifications you have not marked read', example: 'true' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class StreamQuery {
  @ApiPropertyOptional({
    description: 'resume after this event id, for clients that cannot send the `Last-Event-ID` header (the header wins when both are given)',
    example: '1042',
  })
  @IsOptional()
  @Matches(/^\d{1,15}$/)
  lastEventId?: string;
}

export class TicketRefView {
  @ApiProperty({ format: 'uuid', example: '0b6f3c2e-8f4a-4d7e-9a51-3f0c2d1e4b5a' }) id!: string;
  @ApiProperty({ example: 'TK-20261008-000123' }) number!: string;
  @ApiProperty({ enum: TICKET_STATUSES, example: 'dispatched', description: 'the ticket’s status when the event happened' }) status!: string;
  @ApiPropertyOptional({ example: 'complaint.construction_quality' }) itemCode?: string;
  @ApiPropertyOptional({ example: 'P001' }) projectCode?: string;
}

/** 群发事件 — one fault many customers called about (ADR 0037). */
export class IncidentRefView {
  @ApiProperty({ format: 'uuid', example: '4e2a9c1b-7d3f-4b6e-8a05-9c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ example: 'INC-20261124-0007' }) number!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES, example: 'open', description: 'the incident’s status when the event happened' }) status!: string;
  @ApiProperty({ example: 'repair.public_area' }) itemCode!: string;
  @ApiProperty({ example: 'P001' }) projectCode!: string;
}

export class AudienceView {
  @ApiProperty({ enum: AUDIENCE_ROLES, isArray: true, example: ['supervisor', 'manager'] }) roles!: AudienceRole[];
  @ApiPropertyOptional({ example: 'P001' }) projectCode?: string;
  @ApiPropertyOptional({ example: 'engineering', description: 'handlers are reached only in this department' }) department?: string;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid', example: '6d1f0a9e-3c1b-4f7a-8f0e-2b9d5c4a7e11' }) id!: string;
  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    example: 'major_complaint',
    description: 'a ticket’s: major_complaint, escalated, sla_warning, sla_breached; an incident’s (群发事件): incident_escalated, incident_sla_warning, incident_sla_breached',
  })
  kind!: NotificationKind;
  @ApiProperty({ example: '重大投诉 TK-20261008-000123：已上报（第 1 级）' }) title!: string;
  @ApiPropertyOptional({ type: TicketRefView, description: 'the ticket, for a ticket’s kinds; exactly one of `ticket` and `incident` is present' }) ticket?: TicketRefView;
  @ApiPropertyOptional({ type: IncidentRefView, description: 'the incident, for the `incident_*` kinds; exactly one of `ticket` and `incident` is present' }) incident?: IncidentRefView;
  @ApiPropertyOptional({ enum: [1, 2], example: 1, description: 'escalations, a ticket’s or an incident’s: 1 the supervisor, 2 the leaders' }) level?: number;
  @ApiPropertyOptional({ enum: ESCALATION_REASONS, example: 'major_complaint' }) reason?: string;
  @ApiPropertyOptional({ enum: SLA_CLOCK_KINDS, example: 'resolution', description: 'SLA warnings and breaches' }) clock?: string;
  @ApiPropertyOptional({ example: 75, description: 'SLA warnings: how much of the time has passed, in percent' }) thresholdPercent?: number;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-10-09T09:30:00.000Z' }) dueAt?: string;
  @ApiProperty({ type: AudienceView }) audience!: AudienceView;
  @ApiProperty({ format: 'date-time', example: '2026-10-08T02:15:00.000Z' }) occurredAt!: string;
  @ApiProperty({ description: 'whether you marked it read', example: false }) read!: boolean;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-10-08T02:20:00.000Z' }) readAt?: string;

  static of({ notification, readAt }: StoredNotification): NotificationView {
    return { ...notificationJson(notification), read: readAt !== undefined, ...(readAt ? { readAt: readAt.toISOString() } : {}) };
  }
}

/** What is left unread once all was marked read: what arrived meanwhile, usually nothing. */
export class AllReadView {
  @ApiProperty({ description: 'your unread notifications after the marking, counted up to 1,000 as in `GET /v1/notifications`: those arriving meanwhile', example: 0, maximum: 1000 })
  unreadCount!: number;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiPropertyOptional({ description: 'pass as `cursor` for the next (older) page', example: 'czQx' }) nextCursor?: string;
  @ApiProperty({ description: 'all your unread notifications, not only this page’s, counted up to 1,000 (show "999+" at 1,000)', example: 3, maximum: 1000 })
  unreadCount!: number;
}
