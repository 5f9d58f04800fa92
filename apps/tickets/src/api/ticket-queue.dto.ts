import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, IsUuidInLowerCase } from '@cs/platform';
import { GRADES, TICKET_STATUSES } from '@cs/contracts';
import type { TicketQueueFilter } from '../application/find-tickets';

const STATUS_LIST = new RegExp(`^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`);
const BOOLEAN = ['true', 'false'] as const;
type BooleanText = (typeof BOOLEAN)[number];
/** Thirty days ahead: further is no queue, it is planning. */
const MAX_DUE_WITHIN_MINUTES = 43_200;

/** Which tickets a queue holds; every filter given must hold, within what the caller may see. */
export class TicketQueueQuery {
  @ApiPropertyOptional({ description: `comma-separated statuses: ${TICKET_STATUSES.join(', ')}`, example: 'new,dispatched' })
  @IsOptional()
  @Matches(STATUS_LIST, { message: `status must be a comma-separated list of ${TICKET_STATUSES.join(', ')}` })
  status?: string;
  @ApiPropertyOptional({ example: 'complaint' }) @IsOptional() @IsString() @MaxLength(40) section?: string;
  @ApiPropertyOptional({ example: 'repair.public_area' }) @IsOptional() @IsString() @MaxLength(80) item?: string;
  @ApiPropertyOptional({ example: 'engineering' }) @IsOptional() @IsString() @MaxLength(80) department?: string;
  @ApiPropertyOptional({ description: 'handler user id (same as `handler`)' }) @IsOptional() @IsString() @MaxLength(64) assignee?: string;
  @ApiPropertyOptional({ description: 'handler user id', example: 'handler-12' }) @IsOptional() @IsString() @MaxLength(64) handler?: string;
  @ApiPropertyOptional({ description: '首问责任人 — the owning agent’s user id', example: 'agent-7' }) @IsOptional() @IsString() @MaxLength(64) owner?: string;
  @ApiPropertyOptional({ description: 'tickets the caller owns or handles', enum: BOOLEAN }) @IsOptional() @IsIn(BOOLEAN) mine?: BooleanText;
  @ApiPropertyOptional({ enum: GRADES }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number];
  @ApiPropertyOptional({ enum: [0, 1, 2], type: 'integer', description: '0 none, 1 supervisor/leaders, 2 manager' })
  @IsOptional()
  @Type(() => Number)
  @IsIn([0, 1, 2], { message: 'escalationLevel must be 0, 1 or 2' })
  escalationLevel?: 0 | 1 | 2;
  @ApiPropertyOptional({ enum: BOOLEAN, description: 'open tickets past a deadline (or with a breached clock not yet met); false: the others' })
  @IsOptional()
  @IsIn(BOOLEAN)
  overdue?: BooleanText;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_DUE_WITHIN_MINUTES, example: 60, description: 'open tickets not overdue whose nearest deadline falls within this many minutes' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DUE_WITHIN_MINUTES)
  dueWithinMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) project?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUuidInLowerCase() customer?: string;
  @ApiPropertyOptional({ enum: BOOLEAN }) @IsOptional() @IsIn(BOOLEAN) breached?: BooleanText;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() dueBefore?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the ticket a contact opened or joined' }) @IsOptional() @IsUuidInLowerCase() contactId?: string;
}

const flag = (text: BooleanText | undefined) => (text === undefined ? undefined : text === 'true');

/** The query as the use case's filter; `handler` and `assignee` name the same thing. */
export function queueFilterOf(q: TicketQueueQuery): TicketQueueFilter {
  const given = {
    status: q.status?.split(','),
    section: q.section,
    item: q.item,
    department: q.department,
    assignee: q.handler ?? q.assignee,
    owner: q.owner,
    mine: flag(q.mine),
    grade: q.grade,
    escalationLevel: q.escalationLevel,
    overdue: flag(q.overdue),
    dueWithinMinutes: q.dueWithinMinutes,
    project: q.project,
    customer: q.customer,
    breached: flag(q.breached),
    dueBefore: q.dueBefore === undefined ? undefined : new Date(q.dueBefore),
    contactId: q.contactId,
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as TicketQueueFilter;
}

const STATUS_EXAMPLE = { new: 3, dispatched: 5, in_progress: 8, awaiting_customer: 1, resolved: 12, closed: 40 };

export class TicketCountsView {
  @ApiProperty({ example: 69 }) total!: number;
  @ApiProperty({ type: 'object', properties: Object.fromEntries(TICKET_STATUSES.map((s) => [s, { type: 'integer' }])), example: STATUS_EXAMPLE })
  byStatus!: Record<string, number>;
  @ApiProperty({ type: 'object', properties: { general: { type: 'integer' }, major: { type: 'integer' } }, example: { general: 66, major: 3 } })
  byGrade!: Record<string, number>;
  @ApiProperty({
    type: 'object',
    description: '0 none, 1 supervisor/leaders, 2 manager',
    properties: { '0': { type: 'integer' }, '1': { type: 'integer' }, '2': { type: 'integer' } },
    example: { '0': 60, '1': 7, '2': 2 },
  })
  byEscalationLevel!: Record<string, number>;
}
